"""Per-language lexicons for the figure rules: one module per language code, each defining `LEXICON`."""
