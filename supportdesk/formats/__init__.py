"""vCard, CSV and ICS readers and writers. No Qt."""
