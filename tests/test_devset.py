"""The development set (tests/fixtures/devset/): every batch keeps its pinned score; blind scores reported.

Each batch of labelled articles was scored once, blind, before any rule or vocabulary changed
for it (blind_scores.json, never edited); the pooled blind score is the honest measure of how
the extractor does on articles nobody tuned it for. After that a batch is development data:
it is pinned at its current tallies (pinned_scores.json), so a change that loses one fact of
one batch fails here. `python tests/devset_scoring.py --pin` pins the tallies after an
improvement; `python tests/devset_scoring.py BATCH --verbose` prints every difference.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPORT
from tests.devset_scoring import BLIND, PINNED, Score, batches, labels, score_batch


@pytest.mark.parametrize("batch", batches())
def test_each_batch_keeps_its_pinned_score(batch: str) -> None:
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))[batch]
    score = score_batch(batch)
    now = score.counts()
    report = "\n".join([*score.notes, f"{batch}: {score.line()} (pinned {pinned})"])
    assert now["gold"] == pinned["gold"], "labels changed: pin again with python tests/devset_scoring.py --pin"
    assert now["fp"] <= pinned["fp"], report
    for key in ("tp", "period_ok", "qualifier_ok", "kind_ok", "company_ok"):
        assert now[key] >= pinned[key], report
    REPORT.append(f"devset {batch}: now {score.line()}")


def test_every_batch_was_scored_blind_and_the_pooled_blind_score_is_reported() -> None:
    blind = json.loads(BLIND.read_text(encoding="utf-8"))["batches"]
    assert set(blind) == set(batches()), "a batch without its blind first-run score"
    pooled = Score()
    for batch in sorted(blind):
        pooled.add(Score.from_counts(blind[batch]["counts"]))
        REPORT.append(f"devset {batch}: blind first run {Score.from_counts(blind[batch]['counts']).line()}")
    REPORT.append(f"devset pooled blind first run: {pooled.line()}")
    assert pooled.articles == sum(len(labels(b)) for b in blind)


def test_every_text_is_labelled_and_every_label_well_formed() -> None:
    kinds = {"capex", "equity_investment", "revenue", "profit", "market_cap", "budget", "other"}
    qualifiers = {"exact", "approx", "at_least", "at_most", "range"}
    for batch in batches():
        items = labels(batch)
        texts = {p.stem for p in (BLIND.parent / batch).glob("*.txt")}
        assert texts == {item["id"] for item in items}, batch
        for item in items:
            for fact in item["facts"]:
                assert fact["kind"] in kinds and fact["qualifier"] in qualifiers, (item["id"], fact)
                assert isinstance(fact["amount"], int | float) and fact["amount"] > 0, (item["id"], fact)
                # no period is null: the scorer compares periods as written, and "" never matches a mention's None
                assert fact.get("period") != "" and "" not in (fact.get("period_alt") or []), (item["id"], fact)


def test_a_facts_conversion_is_no_false_alarm_as_the_team_scorer_counts_it() -> None:
    """../shared/checks/score_extraction.py takes krw_conversion and usd_conversion as a fact's alternates."""
    from tests.devset_scoring import score_article

    fact = {"company": "KP Aero Industries", "company_ko": "케이피항공산업", "amount": 480_000_000_000,
            "currency": "VND", "krw_conversion": 26_000_000_000, "usd_conversion": 19_600_000, "kind": "capex"}
    restated = [{"company": "케이피항공산업", "amount": amount, "currency": currency, "kind": "capex"}
                for amount, currency in ((26_000_000_000, "KRW"), (19_600_000, "USD"))]
    assert score_article("a", [fact], restated).counts() | {"articles": 1} == {
        "articles": 1, "gold": 1, "tp": 0, "fp": 0, "period_ok": 0, "qualifier_ok": 0, "kind_ok": 0, "kind_n": 0,
        "company_ok": 0, "company_n": 0}
