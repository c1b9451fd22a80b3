"""Pending changes -> the digest's subject, plain text and HTML (pure; no clock, no I/O but templates).

One entry per fact: new, revised (before -> after, percentage), conflict (the sources side by
side) or confirmed, with confirmations folded into one line. Capex entries are grouped by
company, the largest (USD equivalent) first; equity investments get a short second section;
unhealthy sources a line each. Templates are files in templates/ (Jinja2, HTML autoescaped);
every text from an article reaches HTML escaped, and links are http(s) only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from crawler.digest import wording
from crawler.store.deliveries import ArticleRef, PendingChange

TEMPLATES = Path(__file__).resolve().parent / "templates"
SHOWN_KINDS = ("capex", "equity_investment")
STATUS_ORDER = {"new": 0, "revised": 1, "conflict": 2, "confirmed": 3}
CHART_BARS = 12


@dataclass(frozen=True)
class Link:
    title: str
    url: str | None  # None when the article has no http(s) URL: shown, not linked
    note: str = ""  # date and site


@dataclass(frozen=True)
class Value:
    text: str  # '3,800억 위안'
    gloss: str  # 'CNY 380.0bn'
    approx: str  # '≈ US$52.8bn · 73.9조 원'
    usd: float | None
    usd_text: str = ""  # 'US$52.8bn'
    krw_text: str = ""  # '73.9조 원' ('' for a KRW figure)


@dataclass(frozen=True)
class Revision:
    before: str
    after: str
    pct: str  # '+12.5%' or '' when unknown
    direction: str  # up, down or ''
    link: Link


@dataclass(frozen=True)
class Conflict:
    claimed: str
    claimed_links: tuple[Link, ...]
    known: str
    known_links: tuple[Link, ...]


@dataclass(frozen=True)
class Entry:
    fact_id: int
    subject: str
    name: str  # '알리바바 (Alibaba)'
    short_name: str  # '알리바바'
    kind: str
    status: str
    status_label: str
    value: Value | None
    period: str
    evidence: str
    links: tuple[Link, ...]
    revisions: tuple[Revision, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    confirmations: tuple[Link, ...] = ()
    url: str | None = None  # the fact's page in the web view, when [web] base_url is set


@dataclass(frozen=True)
class Group:
    name: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Bar:
    label: str
    amount: str
    usd: str
    pct: int


@dataclass(frozen=True)
class Digest:
    subject: str
    text: str
    html: str
    counts: dict[str, int] = field(default_factory=dict)
    change_ids: tuple[int, ...] = ()  # every pending change this digest covers


def render_digest(pending: Sequence[PendingChange], *, health: Sequence[Any] = (),
                  fx_to_usd: Mapping[str, float], today: date, subject_prefix: str = "[capexwatch]",
                  fact_links: str | None = None, baselines: Sequence[str] = ()) -> Digest:
    """The digest of `pending`; counts['shown'] == 0 (and no `baselines` line) means there is nothing
    worth sending. `baselines`: one line per backfill whose facts are the baseline, not news.

    `fact_links` ([web] base_url, ending in '/'): each entry links to `{fact_links}facts/{id}`."""
    by_fact: dict[int, list[PendingChange]] = defaultdict(list)
    for change in pending:
        if change.kind in SHOWN_KINDS:
            by_fact[change.fact_id].append(change)
    entries = [_entry(changes, fx_to_usd, fact_links) for changes in by_fact.values()]
    capex = [e for e in entries if e.kind == "capex"]
    equity = sorted((e for e in entries if e.kind != "capex"), key=_entry_order)
    counts = {s: sum(1 for e in capex if e.status == s) for s in ("new", "revised")}
    counts["conflict"] = sum(1 for e in capex if e.conflicts)
    counts["confirmed"] = sum(1 for e in capex if e.confirmations)
    unhealthy = [h for h in health if not getattr(h, "healthy", True)]
    counts.update(equity=len(equity), shown=len(entries), unhealthy=len(unhealthy), baselines=len(baselines))
    subject = wording.one_line(
        f"{subject_prefix} 설비투자 브리핑 {today.isoformat()}: 신규 {counts['new']}건, 수정 {counts['revised']}건")
    context = {
        "subject": subject, "today": today, "counts": counts, "baselines": list(baselines),
        "groups": _groups(capex), "equity": equity,
        "bars": _bars(capex), "bars_more": max(0, len(_charted(capex)) - CHART_BARS),
        "unhealthy": _health_lines(health, today),
        "fx_note": _fx_note(fx_to_usd, _currencies([c for cs in by_fact.values() for c in cs])),
    }
    return Digest(subject, _render("digest.txt.j2", context), _render("digest.html.j2", context), counts,
                  tuple(c.change_id for c in pending))


def _entry(changes: list[PendingChange], fx: Mapping[str, float], fact_links: str | None = None) -> Entry:
    changes = sorted(changes, key=lambda c: c.change_id)
    statuses = {c.status for c in changes}
    status = min(statuses, key=lambda s: STATUS_ORDER.get(s, 9))
    valued = [c for c in changes if c.status in ("new", "revised") and c.amount is not None]
    head = valued[-1] if valued else next(c for c in changes if c.status == status)
    first = changes[0]
    return Entry(
        fact_id=first.fact_id, subject=first.subject,
        name=wording.company_label(first.subject, first.members, head.company_ko),
        short_name=wording.short_label(first.subject, first.members),
        kind=first.kind, status=status, status_label=wording.labels()["statuses"].get(status, status),
        value=_value(head.amount, head.currency, head.qualifier, head.amount_max, fx),
        period=wording.period_label(first.period), evidence=wording.one_line(head.evidence),
        links=_links(a for c in changes for a in (c.article, *c.fact_articles)),
        revisions=tuple(_revision(c, fx) for c in changes if c.status == "revised"),
        conflicts=tuple(_conflict(c, fx) for c in changes if c.status == "conflict"),
        confirmations=_links(c.article for c in changes if c.status == "confirmed"),
        url=wording.safe_url(f"{fact_links}facts/{first.fact_id}") if fact_links else None,
    )


def _value(amount: int | None, currency: str | None, qualifier: str | None, amount_max: int | None,
           fx: Mapping[str, float]) -> Value | None:
    if amount is None:
        return None
    usd = wording.to_usd(amount, currency, fx)
    return Value(
        text=wording.korean_amount(amount, currency, qualifier, amount_max),
        gloss=wording.compact_amount(amount, currency, amount_max if qualifier == "range" else None),
        approx=wording.approx_equivalents(usd, currency, fx), usd=usd,
        usd_text=f"US${wording.compact_amount(usd, None)}" if usd is not None else "",
        krw_text=wording.approx_krw(usd / fx["KRW"]) if usd is not None and currency != "KRW" and fx.get("KRW") else "",
    )


def _value_text(amount: int | None, currency: str | None, qualifier: str | None, amount_max: int | None,
                fx: Mapping[str, float]) -> str:
    value = _value(amount, currency, qualifier, amount_max, fx)
    return f"{value.text} ({value.gloss})" if value else "금액 미공개"


def _revision(change: PendingChange, fx: Mapping[str, float]) -> Revision:
    direction = change.direction or change.trend or ""
    pct = f"{change.change_pct:+.1f}%" if change.change_pct is not None else ""
    after = _value_text(change.amount, change.currency, change.qualifier, change.amount_max, fx)
    if change.amount is None:
        after = {"up": "상향 (새 금액 미공개)", "down": "하향 (새 금액 미공개)"}.get(direction, after)
    before = _value_text(change.previous_amount, change.previous_currency, None, change.previous_amount_max, fx)
    return Revision(before, after, pct, direction, _link(change.article))


def _conflict(change: PendingChange, fx: Mapping[str, float]) -> Conflict:
    others = tuple(a for a in change.fact_articles if a.article_id != change.article.article_id)
    return Conflict(
        claimed=_value_text(change.amount, change.currency, change.qualifier, change.amount_max, fx),
        claimed_links=(_link(change.article),),
        known=_value_text(change.previous_amount, change.previous_currency, None, change.previous_amount_max, fx),
        known_links=_links(others),
    )


def _links(refs) -> tuple[Link, ...]:
    seen: dict[int, Link] = {}
    for ref in refs:
        seen.setdefault(ref.article_id, _link(ref))
    return tuple(seen.values())


def _link(ref: ArticleRef) -> Link:
    url = next((u for u in map(wording.safe_url, ref.urls) if u), None)
    title = wording.one_line(ref.title) or wording.one_line(Path(ref.path).name if ref.path else "") or "기사"
    site = (url.split("/")[2] if url else "")
    note = " · ".join(p for p in ((ref.published or "")[:10], site) if p)
    return Link(title=title, url=url, note=note)


def _entry_order(entry: Entry) -> tuple:
    usd = entry.value.usd if entry.value and entry.value.usd is not None else -1.0
    return (STATUS_ORDER.get(entry.status, 9), -usd, entry.subject)


def _groups(entries: list[Entry]) -> list[Group]:
    by_subject: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_subject[entry.subject].append(entry)

    def size(items: list[Entry]) -> float:
        return max((e.value.usd for e in items if e.value and e.value.usd is not None), default=-1.0)

    ordered = sorted(by_subject.values(), key=lambda items: (-size(items), items[0].subject))
    return [Group(items[0].name, tuple(sorted(items, key=_entry_order))) for items in ordered]


def _charted(entries: list[Entry]) -> list[Entry]:
    """The new figures that have a USD equivalent, largest first: what the chart shows."""
    new = [e for e in entries if e.status == "new" and e.value and e.value.usd]
    return sorted(new, key=lambda e: -(e.value.usd or 0.0) if e.value else 0.0)


def _bars(entries: list[Entry]) -> list[Bar]:
    top = _charted(entries)[:CHART_BARS]
    if not top or not top[0].value or not top[0].value.usd:
        return []
    largest = top[0].value.usd
    return [
        Bar(label=f"{e.short_name} · {e.period}", amount=e.value.text,
            usd=f"US${wording.compact_amount(e.value.usd, None)}", pct=max(1, round(e.value.usd / largest * 100)))
        for e in top if e.value and e.value.usd
    ]


def _health_lines(health: Sequence[Any], today: date) -> list[str]:
    """A Korean line per unhealthy source; one line when the last run of every source (of
    several) failed: no network, not fourteen broken feeds."""
    unhealthy = [h for h in health if not getattr(h, "healthy", True)]
    failing = [h for h in health if getattr(h, "consecutive_failures", 0)]
    words = wording.labels()["health"]
    never = [h for h in health if getattr(h, "last_ok_at", None) is None and not getattr(h, "consecutive_failures", 0)]
    if len(health) > 1 and len(failing) == len(health):
        return [words["all_failing"].format(count=len(health), error=wording.error_korean(failing[0].last_error))]
    if len(health) > 1 and len(never) == len(health):
        return [words["none_crawled"].format(count=len(health))]
    return [_health_line(h, today) for h in unhealthy]


def _health_line(health: Any, today: date) -> str:
    """What is wrong with one source, in Korean: the last error from the first failure on."""
    words = wording.labels()["health"]
    name = wording.one_line(str(getattr(health, "name", "?")))
    failures = int(getattr(health, "consecutive_failures", 0) or 0)
    last_ok, newest = getattr(health, "last_ok_at", None), getattr(health, "newest_item_at", None)
    if failures:
        line = words["failing"].format(name=name, count=failures,
                                       error=wording.error_korean(getattr(health, "last_error", None)))
        return f"{line} {words['last_ok'].format(date=str(last_ok)[:10]) if last_ok else words['never_ok']}"
    if last_ok is None and newest is None:
        return str(words["never_crawled"].format(name=name))
    if newest is None:
        return str(words["undated"].format(name=name))
    return str(words["stale"].format(name=name, days=(today - newest.date()).days, date=str(newest)[:10]))


def _currencies(shown: Sequence[PendingChange]) -> set[str]:
    """The currencies of every value the digest shows (new, before and after)."""
    return {c for change in shown for c in (change.currency, change.previous_currency) if c}


def _fx_note(fx: Mapping[str, float], currencies: set[str]) -> str:
    """The rates the digest's equivalents used: each shown currency's (for US$), and KRW's
    whenever a figure in another currency got a 원 equivalent. No figure: no note."""
    used = {c for c in currencies if c != "USD"} | ({"KRW"} if currencies - {"KRW"} else set())
    rates = [f"1 USD ≈ {1 / fx[code]:,.{0 if 1 / fx[code] >= 100 else 2}f} {code}" for code in sorted(used)
             if fx.get(code, 0) > 0]
    return "환산 금액은 근사치입니다 (approximate, config [fx]): " + ", ".join(rates) if rates else ""


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    autoescape=lambda name: bool(name) and ".html" in str(name),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


_ENV.filters["pad"] = wording.pad
_ENV.filters["display_width"] = wording.display_width


def _render(name: str, context: dict[str, Any]) -> str:
    return _ENV.get_template(name).render(**context)
