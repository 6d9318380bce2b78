"""Ingest: from feeds to stored articles. Fetching safely (http), canonical URLs (urls), polling feeds
(feeds, poll, default_feeds), fetching and extracting pages (articles, extract), relevance (topics) and
near-duplicate detection (dedupe). Depends only on the foundation (config, settings, errors)."""
