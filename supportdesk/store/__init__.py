"""Persistence: the peewee models over SQLCipher, migrations and repositories. No Qt."""
