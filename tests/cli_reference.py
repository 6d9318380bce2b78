"""Write docs/cli.md: the `--help` of every `newswatch` command, as the program prints it.

    uv run python -m tests.cli_reference     # after changing a command, an option or a help text

tests/test_cli.py checks that docs/cli.md is what this writes, so the page never drifts from the program.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "cli.md"
COLUMNS = "100"  # argparse wraps help to the terminal's width; the page is written at a fixed one

HEADER = """# `newswatch` command reference

The `--help` of every command, as `newswatch` prints it (at 100 columns). The README's table of commands
says what each one is for; this page lists every option. Written by `tests/cli_reference.py`;
`tests/test_cli.py` fails when it no longer matches the program.
"""


def _commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every sub-command's parser, depth first, in the order they were defined."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _commands(sub)
    return found


def reference() -> str:
    """The page's text."""
    from newswatch.cli import _parser

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = COLUMNS
    try:
        sections = [
            f"## `{p.prog}`\n\n```text\n{p.format_help().rstrip()}\n```\n" for p in _commands(_parser())
        ]
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return HEADER + "\n" + "\n".join(sections)


if __name__ == "__main__":
    PAGE.write_text(reference(), encoding="utf-8")
    sys.exit(0)
