"""HTML for article pages on four outlet templates, each with its own boilerplate."""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape

import prose
import wordbank as wb

PLACEHOLDER = "http://newswatch-bench.invalid"
MIN_PAGE_BYTES = 60_000
MAX_PAGE_BYTES = 120_000
# Share of site-wide links, teasers and comments that name the watched topics. Real news sites carry the war
# in their menus, tickers and most-read boxes on every page, whatever the story is about.
TOPICAL_SHARE = 0.25


@dataclass(frozen=True)
class Outlet:
    """A news site: its name, URL prefix and which of the four templates it uses."""

    number: int
    name: str
    slug: str
    template: str
    lang: str


OUTLETS = (
    Outlet(1, "The Harbor Ledger", "ledger", "ledger", "en-GB"),
    Outlet(2, "Metro Wire", "metrowire", "wire", "en-US"),
    Outlet(3, "Continental Review", "review", "review", "en-GB"),
    Outlet(4, "Signal Daily", "signal", "signal", "en-US"),
    Outlet(5, "The Valley Courier", "courier", "ledger", "en-GB"),
    Outlet(6, "Coastline Post", "coastline", "wire", "en-US"),
    Outlet(7, "The Northern Observer", "observer", "review", "en-GB"),
    Outlet(8, "Civic Pulse", "pulse", "signal", "en-US"),
)

SECTIONS = (
    "News Local World Business Politics Opinion Sport Culture Science Technology Health Education "
    "Environment Travel Food Property Motoring Obituaries Puzzles Podcasts Video Weather"
).split()
FOOTER_LINKS = (
    "About us|Contact|Careers|Advertise with us|Privacy policy|Cookie settings|Terms of use|Accessibility|"
    "Corrections|Newsletters|Podcasts|Archive|Sitemap|RSS feeds|Subscribe|Gift subscriptions|Help centre|"
    "Editorial standards|Complaints|Syndication|Apps|E-paper|Events|Jobs board|Announcements"
).split("|")


@dataclass(frozen=True)
class PageContext:
    """Everything one page render needs."""

    outlet: Outlet
    story: prose.Story
    url: str
    published: datetime
    item_id: int


def slugify(text: str) -> str:
    """URL slug of a headline."""
    kept = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in kept.split("-") if part)[:70]


def _a(href: str, text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(href)}"{attr}>{escape(text)}</a>'


def _li_links(links: list[tuple[str, str]], cls: str = "") -> str:
    return "".join(f"<li>{_a(href, text, cls)}</li>" for href, text in links)


def _hex(rng: random.Random, n: int = 12) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


@functools.cache
def outlet_css(outlet: Outlet) -> str:
    """A few hundred deterministic CSS rules, as sites inline for first paint."""
    rng = random.Random(f"css:{outlet.slug}")
    props = ("margin", "padding", "color", "font-size", "line-height", "border-bottom", "max-width", "gap")
    rules = []
    for i in range(rng.randint(140, 220)):
        body = ";".join(f"{p}:{rng.randint(0, 48)}px" for p in rng.sample(props, 3))
        rules.append(f".{outlet.slug}-c{i}-{_hex(rng, 5)}{{{body}}}")
    return "".join(rules)


@functools.cache
def analytics_js(outlet: Outlet) -> str:
    """Minified-looking tag manager and consent code that every page of an outlet carries."""
    rng = random.Random(f"js:{outlet.slug}")
    parts = ["(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'start':new Date().getTime(),event:'init'});"]
    for i in range(rng.randint(60, 110)):
        parts.append(
            f"var f{i}=function(e){{if(!e||!e.{_hex(rng, 4)})return null;return w.__cfg&&"
            f"w.__cfg['{_hex(rng, 8)}']?e.{_hex(rng, 4)}*{rng.randint(2, 99)}:d.cookie.length}};"
        )
    parts.append("})(window,document,'script','dataLayer','GTM-" + _hex(rng, 7).upper() + "');")
    return "".join(parts)


@functools.cache
def mega_menu(outlet: Outlet) -> str:
    """The outlet's hidden mega menu: every section with a dozen sub-links."""
    rng = random.Random(f"menu:{outlet.slug}")
    live = [(f"/{outlet.slug}/world/{slugify(t)}/", t) for t in wb.MENU_TOPICS]
    cols = [f'<div class="menu-col"><h4>In focus</h4><ul>{_li_links(live)}</ul></div>']
    for section in SECTIONS:
        names = [rng.choice(wb.PLACES) if rng.random() < 0.5 else _cap_words(rng) for _ in range(12)]
        links = [(f"/{outlet.slug}/{section.lower()}/{slugify(n)}/", n) for n in names]
        cols.append(f'<div class="menu-col"><h4>{section}</h4><ul>{_li_links(links)}</ul></div>')
    return f'<div class="mega-menu" id="mega-menu" aria-hidden="true">{"".join(cols)}</div>'


def _cap_words(rng: random.Random) -> str:
    topic = wb.TOPICS[rng.choice(prose.TOPIC_NAMES)]
    return rng.choice(topic["objects"]).removeprefix("the ").capitalize()


@functools.cache
def site_footer(outlet: Outlet) -> str:
    """Footer with link columns, regional editions and legal text."""
    links = [(f"/{outlet.slug}/{slugify(t)}/", t) for t in FOOTER_LINKS]
    editions = [(f"/{outlet.slug}/edition/{slugify(p)}/", p) for p in wb.PLACES]
    sections = [(f"/{outlet.slug}/{s.lower()}/", s) for s in SECTIONS]
    live = [(f"/{outlet.slug}/live/{slugify(t)}/", t) for t in wb.LIVE_LINKS]
    return (
        f'<footer class="site-footer"><div class="footer-cols">'
        f'<div class="col"><h5>Live coverage</h5><ul>{_li_links(live)}</ul></div>'
        f'<div class="col"><h5>Sections</h5><ul>{_li_links(sections)}</ul></div>'
        f'<div class="col"><h5>{escape(outlet.name)}</h5><ul>{_li_links(links)}</ul></div>'
        f'<div class="col"><h5>Regional editions</h5><ul>{_li_links(editions)}</ul></div></div>'
        f'<p class="legal">© 2025 {escape(outlet.name)} Media Group. All rights reserved. Registered office: '
        f"14 Quay Street, {wb.PLACES[outlet.number]}. Company number {1000000 + outlet.number * 7919}. "
        f"We use cookies to personalise content and ads, to provide social media features and to analyse "
        f"our traffic.</p></footer>"
    )


def teaser_links(
    rng: random.Random, outlet: Outlet, count: int, topical: float = TOPICAL_SHARE
) -> list[tuple[str, str]]:
    """Links to other stories of the same outlet; a share of them about the watched topics."""
    links = []
    for _ in range(count):
        title = rng.choice(wb.TOPICAL_HEADLINES) if rng.random() < topical else prose.headline(rng)
        links.append(
            (f"{PLACEHOLDER}/{outlet.slug}/news/{slugify(title)}-{rng.randint(10, 99999)}.html", title)
        )
    return links


def teaser_cards(rng: random.Random, outlet: Outlet, count: int, heading: str) -> str:
    """A grid of teaser cards with image, headline, summary and time."""
    cards = []
    for href, title in teaser_links(rng, outlet, count):
        cards.append(
            f'<div class="card" data-id="{_hex(rng, 10)}"><a href="{escape(href)}" class="card-link">'
            f'<img src="/img/{_hex(rng)}.jpg" alt="" loading="lazy" width="320" height="180"></a>'
            f'<div class="card-body"><span class="kicker">{rng.choice(SECTIONS)}</span>'
            f"<h3>{_a(href, title)}</h3><p>{escape(prose.teaser_summary(rng))}</p>"
            f'<time class="ago">{rng.randint(1, 23)}h ago</time></div></div>'
        )
    grid = "".join(cards)
    return f'<section class="teasers"><h2>{escape(heading)}</h2><div class="grid">{grid}</div></section>'


def comment_list(rng: random.Random, count: int) -> str:
    """Reader comments with occasional nested replies."""
    items = []
    for _ in range(count):
        replies = ""
        if rng.random() < 0.3:
            replies = "<ol class='replies'>" + _one_comment(rng, "") + "</ol>"
        items.append(_one_comment(rng, replies))
    return (
        f'<section class="comments" id="comments"><h2>{count} comments</h2>'
        f'<div class="comment-policy">Comments are moderated. Please keep the discussion civil.</div>'
        f'<ol class="comment-list">{"".join(items)}</ol></section>'
    )


def _one_comment(rng: random.Random, replies: str) -> str:
    name = f"{rng.choice(wb.COMMENT_NAMES)}{rng.randint(1, 999)}"
    text = prose.comment_text(rng)
    if rng.random() < TOPICAL_SHARE / 2:
        text = f"{rng.choice(wb.TOPICAL_COMMENTS)} {text}"
    return (
        f'<li class="comment" id="c{_hex(rng, 8)}"><div class="comment-meta"><span class="user">{name}</span>'
        f'<time>{rng.randint(1, 59)} minutes ago</time></div><div class="comment-text"><p>'
        f"{escape(text)}</p></div><div class='comment-actions'><button>Reply</button>"
        f"<button>Like ({rng.randint(0, 140)})</button><button>Report</button></div>{replies}</li>"
    )


def head(ctx: PageContext, rng: random.Random) -> str:
    """The <head>: metadata, JSON-LD, inline CSS and tag manager."""
    story, outlet = ctx.story, ctx.outlet
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.standfirst,
        "datePublished": ctx.published.isoformat(),
        "author": {"@type": "Person", "name": story.author},
        "publisher": {"@type": "Organization", "name": outlet.name},
        "mainEntityOfPage": ctx.url,
        "articleSection": story.section,
        "keywords": list(story.tags),
    }
    title = escape(story.title)
    return (
        f'<head><meta charset="utf-8"><title>{title} | {escape(outlet.name)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="description" content="{escape(story.standfirst)}">'
        f'<meta property="og:title" content="{title}"><meta property="og:type" content="article">'
        f'<meta property="og:url" content="{ctx.url}"><meta property="og:site_name" content="{outlet.name}">'
        f'<meta property="article:published_time" content="{ctx.published.isoformat()}">'
        f'<meta name="author" content="{escape(story.author)}"><link rel="canonical" href="{ctx.url}">'
        f'<link rel="preload" as="font" href="/fonts/{_hex(rng, 6)}.woff2" crossorigin>'
        f"<style>{outlet_css(outlet)}</style><script>{analytics_js(outlet)}</script>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
    )


def ad_config(rng: random.Random) -> str:
    """Per-page ad slot configuration, as header bidding scripts embed it."""
    slots = [
        {"id": f"ad-{_hex(rng, 6)}", "sizes": [[300, 250], [728, 90]], "bidders": ["x" + _hex(rng, 4)] * 3}
        for _ in range(rng.randint(8, 16))
    ]
    return f"<script>window.__ads={json.dumps({'slots': slots, 'page': _hex(rng, 16)})};</script>"


def cookie_banner() -> str:
    """Consent banner text that precedes the content in the DOM."""
    return (
        '<div id="consent" class="cmp-banner" role="dialog"><p>We and our partners store and access '
        "information on your device to deliver personalised advertising and content, measure audiences and "
        'improve our services.</p><button class="accept">Accept all</button><button class="reject">Reject all'
        '</button><a href="/privacy/">Manage preferences</a></div>'
    )


def body_html(story: prose.Story, rng: random.Random, outlet: Outlet, wrap: str = "") -> str:
    """Story blocks with inline related-links and ad slots interleaved."""
    out = []
    for index, (tag, text) in enumerate(story.blocks):
        inner = f"<{tag}>{escape(text)}</{tag}>"
        out.append(f'<div class="{wrap}">{inner}</div>' if wrap else inner)
        if index == 2:
            related = _li_links(teaser_links(rng, outlet, 3))
            out.append(f'<aside class="inline-related"><h3>Read more</h3><ul>{related}</ul></aside>')
        elif index % 6 == 5:
            out.append(f'<div class="ad-slot" id="ad-{_hex(rng, 6)}" data-size="300x250"></div>')
    return "".join(out)


def byline(ctx: PageContext) -> str:
    """Author and time."""
    when = ctx.published.strftime("%d %B %Y, %H:%M")
    return (
        f'<div class="byline">By <a rel="author" href="/{ctx.outlet.slug}/authors/'
        f'{slugify(ctx.story.author)}/">{escape(ctx.story.author)}</a> '
        f'<time datetime="{ctx.published.isoformat()}">{when}</time></div>'
    )


def share_bar() -> str:
    """Share buttons."""
    names = ("Facebook", "X", "LinkedIn", "WhatsApp", "Email", "Copy link")
    return (
        '<div class="share">' + "".join(f'<button class="share-btn">{n}</button>' for n in names) + "</div>"
    )


def primary_nav(outlet: Outlet) -> str:
    """Top navigation bar."""
    links = [(f"/{outlet.slug}/{s.lower()}/", s) for s in SECTIONS]
    return f'<nav class="primary" aria-label="Sections"><ul>{_li_links(links)}</ul></nav>'


def tag_list(ctx: PageContext) -> str:
    """Topic tags under the story."""
    links = [(f"/{ctx.outlet.slug}/topic/{slugify(t)}/", t) for t in ctx.story.tags]
    return f'<div class="tags"><h4>Topics</h4><ul>{_li_links(links)}</ul></div>'


def most_read(rng: random.Random, outlet: Outlet) -> str:
    """Numbered most-read list."""
    links = _li_links(teaser_links(rng, outlet, 10))
    return f'<section class="most-read"><h3>Most read</h3><ol>{links}</ol></section>'


def newsletter_box(outlet: Outlet) -> str:
    """Newsletter sign-up form."""
    return (
        f'<section class="newsletter"><h3>Get the {escape(outlet.name)} morning briefing</h3>'
        "<p>The day's most important stories, in your inbox before breakfast.</p>"
        "<form action='/subscribe' method='post'><input type='email' name='email' "
        "placeholder='Your email address'><button>Sign up</button></form></section>"
    )


def photographer(rng: random.Random) -> str:
    """A photo credit name."""
    return f"{rng.choice(wb.FIRST_NAMES)} {rng.choice(wb.LAST_NAMES)}"


def render_ledger(ctx: PageContext, rng: random.Random) -> str:
    """Classic newspaper layout: masthead, mega menu, ticker, story, comments, sidebar."""
    o, s = ctx.outlet, ctx.story
    ticker = _li_links(teaser_links(rng, o, 5, topical=0.6))
    return (
        f'<!DOCTYPE html><html lang="{o.lang}">{head(ctx, rng)}<body class="article-page">{cookie_banner()}'
        f'<header class="masthead"><div class="topbar"><span>{ctx.published:%A %d %B %Y}</span>'
        f'<a href="/subscribe">Subscribe</a><a href="/login">Sign in</a></div>'
        f'<a class="logo" href="/{o.slug}/">{escape(o.name)}</a>{primary_nav(o)}{mega_menu(o)}'
        f'<div class="ticker"><span>Latest</span><ul>{ticker}</ul></div></header>'
        f'<main><div class="breadcrumbs"><a href="/{o.slug}/">Home</a> › {escape(s.section)}</div>'
        f'<article class="story"><header><h1>{escape(s.title)}</h1><p class="standfirst">'
        f"{escape(s.standfirst)}</p>{byline(ctx)}{share_bar()}</header>"
        f'<figure><img src="/img/{_hex(rng)}.jpg" alt="" width="1200" height="675"><figcaption>'
        f"{escape(prose.teaser_summary(rng))} Photograph: {escape(photographer(rng))}"
        f'</figcaption></figure><div class="story-body">{body_html(s, rng, o)}</div>{tag_list(ctx)}</article>'
        f"{newsletter_box(o)}{comment_list(rng, rng.randint(4, 22))}"
        f'<aside class="sidebar">{most_read(rng, o)}<div class="ad-slot"></div></aside>'
        f"{teaser_cards(rng, o, rng.randint(8, 14), 'More from ' + s.section)}<!--FILL--></main>"
        f"{site_footer(o)}{ad_config(rng)}</body></html>"
    )


def render_wire(ctx: PageContext, rng: random.Random) -> str:
    """Div soup with hashed class names and data attributes, one wrapper per paragraph."""
    o, s = ctx.outlet, ctx.story
    cls = f"css-{_hex(rng, 6)}"
    return (
        f'<!DOCTYPE html><html lang="{o.lang}">{head(ctx, rng)}<body><div id="root"><div class="{cls}-app">'
        f'<div class="{cls}-header" data-testid="header"><div class="{cls}-logo">'
        f'<a href="/{o.slug}/">{escape(o.name)}</a></div>{primary_nav(o)}'
        f'<div class="{cls}-search"><input type="search" placeholder="Search {escape(o.name)}"></div></div>'
        f'{mega_menu(o)}<div class="{cls}-layout"><article class="{cls}-main" data-component="article">'
        f'<div data-component="headline"><h1>{escape(s.title)}</h1></div>'
        f'<div data-component="summary"><p>{escape(s.standfirst)}</p></div>'
        f'<div data-component="byline">{byline(ctx)}</div>{share_bar()}'
        f'<div data-component="text-block-list">{body_html(s, rng, o, wrap=cls + "-block")}</div>'
        f"{tag_list(ctx)}</article>"
        f'<div class="{cls}-rail">{most_read(rng, o)}{newsletter_box(o)}'
        f"{teaser_cards(rng, o, rng.randint(4, 8), 'Trending')}</div></div>"
        f"{comment_list(rng, rng.randint(3, 16))}"
        f"{teaser_cards(rng, o, rng.randint(8, 12), 'Recommended for you')}<!--FILL-->"
        f"{site_footer(o)}</div></div>{ad_config(rng)}</body></html>"
    )


def render_review(ctx: PageContext, rng: random.Random) -> str:
    """Semantic magazine layout: contents box, long-form body, reader letters, footnotes."""
    o, s = ctx.outlet, ctx.story
    headings = [text for tag, text in s.blocks if tag == "h2"]
    toc = "".join(f"<li>{escape(h)}</li>" for h in headings) or "<li>Overview</li>"
    return (
        f'<!DOCTYPE html><html lang="{o.lang}">{head(ctx, rng)}<body>{cookie_banner()}'
        f'<header class="site-header"><a class="brand" href="/{o.slug}/">{escape(o.name)}</a>'
        f"{primary_nav(o)}{mega_menu(o)}</header><main>"
        f'<article itemscope itemtype="https://schema.org/NewsArticle"><header><p class="rubric">'
        f'{escape(s.section)}</p><h1 itemprop="headline">{escape(s.title)}</h1><p class="dek">'
        f"{escape(s.standfirst)}</p>{byline(ctx)}</header>"
        f'<nav class="toc"><h2>In this article</h2><ol>{toc}</ol></nav>'
        f'<section class="article-body" itemprop="articleBody">{body_html(s, rng, o)}</section>'
        f'<section class="footnotes"><h2>Notes</h2><ol><li>{escape(prose.teaser_summary(rng))}</li>'
        f"<li>{escape(prose.teaser_summary(rng))}</li></ol></section>{tag_list(ctx)}{share_bar()}</article>"
        f"{comment_list(rng, rng.randint(6, 24))}{newsletter_box(o)}"
        f"{teaser_cards(rng, o, rng.randint(6, 12), 'Further reading')}{most_read(rng, o)}<!--FILL--></main>"
        f"{site_footer(o)}{ad_config(rng)}</body></html>"
    )


def render_signal(ctx: PageContext, rng: random.Random) -> str:
    """Server-rendered app: component markup plus the whole story again in a JSON state script."""
    o, s = ctx.outlet, ctx.story
    state = {
        "props": {
            "pageProps": {
                "article": {"title": s.title, "dek": s.standfirst, "body": [list(b) for b in s.blocks]},
                "author": s.author,
                "related": teaser_links(rng, o, 12),
            }
        },
        "page": "/[section]/[slug]",
        "buildId": _hex(rng, 20),
    }
    return (
        f'<!DOCTYPE html><html lang="{o.lang}">{head(ctx, rng)}<body><div id="__next">'
        f'<div class="Layout_wrap__{_hex(rng, 5)}"><header class="Header_root__x1">'
        f'<a href="/{o.slug}/" class="Header_logo__x2">{escape(o.name)}</a>{primary_nav(o)}</header>'
        f"{mega_menu(o)}<main><article class='Article_root__a1'><h1>{escape(s.title)}</h1>"
        f"<p class='Article_dek__a2'>{escape(s.standfirst)}</p>{byline(ctx)}{share_bar()}"
        f"<div class='RichText_root__r1'>{body_html(s, rng, o, wrap='RichText_block__r2')}</div>"
        f"{tag_list(ctx)}</article>{newsletter_box(o)}"
        f"{teaser_cards(rng, o, rng.randint(6, 12), 'Up next')}{comment_list(rng, rng.randint(2, 12))}"
        f"{most_read(rng, o)}<!--FILL--></main>{site_footer(o)}</div></div>"
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
        f"{ad_config(rng)}</body></html>"
    )


RENDERERS: dict[str, Callable[[PageContext, random.Random], str]] = {
    "ledger": render_ledger,
    "wire": render_wire,
    "review": render_review,
    "signal": render_signal,
}


def experiment_script(rng: random.Random) -> str:
    """A-B test and personalisation state blob, a large share of real page bytes."""
    flags = {
        f"exp_{_hex(rng, 6)}": {"variant": rng.choice("ABCD"), "weight": rng.randint(1, 99)}
        for _ in range(40)
    }
    return f"<script>window.__EXPERIMENTS__={json.dumps(flags)};</script>"


def filler_module(rng: random.Random, outlet: Outlet) -> str:
    """One extra block used to reach the page's target size: teasers or a script blob."""
    if rng.random() < 0.5:
        return experiment_script(rng)
    return teaser_cards(
        rng, outlet, 6, rng.choice(("More stories", "Editors' picks", "In case you missed it"))
    )


def render_page(ctx: PageContext, rng: random.Random) -> bytes:
    """Render, then pad with extra teaser modules up to a per-page target size within 60-120 KB."""
    html = RENDERERS[ctx.outlet.template](ctx, rng)
    target = rng.randint(MIN_PAGE_BYTES + 2_000, MAX_PAGE_BYTES - 12_000)
    fill: list[str] = []
    size = len(html.encode())
    while size < target:
        module = filler_module(rng, ctx.outlet)
        fill.append(module)
        size += len(module.encode())
    return html.replace("<!--FILL-->", "".join(fill), 1).encode()
