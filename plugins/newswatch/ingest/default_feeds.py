"""The shipped feed list: real feeds covering North Korea and Russia (see README, "Feeds").

A [[feeds]] table in the config replaces this list; set `enabled = false` there to drop one. This is
data: the config does not import it; `configured_feeds` picks this list when the config names none.
"""

from newswatch.config import Config, FeedConfig

DEFAULT_FEEDS: tuple[FeedConfig, ...] = (
    FeedConfig("NK News", "https://www.nknews.org/feed/"),  # en
    FeedConfig("Daily NK English", "https://www.dailynk.com/english/feed/"),  # en
    FeedConfig("38 North", "https://www.38north.org/feed/"),  # en
    FeedConfig("Yonhap English, North Korea", "https://en.yna.co.kr/RSS/northkorea.xml"),  # en
    FeedConfig("Yonhap English, all news", "https://en.yna.co.kr/RSS/news.xml"),  # en
    FeedConfig("Korea Herald, all news", "https://www.koreaherald.com/rss/newsAll"),  # en
    FeedConfig("Korea Times, North Korea", "https://www.koreatimes.co.kr/www/rss/northkorea.xml"),  # en
    FeedConfig("The Guardian, North Korea", "https://www.theguardian.com/world/north-korea/rss"),  # en
    FeedConfig("The Guardian, Russia", "https://www.theguardian.com/world/russia/rss"),  # en
    FeedConfig("The Guardian, Ukraine", "https://www.theguardian.com/world/ukraine/rss"),  # en
    FeedConfig("BBC World, Asia", "https://feeds.bbci.co.uk/news/world/asia/rss.xml"),  # en
    FeedConfig("BBC World, Europe", "https://feeds.bbci.co.uk/news/world/europe/rss.xml"),  # en
    FeedConfig("DW, Asia", "https://rss.dw.com/rdf/rss-en-asia"),  # en
    FeedConfig("France 24, Europe", "https://www.france24.com/en/europe/rss"),  # en
    FeedConfig("Kyiv Independent", "https://kyivindependent.com/news-archive/rss/"),  # en
    FeedConfig("Ukrainska Pravda English", "https://www.pravda.com.ua/eng/rss/"),  # en
    FeedConfig("Ukrinform English", "https://www.ukrinform.net/rss/block-lastnews"),  # en
    FeedConfig("The Moscow Times", "https://www.themoscowtimes.com/rss/news"),  # en
    FeedConfig("Meduza English", "https://meduza.io/rss/en/all"),  # en
    FeedConfig("TASS English (state media)", "https://tass.com/rss/v2.xml"),  # en
    FeedConfig("Yonhap Korean, North Korea", "https://www.yna.co.kr/rss/northkorea.xml"),  # ko
    FeedConfig("BBC Korean", "https://feeds.bbci.co.uk/korean/rss.xml"),  # ko
    FeedConfig("BBC Russian", "https://feeds.bbci.co.uk/russian/rss.xml"),  # ru
    FeedConfig("Meduza Russian", "https://meduza.io/rss/all"),  # ru
)


def configured_feeds(config: Config) -> tuple[FeedConfig, ...]:
    """The feeds the config lists, or the shipped ones when it lists none."""
    return DEFAULT_FEEDS if config.feeds is None else config.feeds
