"""Every tunable default in one place, each with the reason for its value."""

# --- HTTP -------------------------------------------------------------------
# Total time for one request, connect to last byte. Real feeds answer in well under a second; 10 s
# leaves room for a slow origin without letting a trickling server hold a worker for minutes.
HTTP_TIMEOUT_SECONDS = 10.0
# The largest article page seen in the corpora is 1.4 MB; 5 MB is a generous ceiling that still
# bounds memory at (workers x 5 MB).
HTTP_MAX_BYTES = 5_000_000
# Redirect chains longer than this are almost always loops or tracking hops gone wrong.
HTTP_MAX_REDIRECTS = 5
# Identify ourselves: bot-blocking servers are kinder to an honest, descriptive agent.
HTTP_USER_AGENT = "newswatch/0.1 (+https://github.com/newswatch; news monitoring for analysts)"
# Bodies are read in pieces of this size. It bounds nothing (max_bytes is checked before each read asks
# for more than it allows, and the watchdog ends a trickling body at the deadline whatever the read);
# bigger pieces mean fewer Python-level reads per page. Was 64 KiB, below a typical page (60-120 KB).
HTTP_CHUNK_BYTES = 1024 * 1024
# Longest link (and redirect target) followed or stored, in characters. Browsers and the sitemap
# protocol stop near 2,000; real article links are under 500. A feed link over this is skipped and
# counted (poll_log.skipped_items), never stored.
MAX_URL_CHARS = 2048

# --- Concurrency ------------------------------------------------------------
# Network threads. Requests spend nearly all their time waiting, so 32 keeps a 2-core box busy at
# 50 ms latency without making hundreds of sockets.
FETCH_THREADS = 32
# At most this many requests in flight to one host: polite to publishers, and big outlets
# often host many feeds.
PER_HOST_CONNECTIONS = 4
# Extraction processes. None means one per CPU core: extraction is the CPU-bound part.
EXTRACT_PROCESSES: int | None = None
# Page bodies one fetch stage holds at once: each request in flight reserves max_bytes until its body
# is read, then holds the body's size until extraction is done with it. 200 MB keeps all 32 threads
# busy at the 5 MB cap with room for about 400 typical pages waiting for extraction; before this
# bound, 120 pages of 4 MB took the stage to 599 MB.
FETCH_BYTES_IN_FLIGHT = 200_000_000

# --- Polling ----------------------------------------------------------------
# How often a healthy feed is polled. Airflow runs the cycle every 15 minutes.
POLL_INTERVAL_MINUTES = 15
# A feed due within this share of the interval after a run starts is polled by that run. Runs start
# a little late and take a little while, so a feed stamped "due at 12:15:04" must still count as due
# for the 12:15 run; without this, a 15-minute interval on a 15-minute schedule polls every 30 minutes.
# (The next poll is also timed from when the feed was claimed, not from when its poll ended.)
POLL_DUE_TOLERANCE = 0.1
# Failing feeds back off exponentially from the base up to the cap (a dead feed is tried
# about three times a day), with +-50% jitter so feeds that failed together spread out.
BACKOFF_BASE_MINUTES = 15
BACKOFF_MAX_MINUTES = 8 * 60
BACKOFF_JITTER = 0.5
# Retry-After longer than this is clamped: a misconfigured server must not silence a feed for weeks.
RETRY_AFTER_MAX_MINUTES = 24 * 60
# A claimed feed or page is released automatically after this long, so a killed run's claims
# do not block the next run for longer than this.
CLAIM_LEASE_MINUTES = 10
# Entries kept per poll: a feed dumping thousands of items at once is an archive, not news.
MAX_ITEMS_PER_FEED = 200
# A guid longer than this (UTF-8 bytes) is stored as a prefix plus a hash of the whole: the
# (feed_id, guid) index cannot hold keys over about 2,700 bytes, and 2,000 keeps every guid the
# earlier 2,000-character cut kept.
MAX_GUID_BYTES = 2000
# A publication date more than this far ahead of when the item was first seen is a wrong time zone
# or a date-only value read as midnight UTC (up to 9 hours early for Korean outlets): it is clamped
# to the first-seen time. Clocks differ by seconds, not hours; a real future date hides every later
# revision from the same source.
FUTURE_DATE_TOLERANCE_HOURS = 2.0

# --- Pages ------------------------------------------------------------------
# A page that fails this many times is marked failed and left alone (it stays visible in
# newswatch.pages with its last error).
PAGE_MAX_ATTEMPTS = 4
PAGE_RETRY_BASE_MINUTES = 10
# Hard wall-clock limit for extracting one page. trafilatura normally takes 20-200 ms; a page that
# takes 20 s is pathological and the worker process is killed.
EXTRACT_TIMEOUT_SECONDS = 20.0
# Below this many characters of extracted text the page is treated as having no article text
# (video pages, paywalls); the feed summary is kept instead and the article marked partial.
MIN_TEXT_CHARS = 200
# Pages handed to the extractor before their results are written: bounds memory.
FETCH_BATCH = 200
# Polls that brought no entries (most are 304 Not Modified) are written this many per transaction: one
# transaction per feed cost about 5 ms per feed of a warm cycle in round trips. A crash loses at most
# this many poll records; those feeds are simply polled again once their lease ends.
POLL_WRITE_BATCH = 100

# --- Deduplication ----------------------------------------------------------
# MinHash over word 5-shingles: 5 words is long enough that unrelated articles share few
# shingles, short enough that light edits leave most intact.
SHINGLE_WORDS = 5
# 128 permutations in 32 bands of 4 rows: candidates are found from Jaccard ~0.4 upward
# ((1/32)^(1/4)), then confirmed with the full signature.
MINHASH_PERMUTATIONS = 128
LSH_BANDS = 32
# Estimated Jaccard similarity at or above which two articles are the same story.
DUPLICATE_JACCARD = 0.5

# --- Alerts -----------------------------------------------------------------
# An SMTP server that has not answered in 30 s is down for this run; the alert waits for the next.
SMTP_TIMEOUT_SECONDS = 30.0
# Attempts before an alert is marked failed: with backoff doubling from 5 minutes (capped at 6 h)
# that is about a day of outage, after which someone must look.
ALERT_MAX_ATTEMPTS = 8
ALERT_RETRY_BASE_MINUTES = 5
ALERT_RETRY_MAX_MINUTES = 6 * 60
# More changes than this in one cycle (a first run, a backfill) go out as one combined email.
ALERT_BATCH_THRESHOLD = 5
# Changes recorded while alerting was off go out as one email when it comes back; it lists this many in
# full (the newest) and counts the rest, so a long gap never becomes a flood or an unreadable wall.
UNALERTED_MAX_LISTED = 50

# --- When the warehouse itself is down ------------------------------------------
# The direct email about an unreachable warehouse repeats at most this often per kind of failure: a
# reminder that it is still down, without one email per task try (every 15 minutes, times 4 shards).
DIRECT_ALERT_EVERY_MINUTES = 60
# When the direct email itself could not be sent (the mail server is down too), the next failure tries
# again after this long rather than on every task try, each of which would wait for the SMTP timeout.
DIRECT_ALERT_RETRY_MINUTES = 5
# Direct emails remembered per failure (to record in the outbox when the warehouse is back): a day of
# hourly reminders. Older ones are counted, not kept.
DIRECT_ALERT_KEEP = 24

# --- Dead man's switch and freshness ------------------------------------------------
# The heartbeat GET after a completed cycle: monitoring services answer in milliseconds, and a hung one
# must not hold the cycle (or the Airflow task) for longer than this.
HEARTBEAT_TIMEOUT_SECONDS = 5.0
# The digest says STALE when the last completed cycle is older than this many polling intervals: one
# missed cycle is a hiccup (a slow run, a restart), three in a row means the schedule has stopped.
STALE_AFTER_INTERVALS = 3

# --- Health -----------------------------------------------------------------
# A feed failing this many polls in a row (about 4 hours at the backoff schedule) is reported.
HEALTH_FEED_FAILURES = 5
# A feed answering fine but with no new item for this many times its usual gap between items
# (and at least this many hours: weekly analysis sites are normal) is reported as silent.
HEALTH_SILENT_FACTOR = 4.0
HEALTH_SILENT_MIN_HOURS = 72.0

# --- Retention ----------------------------------------------------------------
# Raw HTML is only needed to re-derive text: 90 days covers an extractor upgrade cycle. The poll log
# is feed-health history: 180 days shows a feed's seasonal cadence.
RETENTION_RAW_HTML_DAYS = 90
RETENTION_POLL_LOG_DAYS = 180

# --- The analyst view (web/) -----------------------------------------------------
# Rows per page, and the most a request may ask for: a page must render in well under 300 ms and a
# query string must not be able to ask the warehouse for everything at once.
WEB_PAGE_SIZE = 50
WEB_MAX_PAGE_SIZE = 200
# Any one query of the view is cut off after this long: a pathological search must not hold a
# warehouse connection (the pipeline's own stages are not affected, they use other sessions).
WEB_STATEMENT_TIMEOUT_MS = 5_000
# Warehouse connections the view keeps: a few analysts at once; Airflow's API server runs one pool
# per worker process.
WEB_POOL_MIN = 1
WEB_POOL_MAX = 4
# How long a request waits for a free (or reconnecting) warehouse connection before answering 503.
WEB_POOL_TIMEOUT_SECONDS = 10.0
# The overview's sparklines show a source's last 30 values (its first and its revisions): a month of a
# daily series, the whole history of a source that speaks a few times a year.
WEB_SPARKLINE_POINTS = 30
# A search whose words the index finds in at most this many stories is read from the index; one with more
# candidates is answered by walking the stories newest first and testing each (web.queries.stories), at
# most WEB_SEARCH_WINDOW of them per page, so a rare phrase of common words cannot read the whole table.
# Both keep a search page near 50 ms on 100,000 articles (benchmarks/web.py).
WEB_SEARCH_FEW = 1000
WEB_SEARCH_WINDOW = 5000
# The series chart draws at most this many points per source (one per time bucket), about one per
# two pixels of its width; revision markers beyond the most recent 400 would be a solid smear.
WEB_CHART_POINTS = 400
WEB_CHART_MARKERS = 400

# --- Airflow ------------------------------------------------------------------
# Tries per task: the first and 2 retries. Transient trouble (a database restart, a network blip) heals
# within minutes; more tries only delay the incident that tells on-call about lasting trouble.
AIRFLOW_RETRIES = 2
# The first retry waits 1 minute, the second 2 (Airflow adds up to as much again as jitter), never more
# than 5: a task's whole envelope stays within half an hour (3 tries x 8 min + at most 6 min of waits).
AIRFLOW_RETRY_DELAY_MINUTES = 1
AIRFLOW_RETRY_BACKOFF = 2.0
AIRFLOW_MAX_RETRY_DELAY_MINUTES = 5
# Hard limit of one poll or fetch shard. Shorter than CLAIM_LEASE_MINUTES, so that the feeds and pages
# a killed task had claimed are free again by the time its retry starts.
AIRFLOW_NETWORK_TIMEOUT_MINUTES = 8
# The other tasks only read and write the warehouse: seconds normally, a few minutes on a backfill.
AIRFLOW_TASK_TIMEOUT_MINUTES = 5
# A run still unfinished this long after it was queued is late (a poll run takes about a minute; 45
# minutes is three schedule intervals): the Deadline Alert opens an incident. There is no run timeout:
# one active run per DAG already prevents pile-ups, and a timeout would skip tasks silently.
AIRFLOW_RUN_LATE_MINUTES = 45
# Task logs show a line per failed feed or page, up to this many per task, each cut to this length:
# enough to see a pattern, bounded when a whole network is down.
AIRFLOW_LOG_FAILURES = 50
AIRFLOW_LOG_LINE_CHARS = 300

# --- Figures ----------------------------------------------------------------
# Morphology for the Russian and Ukrainian rules: off by default. pymorphy3 (the `morph` extra, switched on
# with "auto" or ["ru", "uk"]) names nouns no lexicon lists, but on text no rule writer had read (the
# held-out corpora and the unseen round-2 development corpora) it won nothing: ru +0.005 F1 on one set and
# equal on the other, uk -0.015 and -0.009 (docs/figures-conventions-intl.md), and issue 11 asks to adopt
# only what wins there.
FIGURES_MORPHOLOGY = "off"
