"""Alerts: the outbox, change emails with charts, the daily digest, pipeline-health notices."""
