"""Many literal terms in one regular expression, built as a trie: one pass whatever the number of terms."""

from __future__ import annotations

import re
from typing import Any


def terms_regex(
    terms: list[str] | tuple[str, ...], hyphenated: bool = False, tail: str = ""
) -> re.Pattern[str]:
    """One case-insensitive regex for many literal terms, as a trie: one pass whatever the number of terms.

    At one position the longest term wins ("killed or wounded" over "killed"); words match whole, and with
    `hyphenated` also inside hyphenated compounds ("27-hundred"). `tail` is what may follow a term inside
    its word (an inflection, a particle): it is not part of the match.
    """
    trie: dict[str, Any] = {}
    for term in terms:
        node = trie
        for token in re.findall(r"\s+|.", term.lower()):
            node = node.setdefault(" " if token.isspace() else token, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = []
        for key in sorted(k for k in node if k):
            piece = r"\s+" if key == " " else re.escape(key)
            branches.append(piece + build(node[key]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    # Terms start and end on a word boundary when they start/end with a word character.
    start = r"(?<!\w)" if hyphenated else r"(?<![\w-])"
    end = r"(?=(?:" + tail + r")(?!\w))" if tail else r"(?!\w)"
    return re.compile(
        start + r"(?=\w)" + build(trie) + end + "|" + r"(?<!\w)(?=[^\w\s])" + build(trie),
        re.IGNORECASE,
    )
