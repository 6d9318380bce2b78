"""Figures: reading reported numbers out of article text (numbers, series, sources, extractor), storing
them and deciding what is a change (stage, revisions), queries for the commands (query) and scoring on
labelled corpora (corpora, evaluate). Depends only on the foundation."""
