"""Small shared widgets: mood picker, support-type checkboxes, contact buttons."""
