"""Fixture feeds and article pages, written for these tests in the style of real outlets."""

from __future__ import annotations

from html import escape
from xml.sax.saxutils import escape as xml_escape

NK_TROOPS = [
    "North Korea has sent roughly 11,000 soldiers to Russia, South Korea's National Intelligence Service "
    "told lawmakers on Wednesday, the first detailed account of a deployment that Pyongyang and Moscow had "
    "long refused to confirm.",
    "According to the agency, the troops were moved by sea from the port of Chongjin to Vladivostok and then "
    "by train to training grounds in the Russian Far East before being sent west to the Kursk region, where "
    "Ukrainian forces have held territory since a surprise incursion in August.",
    "Lawmakers who attended the closed-door briefing said the agency believes the soldiers belong to "
    "special operations units, including the elite Storm Corps, and that they were issued Russian uniforms "
    "and identity papers to disguise their origin.",
    "The Kremlin declined to comment on the briefing. A spokesman said military cooperation between the two "
    "countries was a sovereign matter and did not violate any international agreement.",
    "Analysts in Seoul said the deployment marks a new stage in the relationship between Kim Jong Un and "
    "Vladimir Putin, who signed a mutual defence treaty in June, and warned that Pyongyang was likely to "
    "seek advanced military technology in return for the soldiers it has provided.",
    "Officials in Washington said they were consulting allies on a response and urged Beijing to use its "
    "influence over North Korea to stop the transfer of further units to the front.",
]

RUSSIA_ECONOMY = [
    "Russia's central bank raised its key interest rate again on Friday, saying that inflation driven by "
    "record military spending and a tight labour market showed no sign of easing.",
    "The decision, announced in Moscow after a board meeting, took the rate to its highest level in more than "
    "two decades. Governor Elvira Nabiullina told reporters that the bank would keep policy tight for as long "
    "as necessary to bring price growth back to its target.",
    "Businesses have complained that borrowing costs now make new investment almost impossible, and several "
    "large industrial groups have asked the government for subsidised loans to keep production going.",
    "Economists said the Kremlin faces a difficult choice between funding the war and protecting the living "
    "standards of ordinary Russians, as the budget deficit widens and oil revenues fall.",
    "The rouble weakened slightly after the announcement, extending its losses over the past month as exporters "
    "held on to their foreign currency earnings.",
]

FOOTBALL = [
    "A stoppage-time header from the home side's captain rescued a draw on Saturday in a match that had "
    "looked lost for most of the second half.",
    "The visitors had taken the lead just before the break when their striker turned sharply inside the box "
    "and fired low into the far corner, leaving the goalkeeper no chance.",
    "After the interval the home team pressed forward relentlessly, hitting the woodwork twice, while the "
    "visiting defence threw themselves in front of shot after shot. One pundit compared the tactic of "
    "leaving only one defender back to a game of russian roulette.",
    "The equaliser came from a corner in the fourth minute of added time, sending the crowd into raptures and "
    "leaving the away manager to rue a missed chance to move top of the table.",
    "Both sides return to action next weekend, with the home team facing a difficult trip to the coast and the "
    "visitors hosting the league leaders.",
]

COMMENTS = [
    "Reader comment: absolutely disgraceful reporting, as always from this paper.",
    "Reader comment: my uncle saw penguins in the harbour once, nobody believed him.",
]


def page(
    title: str,
    paragraphs: list[str],
    *,
    site: str = "Korea Wire Daily",
    canonical: str | None = None,
    lang: str = "en",
    published: str = "2026-01-14T09:30:00+09:00",
    author: str = "Kim Min-young",
    comments: list[str] = COMMENTS,
) -> bytes:
    """A full article page with navigation, teasers, scripts and a comment section."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    comment_html = "\n".join(f'<li class="comment"><p>{escape(c)}</p></li>' for c in comments)
    canonical_tag = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    teasers = "\n".join(
        f'<li><a href="/news/{i}">Most read story number {i} of the day</a></li>' for i in range(8)
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)} | {escape(site)}</title>
<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="{escape(site)}">
<meta name="author" content="{escape(author)}">
<meta property="article:published_time" content="{published}">{canonical_tag}
<script>window.dataLayer = window.dataLayer || []; function track() {{ return 42; }}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<main><article><h1>{escape(title)}</h1><div class="byline">By {escape(author)}</div>
<div class="article-body">{body}</div></article>
<aside><h3>Most read</h3><ul>{teasers}</ul></aside>
<section id="comments" class="comments"><h3>Comments</h3><ol>{comment_html}</ol></section></main>
<footer><p>Copyright 2026 {escape(site)}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script src="/static/app.js"></script></body></html>""".encode()


def rss(items: list[dict[str, str]], title: str = "Korea Wire Daily", encoding: str = "utf-8") -> bytes:
    """RSS 2.0; each item may have title, link, guid, description, pubDate."""
    parts = []
    for item in items:
        fields = "".join(f"<{k}>{xml_escape(v)}</{k}>" for k, v in item.items())
        parts.append(f"<item>{fields}</item>")
    doc = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>{xml_escape(title)}'
        f"</title><link>http://example.org/</link><description>news</description>{''.join(parts)}"
        "</channel></rss>"
    )
    return doc.encode(encoding)


def atom(entries: list[dict[str, str]], title: str = "Eastern Front Monitor") -> bytes:
    """Atom 1.0; each entry may have title, link, id, summary, updated."""
    parts = []
    for e in entries:
        link = f'<link rel="alternate" href="{xml_escape(e["link"])}"/>' if "link" in e else ""
        rest = "".join(f"<{k}>{xml_escape(v)}</{k}>" for k, v in e.items() if k != "link")
        parts.append(f"<entry>{link}{rest}</entry>")
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{xml_escape(title)}</title><id>urn:test:feed</id><updated>2026-01-15T00:00:00Z</updated>"
        f"{''.join(parts)}</feed>"
    ).encode()


def rdf(items: list[dict[str, str]], title: str = "World Desk") -> bytes:
    """RSS 1.0 (RDF) with dc:date, as DW publishes."""
    parts = []
    for item in items:
        parts.append(
            f'<item rdf:about="{xml_escape(item["link"])}"><title>{xml_escape(item["title"])}</title>'
            f"<link>{xml_escape(item['link'])}</link><dc:date>{item.get('date', '')}</dc:date></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://example.org/"><title>{xml_escape(title)}</title><link>http://example.org/</link>'
        f"<description>d</description></channel>{''.join(parts)}</rdf:RDF>"
    ).encode()
