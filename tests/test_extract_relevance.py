"""Relevance decided before full extraction: topics named only around the article do not count."""

from __future__ import annotations

from newswatch.ingest import extract
from newswatch.ingest.topics import DEFAULT_TOPICS, TopicMatcher
from tests import content

URL = "http://127.0.0.1:8000/story.html"
MATCHER = TopicMatcher(DEFAULT_TOPICS)


def _news_site(title: str, paragraphs: list[str], *, headline: str | None = None) -> bytes:
    """A page as news sites build them while a war is in the news: the war in the menu, the ticker, the
    most-read box, a comment and the footer, whatever the article is about."""
    html = content.page(title, paragraphs).decode()
    html = html.replace(
        '<li><a href="/politics">',
        '<li><a href="/russia">Russia</a></li><li><a href="/nk">North Korea</a></li><li><a href="/politics">',
    )
    html = html.replace(
        "<aside><h3>Most read</h3><ul>",
        "<aside><h3>Most read</h3><ul><li><a href='/k'>Kremlin denies troop losses near Kursk</a></li>",
    )
    html = html.replace(
        "<main>",
        '<main><div class="ticker"><ul><li><a href="/t">Putin meets Kim Jong Un in Pyongyang</a></li></ul>'
        '</div><section class="teasers"><div class="teaser"><a href="/x">Russian drones strike again</a>'
        "</div></section>",
    )
    html = html.replace("<ol><li", "<ol><li class='comment'><p>Blame Putin for the bills.</p></li><li", 1)
    html = html.replace("</footer>", "<p><a href='/live'>Ukraine war live: Russia latest</a></p></footer>")
    if headline is not None:
        html = html.replace(f"<h1>{title}</h1>", f"<h1>{headline}</h1>")
    return html.encode()


def test_topics_named_only_around_the_article_leave_it_irrelevant_without_full_extraction():
    html = _news_site("Late equaliser", content.FOOTBALL)
    assert MATCHER.match(extract._page_text(html))  # the page as a whole names the topics
    tree = extract._parse(html)
    assert tree is not None
    assert not extract._may_be_relevant(tree, "Late equaliser", "A cup final.", MATCHER)
    result = extract.extract_page(html, URL, "Late equaliser", "A cup final.", topics=DEFAULT_TOPICS)
    assert result.topics == [] and result.text is None
    # trafilatura on the whole page agrees: no topic in its title and text
    assert extract._extract_full(html, html, URL, "Late equaliser", None, MATCHER).topics == []


def test_a_topic_in_the_article_body_is_found_and_extracted_as_before():
    paragraphs = [
        *content.FOOTBALL,
        "The club's sponsor stopped buying gas from Russian suppliers last year.",
    ]
    html = _news_site("Late equaliser", paragraphs)
    result = extract.extract_page(html, URL, "Late equaliser", None, topics=DEFAULT_TOPICS)
    full = extract._extract_full(html, html, URL, "Late equaliser", None, MATCHER)
    assert result.topics == ["russia"]
    assert (result.text, result.title, result.author, result.published_at, result.language) == (
        full.text,
        full.title,
        full.author,
        full.published_at,
        full.language,
    )
    assert result.content_hash == full.content_hash and result.minhash == full.minhash


def test_a_topic_in_the_page_title_or_feed_summary_goes_to_full_extraction():
    html = _news_site("Kursk side wins the cup", content.FOOTBALL)
    tree = extract._parse(html)
    assert tree is not None
    assert extract._may_be_relevant(tree, "Late equaliser", None, MATCHER)
    assert extract.extract_page(html, URL, "Late equaliser", topics=DEFAULT_TOPICS).topics == ["russia"]
    # a topic in a headline trafilatura does not take the title from: full extraction decides, as before
    html = _news_site("Late equaliser", content.FOOTBALL, headline="Kursk side wins the cup")
    assert extract._may_be_relevant(extract._parse(html), "Late equaliser", None, MATCHER)  # type: ignore[arg-type]
    full = extract._extract_full(html, html, URL, "Late equaliser", None, MATCHER)
    assert extract.extract_page(html, URL, "Late equaliser", topics=DEFAULT_TOPICS).topics == full.topics
    plain = _news_site("Late equaliser", content.FOOTBALL)
    summary = "The final, watched by the Russian ambassador."
    assert extract._may_be_relevant(extract._parse(plain), "Late equaliser", summary, MATCHER)  # type: ignore[arg-type]


def test_a_page_whose_body_cannot_be_located_is_left_to_full_extraction():
    html = (
        "<html><head><title>Notes</title></head><body><div><div>"
        + "".join(f"<div>Line {i} of a plain page with no article markup at all.</div>" for i in range(30))
        + "<div>Officials in Moscow did not reply.</div></div></div></body></html>"
    ).encode()
    tree = extract._parse(html)
    assert tree is not None
    assert extract._may_be_relevant(tree, None, None, MATCHER)


def test_the_matcher_finds_terms_where_they_start_whatever_comes_before():
    assert MATCHER.match("xRussia and Russians_abroad") == []  # never inside a word
    assert MATCHER.match("Talks in St. Petersburg") == ["russia"]
    assert MATCHER.match("KIM JONG UN VISITS TROOPS") == ["north_korea"]  # an all-caps headline
    assert MATCHER.match("russian roulette at the Kremlinology seminar") == []
    # "İ" lowercases to two characters, so positions in the lowered text shift: still found
    assert MATCHER.match("İİİ İstanbul talks with Moscow") == ["russia"]
    assert MATCHER.match("Росія", "Россия и КНДР") == ["north_korea", "russia"]
