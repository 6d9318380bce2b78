"""Figures: reading reported numbers out of article text (numbers, series, sources, extractor), storing
them and detecting changes (stage), queries for the commands (query) and scoring (evaluate). Depends
only on the foundation."""
