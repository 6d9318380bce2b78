"""newswatch: news monitoring pipeline."""

__version__ = "0.1.0"
