"""The diff, as pure functions of known facts and one article's mentions."""

from __future__ import annotations

import pytest

from crawler.config import DEFAULT_FX_TO_USD
from crawler.diff import apply_change, diff_facts
from crawler.models import Conversion, Fact, FactKey, Mention

JO, EOK = 10**12, 10**8
FX = {"USD": 1.0, "KRW": 0.000714, "CNY": 0.139, "JPY": 0.00667, "EUR": 1.08}


def mention(company="Alibaba", amount=3800 * EOK, currency="CNY", period="2025-2027", kind="capex", **kw):
    return Mention(company=company, amount=amount, currency=currency, period=period, kind=kind, **kw)


def known(*facts: Fact) -> dict[FactKey, Fact]:
    return {f.key: f for f in facts}


def fact(company="Alibaba", amount=3800 * EOK, currency="CNY", period="2025-2027", kind="capex", **kw):
    kw.setdefault("first_seen", "2025-02-24")
    kw.setdefault("last_seen", kw["first_seen"])
    kw.setdefault("last_source", "biz.chosun.com")
    return Fact(key=FactKey(company, kind, period), amount=amount, currency=currency, **kw)


def diff(facts, mentions, published="2025-11-09", source="g-enews.com", **kw):
    return diff_facts(facts, mentions, published=published, source=source, fx_to_usd=FX, **kw)


def test_unknown_fact_is_new():
    [change] = diff({}, [mention()])
    assert (change.status, change.key, change.previous) == ("new", FactKey("Alibaba", "capex", "2025-2027"), None)


def test_same_value_confirms():
    [change] = diff(known(fact()), [mention()])
    assert change.status == "confirmed" and change.previous == fact()


def test_rounding_within_tolerance_confirms_but_a_real_difference_revises():
    base = known(fact(amount=2802 * EOK, kind="revenue", period="2024Q4"))
    [rounded] = diff(base, [mention(amount=2800 * EOK, kind="revenue", period="2024Q4")])
    assert rounded.status == "confirmed"
    [changed] = diff(base, [mention(amount=2700 * EOK, kind="revenue", period="2024Q4")])
    assert changed.status == "revised" and changed.direction == "down"


def test_revision_up_has_direction_and_percentage():
    [change] = diff(known(fact()), [mention(amount=4800 * EOK, evidence="투자 규모를 4800억 위안으로 늘렸다")])
    assert (change.status, change.direction, change.change_pct) == ("revised", "up", 26.3)
    assert change.previous.amount == 3800 * EOK


def test_revision_down():
    base = known(fact("Meta", 65_000_000_000, "USD", "2025", last_source="mt.co.kr", first_seen="2025-02-07"))
    [change] = diff(base, [mention("Meta", 60_000_000_000, "USD", "2025")], published="2025-04-30")
    assert (change.status, change.direction, change.change_pct) == ("revised", "down", -7.7)


def test_the_value_a_revision_replaced_makes_no_change():
    """'750억 달러에서 850억 달러로': 750억 (trend previous) comes first but the fact takes 850억."""
    base = known(fact("Alphabet", 750 * EOK, "USD", "2025", first_seen="2025-02-05"))
    was = mention("Alphabet", 750 * EOK, "USD", "2025", trend="previous")
    now = mention("Alphabet", 850 * EOK, "USD", "2025", trend="up")
    assert [(c.status, c.mention.amount) for c in diff(base, [was, now])] == [("revised", 850 * EOK)]
    assert [(c.status, c.mention.amount) for c in diff({}, [was, now])] == [("new", 850 * EOK)]


def test_qualitative_raise_is_revised_up_without_a_new_value():
    trend = mention(amount=None, currency=None, trend="up", evidence="알리바바는 당초 계획보다 투자를 늘린다")
    [change] = diff(known(fact()), [trend])
    assert (change.status, change.direction, change.change_pct) == ("revised", "up", None)
    after = apply_change(fact(), change, published="2025-11-09", source="g-enews.com")
    assert after.amount == 3800 * EOK and after.status == "revised" and after.last_seen == "2025-11-09"


def test_qualitative_raise_without_period_speaks_about_the_latest_fact():
    older = fact(period="2024", amount=1000 * EOK, first_seen="2024-03-01")
    [change] = diff(known(older, fact()), [mention(amount=None, currency=None, period=None, trend="up")])
    assert change.key.period == "2025-2027" and change.status == "revised"


def test_qualitative_mention_of_an_unknown_fact_makes_nothing():
    assert diff({}, [mention(amount=None, currency=None, trend="up")]) == []


def test_vague_and_companyless_mentions_make_no_fact():
    vague = mention(amount=None, currency="USD", vague=True, evidence="수십억 달러를 투자")
    assert diff({}, [vague, mention(company=None)]) == []


def test_krw_restatement_confirms_through_the_fx_table():
    [change] = diff(known(fact()), [mention(amount=74 * JO, currency="KRW", evidence="향후 3년 74조 원 투자")])
    assert change.status == "confirmed"


def test_conversion_in_the_facts_currency_confirms():
    krw_fact = fact(amount=749 * 10**11, currency="KRW")
    restated = mention(conversions=(Conversion(74 * JO, "KRW", "approx"),))
    no_rates = {"USD": 1.0}  # the FX table cannot help: only the conversion can confirm
    [change] = diff_facts(known(krw_fact), [restated], published="2025-11-09", source=None, fx_to_usd=no_rates)
    assert change.status == "confirmed"
    [unrelated] = diff_facts(known(krw_fact), [mention()], published="2025-11-09", source=None, fx_to_usd=no_rates)
    assert unrelated.status == "revised" and unrelated.change_pct is None


def test_other_currency_beyond_fx_tolerance_revises_with_usd_percentage():
    [change] = diff(known(fact()), [mention(amount=100 * JO, currency="KRW")])
    assert change.status == "revised" and change.direction == "up"
    assert change.change_pct == pytest.approx((100 * JO * 0.000714 / (3800 * EOK * 0.139) - 1) * 100, abs=0.1)


def test_tolerances_are_parameters():
    base = known(fact())
    assert diff(base, [mention(amount=3700 * EOK)], tolerance=0.05)[0].status == "confirmed"
    assert diff(base, [mention(amount=3700 * EOK)])[0].status == "revised"
    assert diff(base, [mention(amount=74 * JO, currency="KRW")], fx_tolerance=0.0001)[0].status == "revised"


def test_two_outlets_disagreeing_the_same_day_conflict_and_keep_the_known_value():
    base = known(fact("Naver", 1 * JO, "KRW", "2025", first_seen="2025-03-10", last_source="hankyung.com"))
    other = mention("Naver", 15 * 10**11, "KRW", "2025", evidence="네이버는 올해 1조5000억원을 투자한다")
    [change] = diff(base, [other], published="2025-03-10", source="mk.co.kr")
    assert change.status == "conflict" and change.direction == "up"
    after = apply_change(base[change.key], change, published="2025-03-10", source="mk.co.kr")
    assert after.amount == 1 * JO and after.status == "conflict"


def test_same_outlet_correcting_itself_the_same_day_is_a_revision():
    base = known(fact("Naver", 1 * JO, "KRW", "2025", first_seen="2025-03-10", last_source="hankyung.com"))
    [change] = diff(base, [mention("Naver", 15 * 10**11, "KRW", "2025")], published="2025-03-10", source="hankyung.com")
    assert change.status == "revised"


def test_a_later_day_disagreement_is_a_revision_not_a_conflict():
    base = known(fact("Naver", 1 * JO, "KRW", "2025", first_seen="2025-03-10", last_source="hankyung.com"))
    [change] = diff(base, [mention("Naver", 15 * 10**11, "KRW", "2025")], published="2025-03-11", source="mk.co.kr")
    assert change.status == "revised"
    after = apply_change(base[change.key], change, published="2025-03-11", source="mk.co.kr")
    assert after.amount == 15 * 10**11 and after.last_seen == "2025-03-11" and after.first_seen == "2025-03-10"


@pytest.mark.parametrize(
    "period, published, status",
    [
        ("2025-2027", "2025-11-09", "confirmed"),  # the same words, months later
        ("2026-2028", "2026-01-15", "confirmed"),  # 향후 3년 said a year later: the same plan
        ("2026-2028", "2026-12-01", "new"),  # 21 months later: another plan
        ("2026-2029", "2026-01-15", "new"),  # another length
        ("2027-2029", "2026-01-15", "new"),  # starts two years later
    ],
)
def test_multi_year_plan_restated_later_is_the_same_plan(period, published, status):
    [change] = diff(known(fact()), [mention(period=period)], published=published)
    assert change.status == status
    if status == "confirmed":
        assert change.key == FactKey("Alibaba", "capex", "2025-2027")


def test_undated_mention_that_agrees_restates_the_dated_fact():
    headline = mention(amount=74 * JO, currency="KRW", period=None, evidence="알리바바의 74조 원 AI 인프라 투자")
    [change] = diff(known(fact()), [headline])
    assert change.status == "confirmed" and change.key.period == "2025-2027"


def test_undated_mention_that_disagrees_is_its_own_fact():
    [change] = diff(known(fact()), [mention(amount=50 * EOK, period=None)])
    assert change.status == "new" and change.key.period is None


def test_headline_and_body_of_one_article_give_one_change():
    headline = mention(amount=74 * JO, currency="KRW", period=None)
    body = mention(conversions=(Conversion(749 * 10**11, "KRW", "approx"),))
    again = mention(evidence="3800억 위안 투자 계획을 다시 강조했다")
    changes = diff({}, [headline, body, again], published="2025-02-24")
    assert [(c.status, c.key.period, c.mention.currency) for c in changes] == [("new", "2025-2027", "CNY")]


def test_several_facts_in_one_article_each_change_once():
    mentions = [mention("Amazon", 100_000_000_000, "USD", "2025"), mention("Microsoft", 80_000_000_000, "USD", "2025"),
                mention("Amazon", 145 * JO, "KRW", "2025")]
    changes = diff({}, mentions, published="2025-02-07")
    assert sorted(c.key.subject for c in changes) == ["Amazon", "Microsoft"]


def test_non_capex_figures_are_facts_of_their_own_kind():
    revenue = mention(amount=2802 * EOK, period="2024Q4", kind="revenue")
    changes = diff(known(fact()), [revenue, mention()], published="2025-02-24")
    assert {(c.key.kind, c.status) for c in changes} == {("revenue", "new"), ("capex", "confirmed")}


def test_aggregate_keeps_its_members():
    agg = mention("Alibaba+Baidu+Tencent", 500 * EOK, "CNY", "2024H1", members=("Alibaba", "Baidu", "Tencent"))
    [change] = diff({}, [agg], published="2024-08-26")
    after = apply_change(None, change, published="2024-08-26", source="businesspost.co.kr")
    assert after.members == ("Alibaba", "Baidu", "Tencent") and after.first_seen == "2024-08-26"


def test_a_range_compares_by_its_midpoint():
    ranged = fact("SK hynix", 10 * JO, "KRW", "2026", amount_max=20 * JO, qualifier="range")
    assert diff(known(ranged), [mention("SK hynix", 15 * JO, "KRW", "2026")])[0].status == "confirmed"
    assert diff(known(ranged), [mention("SK hynix", 20 * JO, "KRW", "2026")])[0].status == "revised"


def test_diff_is_pure_and_does_not_touch_known():
    base = known(fact())
    snapshot = dict(base)
    diff(base, [mention(amount=5000 * EOK)])
    assert base == snapshot


def test_shipped_default_fx_table_confirms_the_seed_restatement():
    changes = diff_facts(known(fact()), [mention(amount=74 * JO, currency="KRW")], published="2025-11-09",
                         source=None, fx_to_usd=DEFAULT_FX_TO_USD)
    assert changes[0].status == "confirmed"
