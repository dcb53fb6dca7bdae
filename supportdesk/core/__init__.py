"""The pure-Python domain: value types, scheduling, availability, insights, validation.

Nothing here imports Qt or the database layer (import-linter enforces it).
"""
