"""Article URL normalization: one spelling per article, whatever link led to it.

`normalize_url` canonicalizes with w3lib (scheme and host lowercased, IDN host in
punycode, query arguments sorted and percent-encoded, fragment dropped) and removes
tracking parameters (utm_*, fbclid, gclid, igshid, mc_cid, ref, from, ...). The list
of tracking parameters is data: crawler/data/tracking_params.toml. Parameters that
identify the article (idxno, aid, no, ...) are kept.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_FILE = Path(__file__).resolve().parent / "data" / "tracking_params.toml"
_DEFAULT_PORTS = {"http": "80", "https": "443"}


@lru_cache(maxsize=1)
def _tracking() -> tuple[tuple[str, ...], frozenset[str]]:
    data = tomllib.loads(TRACKING_FILE.read_text(encoding="utf-8"))
    prefixes = tuple(p.lower() for p in data.get("prefixes", []))
    names = frozenset(n.lower() for n in data.get("names", []))
    return prefixes, names


def is_tracking_param(name: str) -> bool:
    """True for a query parameter that only tracks how the reader arrived."""
    prefixes, names = _tracking()
    lowered = name.lower()
    return lowered in names or lowered.startswith(prefixes)


def normalize_url(url: str) -> str:
    """The one spelling of `url` used to recognise an article (see the module docstring)."""
    url = url.strip()
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)]
    netloc = parts.netloc.lower()
    host, _, port = netloc.rpartition(":")
    if host and "]" not in port and _DEFAULT_PORTS.get(parts.scheme.lower()) == port:
        netloc = host
    cleaned = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))
    return canonicalize_url(cleaned, keep_fragments=False)


def host_allowed(url: str, domains: Sequence[str]) -> bool:
    """True when `url`'s host is one of `domains` or a subdomain of one (the port does not matter)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in (d.lower().strip(".") for d in domains))
