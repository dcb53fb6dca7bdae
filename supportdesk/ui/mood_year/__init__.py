"""The year at a glance: a square per day, coloured by the day's mean mood."""
