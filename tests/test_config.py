"""Configuration: the public keys, the defaults, and one clear line for every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from newswatch.config import load_config, parse_config
from newswatch.errors import ConfigError
from newswatch.ingest.default_feeds import DEFAULT_FEEDS, configured_feeds
from newswatch.ingest.topics import TopicMatcher, configured_topics


def test_defaults_ship_the_real_feed_list_and_both_topics(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSWATCH_CONFIG", raising=False)
    monkeypatch.delenv("NEWSWATCH_DATABASE_URL", raising=False)
    config = load_config(None)
    feeds = configured_feeds(config)
    assert config.feeds is None and feeds == DEFAULT_FEEDS and len(feeds) >= 20
    assert {"https://www.nknews.org/feed/", "https://meduza.io/rss/en/all"} <= {f.url for f in feeds}
    assert [t.name for t in configured_topics(config)] == ["north_korea", "russia"]
    assert config.database.url is None  # the embedded server
    assert config.http.timeout_seconds == 10 and config.http.max_bytes == 5_000_000


def test_the_documented_example_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSWATCH_DATABASE_URL", raising=False)
    path = tmp_path / "newswatch.toml"
    path.write_text(
        '[database]\nurl = "postgresql://postgres@127.0.0.1:5432/newswatch"\n'
        '[http]\ntimeout_seconds = 10\nmax_bytes = 5000000\nallow_hosts = ["127.0.0.1:18080"]\n'
        '[[feeds]]\nname = "Example Daily"\nurl = "https://example.org/rss.xml"\n'
    )
    config = load_config(path)
    assert config.database.url == "postgresql://postgres@127.0.0.1:5432/newswatch"
    assert config.http.allow_hosts == ("127.0.0.1:18080",)
    assert [(f.name, f.url, f.enabled) for f in config.feeds] == [
        ("Example Daily", "https://example.org/rss.xml", True)
    ]


def test_config_from_environment_and_database_url_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[database]\nurl = "postgresql://a@h/x"\n')
    monkeypatch.setenv("NEWSWATCH_CONFIG", str(path))
    monkeypatch.setenv("NEWSWATCH_DATABASE_URL", "postgresql://b@h/y")
    assert load_config(None).database.url == "postgresql://b@h/y"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[http]\ntimeout = 3\n", "unknown key 'timeout' in [http]"),
        ("[http]\ntimeout_seconds = -1\n", "timeout_seconds = -1 must be greater than zero"),
        ('[http]\nmax_bytes = "big"\n', "max_bytes = 'big' must be of type int or float"),
        ('[http]\nallow_hosts = ["127.0.0.1"]\n', 'must be "host:port"'),
        ('[[feeds]]\nname = "x"\nurl = "ftp://example.org/feed"\n', "must be an absolute http(s) URL"),
        ('[[feeds]]\nname = "x"\n', "needs both name and url"),
        ("[database\n", "is not valid TOML"),
        (
            '[figures]\nmorphology = ["ko"]\n',
            'morphology = (\'ko\',) must be "auto", "off" or a list of ru, uk',
        ),
    ],
)
def test_invalid_config_is_one_clear_error(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_figures_morphology_is_off_by_default_and_configurable() -> None:
    assert parse_config({}).figures.morphology == ("off",)
    assert parse_config({"figures": {"morphology": "off"}}).figures.morphology == ("off",)
    assert parse_config({"figures": {"morphology": ["ru"]}}).figures.morphology == ("ru",)


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")


def test_feeds_can_be_disabled_and_topics_extended() -> None:
    config = parse_config(
        {
            "feeds": [{"name": "A", "url": "https://a.example/rss", "enabled": False}],
            "topics": [
                {"name": "russia", "terms": ["Rosatom"]},
                {"name": "iran", "terms": ["Iran", "Tehran"]},
            ],
        }
    )
    assert config.feeds is not None and config.feeds[0].enabled is False
    matcher = TopicMatcher(configured_topics(config))
    assert matcher.match("Rosatom signs a deal") == ["russia"]
    assert matcher.match("Tehran and Pyongyang") == ["north_korea", "iran"]
