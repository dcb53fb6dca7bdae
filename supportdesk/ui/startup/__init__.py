"""Start-up dialogs: the first-run welcome with the recovery key, recovery, and problems."""
