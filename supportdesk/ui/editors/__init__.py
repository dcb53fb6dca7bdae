"""Dialogs that edit supporters, check-ins and gratitude."""
