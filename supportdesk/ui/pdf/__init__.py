"""Printable PDFs drawn with QPdfWriter: the support plan and the wallet-size crisis card."""
