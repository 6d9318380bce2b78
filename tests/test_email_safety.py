"""Text from the internet going into an alert email (alerts/safety.py): one-line headers of bounded length,
escaped HTML, and links only for plain http(s) URLs."""

from __future__ import annotations

import pytest

from newswatch.alerts.safety import header_text, html_link, html_text, safe_url


def test_control_characters_become_one_space_each_run() -> None:
    assert header_text("NIS:\r\nBcc: victim@example.org") == "NIS: Bcc: victim@example.org"
    assert header_text("a\x00\x1f\u2028b  \t c") == "a b c"


def test_a_header_keeps_up_to_200_characters_and_cuts_longer_ones_to_200_with_an_ellipsis() -> None:
    assert header_text("x" * 200) == "x" * 200
    cut = header_text("x" * 201)
    assert cut == "x" * 199 + "…"
    assert len(cut) == 200
    assert header_text("y" * 30, limit=10) == "y" * 9 + "…"
    assert header_text("y" * 10, limit=10) == "y" * 10


def test_html_text_escapes_markup_and_both_quotes() -> None:
    assert html_text("<b a=\"1\">'x' & y</b>") == "&lt;b a=&quot;1&quot;&gt;&#x27;x&#x27; &amp; y&lt;/b&gt;"


@pytest.mark.parametrize("url", ["http://example.org/a", "https://example.org/", "HTTPS://Example.org/b"])
def test_plain_http_urls_are_linked(url: str) -> None:
    assert safe_url(f"  {url} ") == url
    assert html_link(url, "Yonhap <story>") == f'<a href="{url}">Yonhap &lt;story&gt;</a>'


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/file",
        "http:///no-host",
        "https://example.org/a\nb",
        "http://example.org/\x7f",
        "",
        None,
    ],
)
def test_other_urls_are_shown_as_text_only(url: str | None) -> None:
    assert safe_url(url) is None
    assert html_link(url, "a <label>") == "a &lt;label&gt;"
