"""The dead man's switch: after every completed cycle, a GET to [alerts] heartbeat_url (healthchecks.io,
Cronitor, Uptime Kuma push monitors, Dead Man's Snitch). When the pings stop (the scheduler crashed,
the cron job was disabled, the machine is off), that service alerts the operators: the one failure
newswatch cannot report itself.

The ping never fails the cycle and never holds it longer than its timeout. The URL is a secret (anyone
holding it can fake the heartbeat): it never appears in a log line or an error text.
"""

from __future__ import annotations

import logging
import threading
import urllib.error
import urllib.request

from newswatch import settings
from newswatch.config import AlertsConfig

log = logging.getLogger(__name__)


def ping(alerts: AlertsConfig) -> str | None:
    """GET the heartbeat URL; "ok", or "failed: <reason without the URL>", or None when none is set."""
    url = alerts.heartbeat_url
    if not url:
        return None
    timeout = alerts.heartbeat_timeout_seconds
    silent = f"failed: no answer within {timeout:g} s"
    outcome: list[str] = []

    def get() -> None:
        request = urllib.request.Request(url, headers={"User-Agent": settings.HTTP_USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                answer.read(4096)
            outcome.append("ok")
        except urllib.error.HTTPError as e:
            outcome.append(f"failed: HTTP {e.code}")
        except TimeoutError:
            outcome.append(silent)
        except urllib.error.URLError as e:
            outcome.append(silent if isinstance(e.reason, TimeoutError) else f"failed: {_reason(e.reason)}")
        except Exception as e:  # whatever happens, the cycle goes on
            outcome.append(f"failed: {_reason(e)}")

    # A thread, so that a server trickling bytes (each read within the socket timeout) still cannot hold
    # the cycle past the timeout; an abandoned ping dies with the process.
    worker = threading.Thread(target=get, name="newswatch-heartbeat", daemon=True)
    worker.start()
    worker.join(timeout)
    result = outcome[0] if outcome else silent
    if result != "ok":
        log.warning("heartbeat ping %s", result)
    return result


def _reason(error: object) -> str:
    """A reason that cannot contain the URL: the error's type and, for OS errors, the system's words."""
    if isinstance(error, OSError) and error.strerror:
        return f"{type(error).__name__}: {error.strerror}"
    return type(error).__name__ if isinstance(error, BaseException) else "unknown error"
