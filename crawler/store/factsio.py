"""Known facts as JSON lines and CSV, both ways (pure: text in, records out).

The fields are those of CONTRACT.md's `facts` command: company, members, amount,
amount_max, currency, qualifier, period, kind, first_seen, status, sources. In CSV,
members are joined with "+" (as in an aggregate's name) and sources with "|"; empty
cells are nulls. Reading validates every row and raises FactsFormatError naming the
file, the line and the field, so that an import is all or nothing. A company (or member) the
alias table knows is read as its canonical name ('삼성전자', 'KB Financial' -> the names the
extractor gives), so that imported facts meet the facts found in articles; an aggregate "A+B"
is sorted as the extractor writes it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from crawler.figures.korean.companies import canonical_name
from crawler.models import KINDS, PERIOD, PERIOD_FORMS, QUALIFIERS, STATUSES, Fact, FactKey

FIELDS = ("company", "members", "amount", "amount_max", "currency", "qualifier", "period", "kind",
          "first_seen", "status", "sources")
CURRENCY = re.compile(r"^[A-Z]{3}$")


class FactsFormatError(Exception):
    """A facts file row is not valid; the message names file, line and field."""


def fact_to_json(fact: Fact) -> dict[str, Any]:
    return {
        "company": fact.key.subject,
        "members": list(fact.members) if fact.members else None,
        "amount": fact.amount,
        "amount_max": fact.amount_max,
        "currency": fact.currency,
        "qualifier": fact.qualifier,
        "period": fact.key.period,
        "kind": fact.key.kind,
        "first_seen": fact.first_seen,
        "status": fact.status,
        "sources": list(fact.sources),
    }


def facts_to_jsonl(facts: Iterable[Fact]) -> str:
    return "".join(json.dumps(fact_to_json(f), ensure_ascii=False) + "\n" for f in facts)


def facts_to_csv(facts: Iterable[Fact]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for fact in facts:
        row = fact_to_json(fact)
        row["members"] = "+".join(row["members"] or [])
        row["sources"] = "|".join(row["sources"])
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def located_facts_from_csv(text: str, name: str) -> list[tuple[str, Fact]]:
    """Each row's Fact with where it is ("FILE:LINE"), for messages about it later."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in ("company", "amount", "currency", "kind") if f not in (reader.fieldnames or [])]
    if missing:
        raise FactsFormatError(f"{name}: CSV header lacks {', '.join(missing)} (columns: {', '.join(FIELDS)})")
    facts = []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        cells = {k: (v.strip() if isinstance(v, str) else v) or None for k, v in row.items() if k}
        members, sources = cells.get("members"), cells.get("sources")
        cells["members"] = members.split("+") if isinstance(members, str) else None
        cells["sources"] = sources.split("|") if isinstance(sources, str) else []
        facts.append((where, fact_from_json(cells, where)))
    return facts


def located_facts_from_jsonl(text: str, name: str) -> list[tuple[str, Fact]]:
    """Each line's Fact with where it is ("FILE:LINE")."""
    facts = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FactsFormatError(f"{name}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise FactsFormatError(f"{name}:{number}: each line must be a JSON object")
        facts.append((f"{name}:{number}", fact_from_json(data, f"{name}:{number}")))
    return facts


def fact_from_json(data: Mapping[str, Any], where: str) -> Fact:
    """A validated Fact from one record; FactsFormatError naming `where` and the field."""
    def fail(field: str, message: str) -> FactsFormatError:
        return FactsFormatError(f"{where}: {field} {message}")

    company = data.get("company")
    if not isinstance(company, str) or not company.strip():
        raise fail("company", "is required")
    kind = data.get("kind") or "capex"
    if kind not in KINDS:
        raise fail("kind", f"must be one of {', '.join(KINDS)}, not {kind!r}")
    qualifier = data.get("qualifier") or "exact"
    if qualifier not in QUALIFIERS:
        raise fail("qualifier", f"must be one of {', '.join(QUALIFIERS)}, not {qualifier!r}")
    status = data.get("status") or "new"
    if status not in STATUSES:
        raise fail("status", f"must be one of {', '.join(STATUSES)}, not {status!r}")
    period = data.get("period") or None
    if period is not None and not PERIOD.match(str(period)):
        raise fail("period", f"must be {PERIOD_FORMS}, not {period!r}")
    currency = data.get("currency") or None
    if currency is not None and not CURRENCY.match(str(currency)):
        raise fail("currency", f"must be an ISO 4217 code such as KRW or USD, not {currency!r}")
    subject, members = _canonical_subject(company.strip(),
                                          _members(data.get("members"), fail("members", "must be a list of names")))
    return Fact(
        key=FactKey(subject, kind, period),
        amount=_amount(data.get("amount"), fail("amount", "must be a whole number")),
        amount_max=_amount(data.get("amount_max"), fail("amount_max", "must be a whole number")),
        currency=currency,
        qualifier=qualifier,
        members=members,
        first_seen=_day(data.get("first_seen"), fail("first_seen", "must be an ISO date (YYYY-MM-DD)")),
        sources=tuple(str(s) for s in data.get("sources") or ()),
        status=status,
    )


MAX_AMOUNT = 2**63 - 1  # the database's BIGINT


def _amount(value: Any, error: FactsFormatError) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise error
    amount: int | None = None
    if isinstance(value, int):
        amount = value
    elif isinstance(value, float) and value.is_integer():
        amount = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\d[\d,]*", value.strip()):
        amount = int(value.replace(",", ""))
    if amount is None or not 0 <= amount <= MAX_AMOUNT:
        raise error
    return amount


def _members(value: Any, error: FactsFormatError) -> tuple[str, ...] | None:
    if not value:
        return None
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise error
    return tuple(v.strip() for v in value)


def _canonical_subject(company: str, members: tuple[str, ...] | None) -> tuple[str, tuple[str, ...] | None]:
    """The company and members by their canonical names; an aggregate of its members sorted."""
    def canonical(name: str) -> str:
        return canonical_name(name) or name

    named = tuple(canonical(m) for m in members) if members else None
    parts = [canonical(p.strip()) for p in company.split("+") if p.strip()]
    if len(parts) > 1 and (members is None or company == "+".join(members)):
        parts = sorted(set(parts))
        named = tuple(sorted(set(named))) if named else None
    return "+".join(parts), named


def _day(value: Any, error: FactsFormatError) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise error from None
