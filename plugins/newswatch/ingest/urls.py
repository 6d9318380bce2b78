"""Canonical URLs: one string per article however a feed or a share button decorated the link."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that only track the click, never select content. Prefix entries end in "_".
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "rb_clickid",
        "s_cid",
        "cmpid",
        "ncid",
        "ocid",
        "sr_share",
        "share",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "ito",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "spm",
        "ref_src",
        "ref_url",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "xtor",
        "utm",
    }
)
# Deliberately absent: "ref", "src", "cid", "id", "share": some sites select content with them.
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "__", "_ga", "_gl")
DEFAULT_PORTS = {"http": "80", "https": "443"}


def canonical_url(url: str) -> str:
    """Normalise: lower-case scheme and host, drop default port, fragment, tracking parameters and
    trailing "index.html"; sort the remaining query; keep path case (paths are case-sensitive)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www.") and host.count(".") >= 2:
        # www.example.org and example.org serve the same article on every news site we know of.
        host = host[4:]
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or str(port) == DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    path = _normalise_path(parts.path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query.sort()
    return urlunsplit((scheme, netloc, path, urlencode(query, quote_via=quote), ""))


def _normalise_path(path: str) -> str:
    # Re-quote so "%7E" and "~" (and other equivalent spellings) compare equal.
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~")
    path = re.sub(r"/{2,}", "/", path) or "/"
    path = re.sub(r"/(index|default)\.(html?|php|aspx?)$", "/", path)
    return path


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES)
