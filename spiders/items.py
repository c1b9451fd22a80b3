"""The item a spider hands to the pipeline: one fetched article page, already decoded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class FetchedPage:
    source: str
    url: str  # normalized URL it was requested under (the remembered one)
    final_url: str  # after redirects
    text: str  # decoded by Scrapy (EUC-KR read as CP949)
    encoding: str
    status: int
    fetched_at: datetime
    lastmod: str | None = None  # from the feed/sitemap entry
    published: str | None = None  # from the feed/sitemap entry
    etag: str | None = None
    last_modified: str | None = None
    revisit: bool = False  # fetched before: its entry shows a newer date
