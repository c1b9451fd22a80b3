"""The diff: what one article's mentions do to the known facts (pure; no clock, no database).

A fact is identified by FactKey(subject, kind, period). For each mention, in the order
below, `diff_facts` finds the known fact it speaks about and returns one Change:

- **new**: no known fact for it.
- **confirmed**: the value agrees with the known one: within `tolerance` (relative,
  |a - b| / max(a, b); default 0.02, i.e. rounding such as 2802억 vs 2800억) in the same
  currency, or within `fx_tolerance` (default 0.10: the FX table is approximate) when
  stated in another currency, compared in USD through `fx_to_usd` (USD per unit), or
  when the mention carries a Conversion in the fact's currency (3800억 위안(약 74조 원)).
  A range is compared by its midpoint.
- **revised**: the value differs; `direction` is up/down and `change_pct` the change
  in percent (in USD when the currencies differ). A qualitative mention (amount None,
  trend "up"/"down": "당초 계획보다 늘린다") of a known fact is revised in that direction
  with no new value: the fact keeps its amount.
- **conflict**: the value differs and comes from another source on the same publication
  day as the fact's latest statement (two outlets disagreeing the same day). The known
  value is kept (not overwritten); the change records the other value.

Which known fact a mention speaks about:
- the same (subject, kind, period);
- a multi-year plan "YYYY-YYYY" is the same plan as a known plan of the same subject and
  kind with the same length whose start differs by at most one year, when the mention is
  published within 18 months of the plan's first statement ("향후 3년" said in 2025-02 is
  2025-2027; said again in 2026-01 it reads 2026-2028: the same plan). An unknown date on
  either side does not prevent the match;
- a mention without a period whose value agrees with a known dated fact of the same
  subject and kind restates that fact ("알리바바의 74조 원 투자" after "3년간 3800억 위안");
  a qualitative mention without a period speaks about the latest-seen fact of its subject
  and kind.

One article gives at most one change per fact: mentions with a period go first, then
those without, then qualitative ones; a later mention of a fact already changed by this
article (headline + body, a KRW restatement) adds nothing. Mentions without a company,
vague ones (amount None, no trend: "수십억 달러") and the replaced value of a revision ("750억달러에서
850억달러로": 750억, trend "previous") make no fact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from crawler.models import Change, Fact, FactKey, Mention

PLAN = re.compile(r"^(\d{4})-(\d{4})$")
PLAN_WINDOW_MONTHS = 18


@dataclass(frozen=True)
class _Rules:
    published: str | None  # YYYY-MM-DD
    source: str | None
    fx_to_usd: Mapping[str, float]
    tolerance: float
    fx_tolerance: float


def diff_facts(
    known: Mapping[FactKey, Fact],
    mentions: Sequence[Mention],
    *,
    published: str | None,
    source: str | None,
    fx_to_usd: Mapping[str, float],
    tolerance: float = 0.02,
    fx_tolerance: float = 0.10,
) -> list[Change]:
    """The changes `mentions` (of one article published on `published`, by `source`) make."""
    rules = _Rules(published[:10] if published else None, source, fx_to_usd, tolerance, fx_tolerance)
    facts = dict(known)
    done: set[FactKey] = set()
    changes: list[Change] = []
    for mention in sorted((m for m in mentions if _diffable(m)), key=_diff_order):
        key = _resolve_key(mention, facts, rules)
        if key in done:
            continue
        change = _classify(key, mention, facts.get(key), rules)
        if change is None:
            continue
        done.add(key)
        changes.append(change)
        facts[key] = apply_change(facts.get(key), change, published=rules.published, source=source)
    return changes


def apply_change(fact: Fact | None, change: Change, *, published: str | None, source: str | None) -> Fact:
    """The fact as it stands after `change` (made by an article of `published` from `source`)."""
    m = change.mention
    if fact is None or change.status == "new":
        return Fact(
            key=change.key, amount=m.amount, currency=m.currency, qualifier=m.qualifier,
            amount_max=m.amount_max, members=m.members, first_seen=published, last_seen=published,
            status="new", last_source=source,
        )
    if change.status == "conflict":
        return replace(fact, status="conflict")
    seen = replace(
        fact, status=change.status, last_source=source,
        last_seen=max(filter(None, (fact.last_seen, published)), default=None),
    )
    if change.status == "revised" and m.amount is not None:
        return replace(
            seen, amount=m.amount, amount_max=m.amount_max, currency=m.currency, qualifier=m.qualifier,
            members=m.members or fact.members,
        )
    return seen


def _diffable(m: Mention) -> bool:
    return bool(m.company) and m.trend != "previous" and (m.amount is not None or m.trend is not None)


def _diff_order(m: Mention) -> int:
    if m.amount is None:
        return 2
    return 0 if m.period else 1


def _resolve_key(m: Mention, facts: Mapping[FactKey, Fact], rules: _Rules) -> FactKey:
    exact = FactKey(m.company or "", m.kind, m.period)
    if exact in facts:
        return exact
    related = [f for k, f in facts.items() if k.subject == exact.subject and k.kind == m.kind and k.period]
    if m.period:
        period = m.period
        plans = [f for f in related if _same_plan(period, f, rules.published)]
        return min(plans, key=lambda f: _plan_shift(period, f.key.period)).key if plans else exact
    agreeing = [f for f in related if _agrees(m, f, rules)] if m.amount is not None else related
    if agreeing:
        return max(agreeing, key=lambda f: f.last_seen or "").key
    return exact


def _plan_years(period: str | None) -> tuple[int, int] | None:
    match = PLAN.match(period or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def _plan_shift(period: str, other: str | None) -> int:
    a, b = _plan_years(period), _plan_years(other)
    return abs(a[0] - b[0]) if a and b else 99


def _same_plan(period: str, fact: Fact, published: str | None) -> bool:
    mine, theirs = _plan_years(period), _plan_years(fact.key.period)
    if not mine or not theirs or mine[1] - mine[0] != theirs[1] - theirs[0]:
        return False
    if abs(mine[0] - theirs[0]) > 1:
        return False
    if published and fact.first_seen:
        return _months_between(fact.first_seen, published) <= PLAN_WINDOW_MONTHS
    return True


def _months_between(earlier: str, later: str) -> int:
    a, b = date.fromisoformat(earlier[:10]), date.fromisoformat(later[:10])
    return abs((b.year - a.year) * 12 + b.month - a.month)


def _classify(key: FactKey, m: Mention, fact: Fact | None, rules: _Rules) -> Change | None:
    if fact is None:
        return Change("new", key, m) if m.amount is not None else None
    if m.amount is None:
        return Change("revised", key, m, previous=fact, direction=m.trend)
    if _agrees(m, fact, rules):
        return Change("confirmed", key, m, previous=fact)
    pct = _change_pct(m, fact, rules.fx_to_usd)
    direction = None if pct is None or pct == 0 else ("up" if pct > 0 else "down")
    same_day = rules.published is not None and fact.last_seen == rules.published
    if same_day and (rules.source is None or rules.source != fact.last_source):
        return Change("conflict", key, m, previous=fact, change_pct=pct, direction=direction)
    return Change("revised", key, m, previous=fact, change_pct=pct, direction=direction)


def _value(amount: int, amount_max: int | None) -> float:
    return (amount + amount_max) / 2 if amount_max is not None else float(amount)


def _close(a: float, b: float, tolerance: float) -> bool:
    largest = max(abs(a), abs(b))
    return largest == 0 or abs(a - b) / largest <= tolerance


def _usd(value: float, currency: str | None, fx_to_usd: Mapping[str, float]) -> float | None:
    rate = fx_to_usd.get(currency.upper()) if currency else None
    return value * rate if rate else None


def _agrees(m: Mention, fact: Fact, rules: _Rules) -> bool:
    if m.amount is None or fact.amount is None:
        return False
    mine, theirs = _value(m.amount, m.amount_max), _value(fact.amount, fact.amount_max)
    if m.currency == fact.currency:
        return _close(mine, theirs, rules.tolerance)
    for conversion in m.conversions:
        if conversion.currency == fact.currency and _close(conversion.amount, theirs, rules.fx_tolerance):
            return True
    mine_usd, theirs_usd = _usd(mine, m.currency, rules.fx_to_usd), _usd(theirs, fact.currency, rules.fx_to_usd)
    return mine_usd is not None and theirs_usd is not None and _close(mine_usd, theirs_usd, rules.fx_tolerance)


def _change_pct(m: Mention, fact: Fact, fx_to_usd: Mapping[str, float]) -> float | None:
    if m.amount is None or fact.amount is None:
        return None
    new, old = _value(m.amount, m.amount_max), _value(fact.amount, fact.amount_max)
    if m.currency != fact.currency:
        converted = [c.amount for c in m.conversions if c.currency == fact.currency]
        if converted:
            new = float(converted[0])
        else:
            new_usd, old_usd = _usd(new, m.currency, fx_to_usd), _usd(old, fact.currency, fx_to_usd)
            if new_usd is None or old_usd is None:
                return None
            new, old = new_usd, old_usd
    return round((new - old) / old * 100, 1) if old else None
