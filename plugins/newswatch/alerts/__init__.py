"""Alerts: the outbox (outbox), change emails with charts (changes, chart), the daily digest (digest),
pipeline-health incidents (health), and what makes email text safe (safety). Alerts report what the
figures domain found, so they read its query helpers and watchlist (the one cross-domain import)."""
