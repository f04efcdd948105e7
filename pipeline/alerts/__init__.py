"""Alerts while a rule clock runs: `alerts.toml` (config), the messages, the channels and the outbox."""
