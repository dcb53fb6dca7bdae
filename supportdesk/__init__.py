"""SupportDesk: a private, local-only home for your support network."""

__version__ = "0.1.0"
APP_NAME = "SupportDesk"
APP_ID = "supportdesk"
