"""Store rows -> what the pages show (pure): Korean labels, amounts, USD equivalents, safe links.

Wording is the digest's (crawler.digest.wording: '3,800억 위안', '2025~2027년', '알리바바
(Alibaba)'); the facts table is filtered, sorted and paged here (`select_items`, `paged`),
so the app only reads the store and renders. Links to articles are http(s) only; a
replayed file is shown, never linked.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from crawler.digest import wording
from crawler.web.params import FactFilter, period_matches
from crawler.web.queries import ArticleView, ChangeView, FactRow

DATA = Path(__file__).resolve().parent.parent / "data"
UNSTATED = {"up": "상향 (새 금액 미공개)", "down": "하향 (새 금액 미공개)"}  # a plan raised without a figure


@cache
def labels() -> dict[str, Any]:
    return tomllib.loads((DATA / "web_labels.toml").read_text(encoding="utf-8"))


def kind_label(kind: str) -> str:
    return str(labels()["kinds"].get(kind, kind))


def status_label(status: str) -> str:
    return str(wording.labels()["statuses"].get(status, status))


def company_url(subject: str) -> str:
    return "/companies/" + quote(subject, safe="")


@dataclass(frozen=True)
class FactItem:
    row: FactRow
    name: str  # '알리바바 (Alibaba)'
    search: str  # every name it is found by, lower case, without spaces
    value: str  # '3,800억 위안' or '금액 미공개'
    gloss: str  # 'CNY 380.0bn'
    usd: float | None
    usd_text: str
    period: str
    url: str
    company_url: str


def fact_item(row: FactRow, fx: Mapping[str, float]) -> FactItem:
    usd = wording.to_usd(row.amount, row.currency, fx)
    names = [row.subject, *(row.members or ()), wording.company_label(row.subject, row.members)]
    names += [wording.korean_name(n) or "" for n in (row.subject, *(row.members or ()))]
    return FactItem(
        row=row, name=wording.company_label(row.subject, row.members), search=_squash(" ".join(names)),
        value=amount_text(row.amount, row.currency, row.qualifier, row.amount_max) or "금액 미공개",
        gloss=wording.compact_amount(row.amount, row.currency, row.amount_max if row.qualifier == "range" else None)
        if row.amount is not None else "",
        usd=usd, usd_text=f"US${wording.compact_amount(usd, None)}" if usd is not None else "",
        period=wording.period_label(row.period), url=f"/facts/{row.fact_id}", company_url=company_url(row.subject),
    )


def amount_text(amount: int | None, currency: str | None, qualifier: str | None, amount_max: int | None) -> str:
    return wording.korean_amount(amount, currency, qualifier, amount_max) if amount is not None else ""


def _squash(text: str) -> str:
    return "".join(text.lower().split())


def select_items(items: Sequence[FactItem], chosen: FactFilter) -> list[FactItem]:
    """The items the filter keeps, in its order (no USD equivalent sorts last either way)."""
    wanted = _squash(chosen.q)
    kept = [
        item for item in items
        if (not wanted or wanted in item.search)
        and (not chosen.kind or item.row.kind == chosen.kind)
        and (not chosen.status or item.row.status == chosen.status)
        and period_matches(chosen.period, item.row.period)
        and (not chosen.since or (item.row.first_seen is not None and item.row.first_seen >= chosen.since))
        and (not chosen.until or (item.row.first_seen is not None and item.row.first_seen <= chosen.until))
    ]
    if chosen.sort in ("usd_desc", "usd_asc"):
        sign = -1 if chosen.sort == "usd_desc" else 1
        return sorted(kept, key=lambda i: (i.usd is None, sign * (i.usd or 0.0), i.row.subject, i.row.fact_id))
    if chosen.sort == "company":
        return sorted(kept, key=lambda i: (i.row.subject.lower(), i.row.period or "", i.row.fact_id))
    dated = sorted(kept, key=lambda i: (i.row.first_seen.toordinal() if i.row.first_seen else 0, i.row.fact_id))
    return dated[::-1] if chosen.sort == "first_seen_desc" else dated


@dataclass(frozen=True)
class Page:
    items: list[FactItem]
    number: int
    pages: int
    total: int
    first: int  # 1-based index of its first item (0 when empty)


def paged(items: Sequence[FactItem], number: int, size: int) -> Page | None:
    """Page `number` of `items`; None when it is past the last page."""
    pages = max(1, math.ceil(len(items) / size))
    if number > pages:
        return None
    start = (number - 1) * size
    return Page(list(items[start:start + size]), number, pages, len(items), start + 1 if items else 0)


@dataclass(frozen=True)
class ArticleLink:
    title: str
    url: str | None  # http(s) only
    shown: str  # what is written when there is no link
    outlet: str
    published: str  # YYYY-MM-DD or ''
    copies: tuple[tuple[str, str | None], ...]  # (shown, http(s) link or None)


def article_link(article: ArticleView) -> ArticleLink:
    url = wording.safe_url(article.url)
    shown = wording.one_line(article.url or "")
    title = wording.one_line(article.title) or (Path(shown).name if shown else "") or "기사"
    copies = tuple((wording.one_line(c), wording.safe_url(c)) for c in article.copies)
    return ArticleLink(title, url, shown, wording.one_line(article.outlet), (article.published or "")[:10], copies)


@dataclass(frozen=True)
class ChangeItem:
    change_id: int
    fact_id: int
    status: str
    status_label: str
    day: str  # the article's publication date, else the day it was recorded
    kind: str
    period: str
    value: str
    before: str
    pct: str  # '+12.5%' or ''
    direction: str
    evidence: str
    article: ArticleLink
    fact_url: str


def change_item(change: ChangeView) -> ChangeItem:
    value = amount_text(change.amount, change.currency, change.qualifier, change.amount_max)
    if not value and change.status == "revised":
        value = UNSTATED.get(change.direction or "", "금액 미공개")
    return ChangeItem(
        change_id=change.change_id, fact_id=change.fact_id, status=change.status,
        status_label=status_label(change.status),
        day=(change.article.published or "")[:10] or change.created_at.date().isoformat(),
        kind=kind_label(change.kind), period=wording.period_label(change.period), value=value or "금액 미공개",
        before=amount_text(change.previous_amount, change.previous_currency, None, change.previous_amount_max),
        pct=f"{change.change_pct:+.1f}%" if change.change_pct is not None else "",
        direction=change.direction or "", evidence=wording.one_line(change.evidence),
        article=article_link(change.article), fact_url=f"/facts/{change.fact_id}",
    )
