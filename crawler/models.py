"""The records passed between stages: Article, Mention, Fact, Change.

Plain frozen dataclasses with no behaviour beyond small derived values, so that
extraction, mention finding, diffing and rendering stay pure functions of them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import timedelta, timezone
from typing import Any

KST = timezone(timedelta(hours=9), "KST")  # Korean time: a date or time without a zone in the news means this

KINDS = ("capex", "equity_investment", "revenue", "profit", "market_cap", "budget", "other")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
STATUSES = ("new", "confirmed", "revised", "conflict")
# every period the extractor gives: a year, its half or quarter, quarters of a year so far, a span of years,
# a fiscal year, its quarter, a span of fiscal years
PERIOD = re.compile(r"^(?:(?:FY)?\d{4}(?:H[12]|Q[1-4](?:-Q[1-4])?)?|\d{4}-\d{4}|FY\d{4}-FY\d{4})$")
PERIOD_FORMS = "YYYY, YYYYH1, YYYYQ1, YYYYQ1-Q3, YYYY-YYYY, FYYYYY, FYYYYYQ1 or FYYYYY-FYYYYY"


@dataclass(frozen=True)
class Article:
    """One document's own text and metadata, after boilerplate removal."""

    body: tuple[str, ...]
    title: str | None = None
    published: str | None = None  # ISO date "2025-02-24" or datetime "2025-02-24T09:30:00+09:00"
    author: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    path: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.body)

    @property
    def published_date(self) -> str | None:
        """The publication day, YYYY-MM-DD, whatever precision `published` has."""
        return self.published[:10] if self.published else None


@dataclass(frozen=True)
class Conversion:
    """Another currency's statement of the same figure, e.g. (약 74조9000억원)."""

    amount: int
    currency: str
    qualifier: str = "exact"


@dataclass(frozen=True)
class Mention:
    """One money figure found in an article, with what it is about."""

    company: str | None  # canonical English name, or "A+B+C" for an aggregate
    amount: int | None  # units of `currency`; None for vague (수십억) or qualitative mentions
    currency: str | None  # ISO 4217
    qualifier: str = "exact"  # one of QUALIFIERS
    period: str | None = None  # YYYY, YYYYH1, YYYYQ4, YYYY-YYYY, FYYYYY
    kind: str = "other"  # one of KINDS
    evidence: str = ""
    members: tuple[str, ...] | None = None  # the companies of an aggregate or joint venture
    company_ko: str | None = None  # the name as the article wrote it
    amount_max: int | None = None  # upper end of a range
    conversions: tuple[Conversion, ...] = ()
    vague: bool = False  # 수십억 달러: a magnitude, not a number
    # "up"/"down" for a revision (당초 계획보다 늘린다, X에서 Y로: Y), "previous" for the value it replaced (X)
    trend: str | None = None

    @property
    def is_revision_only(self) -> bool:
        """A qualitative revision without a figure ("당초 계획보다 늘린다"): amount None, trend set."""
        return self.amount is None and self.trend in ("up", "down")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["members"] = list(self.members) if self.members else None
        data["conversions"] = [asdict(c) for c in self.conversions]
        return data


@dataclass(frozen=True)
class FactKey:
    """What identifies a fact: who, what kind of figure, for which period."""

    subject: str
    kind: str
    period: str | None


@dataclass(frozen=True)
class Fact:
    """The current known value of one fact."""

    key: FactKey
    amount: int | None
    currency: str | None
    qualifier: str = "exact"
    amount_max: int | None = None
    members: tuple[str, ...] | None = None
    first_seen: str | None = None  # ISO date
    last_seen: str | None = None  # ISO date of the latest article stating it
    sources: tuple[str, ...] = ()  # article URLs (or paths) that state it
    status: str = "new"  # its latest change
    fact_id: int | None = None
    last_source: str | None = None  # who made the latest statement (source name, URL host or path)


@dataclass(frozen=True)
class Change:
    """What one mention did to the known facts."""

    status: str  # one of STATUSES
    key: FactKey
    mention: Mention
    previous: Fact | None = None
    change_pct: float | None = None  # for revisions: (new - old) / old * 100
    direction: str | None = None  # "up"/"down" for revisions

    def to_json(self) -> dict[str, Any]:
        prev = self.previous
        return {
            "status": self.status,
            "company": self.key.subject,
            "amount": self.mention.amount,
            "amount_max": self.mention.amount_max,
            "currency": self.mention.currency,
            "period": self.key.period,
            "kind": self.key.kind,
            "direction": self.direction,
            "change_pct": self.change_pct,
            "previous": None
            if prev is None
            else {"amount": prev.amount, "amount_max": prev.amount_max, "currency": prev.currency},
        }


def _unattributed(m: Mention) -> bool:
    """An investment figure no company is named for ("전 세계 데이터센터 투자 1조 달러"): no fact of anyone's."""
    return m.kind == "capex" and not m.company


@dataclass(frozen=True)
class ExtractResult:
    """What `extract` prints for one document: money figures under "mentions" (each with its amount,
    as the contract has it), figure-less qualitative revisions under "revisions" and figures with no
    number ("수천억원") under "unquantified", capex figures no company is named for under
    "unattributed" (all stay in `mentions` for the store and diff)."""

    article: Article
    keywords: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        a = self.article
        return {
            "path": a.path,
            "url": a.url,
            "canonical_url": a.canonical_url,
            "title": a.title,
            "published": a.published,
            "author": a.author,
            "body": list(a.body),
            "keywords": list(self.keywords),
            "mentions": [m.to_json() for m in self.mentions if m.amount is not None and not _unattributed(m)],
            "revisions": [m.to_json() for m in self.mentions if m.is_revision_only],
            "unquantified": [m.to_json() for m in self.mentions if m.amount is None and not m.is_revision_only],
            "unattributed": [m.to_json() for m in self.mentions if m.amount is not None and _unattributed(m)],
        }
