"""Crisis help that is never more than a key away: the strip at the top of Reach out
now and of the crisis-only view (emergency number, main crisis line), the crisis-only
view itself (shown while locked, from a dialog and at first run), and the lines' cards.
"""
