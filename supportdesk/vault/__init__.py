"""Key management: keyring access, recovery key, key wrapping, vault metadata, backups."""
