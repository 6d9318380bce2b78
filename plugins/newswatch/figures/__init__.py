"""Reported figures: numbers, series, sources, extraction, change detection."""
