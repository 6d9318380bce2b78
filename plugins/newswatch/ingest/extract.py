"""Turning a fetched page into article text, metadata, topics and a fingerprint.

This runs in extraction worker processes (see articles.py), so everything CPU-heavy about one page
happens here: trafilatura, language detection, topic matching, MinHash and compression.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import DEFAULT_CONFIG, Document
from trafilatura.utils import load_html
from trafilatura.xpaths import BODY_XPATH

from newswatch import settings
from newswatch.db import clean_text
from newswatch.ingest.dedupe import minhash_signature
from newswatch.ingest.topics import Topic, TopicMatcher
from newswatch.ingest.urls import canonical_url

# zlib level 6 (the default) costs ~3x the CPU of level 1 for ~10% smaller HTML; the raw HTML is
# only kept for re-extraction, so cheap compression wins.
RAW_COMPRESSION_LEVEL = 1
_LANG_ATTR = re.compile(rb"<html[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)

_matcher: TopicMatcher | None = None


def init_worker(topics: tuple[Topic, ...]) -> None:
    """Process initializer: compile the topic patterns once per worker."""
    global _matcher
    _matcher = TopicMatcher(topics)


@dataclass
class Extracted:
    """What a page yielded. `text` is None when the page had no article text."""

    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    sitename: str | None = None
    text: str | None = None
    rel_canonical: str | None = None
    topics: list[str] = field(default_factory=list)
    content_hash: str | None = None
    minhash: bytes | None = None
    raw_html: bytes = b""
    raw_bytes: int = 0


def extract_page(
    html: bytes,
    url: str,
    feed_title: str | None = None,
    feed_summary: str | None = None,
    topics: tuple[Topic, ...] | None = None,
) -> Extracted:
    """Extract one page. Relevance is judged on title and text, falling back to the feed's summary."""
    matcher = TopicMatcher(topics) if topics is not None else _matcher
    if matcher is None:
        raise RuntimeError("extract_page needs topics, or a worker started with init_worker")
    if not matcher.match(feed_title, feed_summary, _page_text(html)):
        # No topic term anywhere in the page (markup, navigation and all): its article text cannot
        # mention one either, so trafilatura, the expensive part, is skipped.
        return Extracted(title=feed_title, raw_bytes=len(html))
    tree = _parse(html)
    if tree is not None and not _may_be_relevant(tree, feed_title, feed_summary, matcher):
        # News sites name the topics in menus, tickers and teasers on every page; the article body,
        # located cheaply, and the titles do not: trafilatura would find none in the text either.
        return Extracted(title=feed_title, raw_bytes=len(html))
    return _extract_full(html if tree is None else tree, html, url, feed_title, feed_summary, matcher)


def _extract_full(
    source: bytes | HtmlElement,
    html: bytes,
    url: str,
    feed_title: str | None,
    feed_summary: str | None,
    matcher: TopicMatcher,
) -> Extracted:
    """trafilatura on the whole page (source: the bytes, or the tree parsed from them), then relevance."""
    doc = trafilatura.bare_extraction(
        source, url=url, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False
    )
    text = title = author = sitename = canonical = None
    published = None
    if isinstance(doc, Document):
        # Cleaned here, so the content hash is of the text as stored (PostgreSQL refuses NUL).
        text = clean_text((doc.text or "").strip()) or None
        title = clean_text(doc.title) or None
        author = clean_text(doc.author) or None
        sitename = clean_text(doc.sitename) or None
        published = _date(doc.date)
        page_url = clean_text(doc.url) or ""
        # A canonical link too long to be a real one is ignored, as feed links that long are.
        if (
            page_url
            and len(page_url) <= settings.MAX_URL_CHARS
            and canonical_url(page_url) != canonical_url(url)
        ):
            canonical = page_url
    if text is not None and len(text) < settings.MIN_TEXT_CHARS:
        text = None
    title = title or feed_title
    found = matcher.match(title, text or feed_summary)
    minhash = content_hash = None
    if found and text:
        minhash = minhash_signature(text)
        content_hash = hashlib.sha256(text.encode()).hexdigest()
    language = _language(html, text or feed_summary or title or "") if found else None
    return Extracted(
        title=title,
        author=author,
        published_at=published,
        language=language,
        sitename=sitename,
        text=text,
        rel_canonical=canonical,
        topics=found,
        content_hash=content_hash,
        minhash=minhash,
        raw_html=zlib.compress(html, RAW_COMPRESSION_LEVEL) if found else b"",
        raw_bytes=len(html),
    )


# Elements whose text is never article text: skipped with everything inside them when looking for topic
# terms in the located body. Tags and class/id tokens that trafilatura also discards (include_comments=False).
_SKIP_TAGS = frozenset(
    "script style noscript template head nav footer aside form menu iframe svg button select textarea".split()
)
_SKIP_CLASS = re.compile(
    r"^[Cc]omment(?!ary)|(?:article|post)-comments|elated|most-popular|-stories|teaser|^shar|share-|social|"
    r"newsletter|navbar|navigation|subnav|^nav\b|menu|footer|outbrain|taboola|(?:^| )ad-|tag-list"
)
_SKIP_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)|related|^ad-|footer|menu")
_MAX_FILE_SIZE = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
# A located body with less text than this is not trusted to hold the article: full extraction decides.
MIN_LOCATED_CHARS = 250


def _parse(html: bytes) -> HtmlElement | None:
    """The page as trafilatura parses it (same decoding, same size cap), or None where it would give up.
    The tree is only read before trafilatura gets it, so both steps parse the page once."""
    try:
        return load_html(html, _MAX_FILE_SIZE)
    except (TypeError, ValueError):
        return None


def _may_be_relevant(
    tree: HtmlElement, feed_title: str | None, feed_summary: str | None, matcher: TopicMatcher
) -> bool:
    """Whether the page's titles, the feed's summary or its article body (located as trafilatura's first
    step does, without boilerplate) name a topic. True whenever the body cannot be located."""
    if matcher.match(feed_title, feed_summary, *_page_titles(tree)):
        return True
    for expression in BODY_XPATH:
        for element in expression(tree):
            if _skipped(element) or any(_skipped(parent) for parent in element.iterancestors()):
                continue
            parts: list[str] = []
            _body_text(element, parts)
            text = " ".join(parts)
            if len(text) >= MIN_LOCATED_CHARS:
                return bool(matcher.match(text))
            break  # as trafilatura: a short first match sends it to the next expression
    return True


def _page_titles(tree: HtmlElement) -> list[str]:
    """Titles trafilatura's metadata may take the article's title from."""
    titles = [e.text_content() for e in tree.iterfind(".//title")]
    titles += [e.text_content() for e in tree.iterfind(".//h1")]
    for meta in tree.iterfind(".//meta"):
        key = meta.get("property") or meta.get("name") or ""
        if key.endswith("title") or key.endswith("headline"):
            titles.append(meta.get("content") or "")
    return titles


def _skipped(element: HtmlElement) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag in _SKIP_TAGS:
        return True
    cls, ident = element.get("class"), element.get("id")
    return bool((cls and _SKIP_CLASS.search(cls)) or (ident and _SKIP_ID.search(ident)))


def _body_text(element: HtmlElement, parts: list[str]) -> None:
    """The text of element and its children, leaving out skipped subtrees (their tails are kept)."""
    if element.text:
        parts.append(element.text)
    for child in element:
        if not _skipped(child):
            _body_text(child, parts)
        if child.tail:
            parts.append(child.tail)


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def _page_text(html: bytes) -> str:
    """The page decoded well enough to look for topic terms: UTF-8, else its declared charset, else cp1252;
    numeric character references resolved (a term written as &#1056;... still counts)."""
    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError:
        m = _CHARSET.search(html[:4096])
        try:
            text = html.decode(m.group(1).decode("ascii") if m else "cp1252", errors="replace")
        except LookupError:
            text = html.decode("cp1252", errors="replace")
    return html_lib.unescape(text) if "&#" in text else text


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        return None


# Language codes pages declare that are not ISO 639-1 ("ua" is a country code many Ukrainian sites use; "kr"
# likewise for Korean), and three-letter codes, to the codes the figure rules are kept under.
_LANG_CODES = {"ua": "uk", "ukr": "uk", "kr": "ko", "kor": "ko", "rus": "ru", "eng": "en"}


def _language(html: bytes, text: str) -> str | None:
    """The page's declared language, else a guess from the text."""
    m = _LANG_ATTR.search(html[:4096])
    if m:
        code = m.group(1).decode().lower()
        return _LANG_CODES.get(code, code)
    if len(text) < 40:
        return None
    import py3langid

    lang, _score = py3langid.classify(text[:2000])
    return str(lang)
