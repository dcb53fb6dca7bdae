"""Qt item models over service results (thin adapters, no queries of their own)."""
