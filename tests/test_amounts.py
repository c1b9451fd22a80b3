"""Money amounts: every Korean/English form, currencies, qualifiers, ranges, vague forms, conversions."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.config import DEFAULT_FX_TO_USD, load_config
from crawler.figures.korean.amounts import CURRENCIES, country_currency, find_amounts, parse_amount, parse_number
from crawler.models import Conversion

EOK = 100_000_000
JO = 1_000_000_000_000


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("800억달러", 800 * EOK, "USD"),
        ("800억 달러", 800 * EOK, "USD"),
        ("74조9000억원", 74_900_000_000_000, "KRW"),
        ("74조 9000억 원", 74_900_000_000_000, "KRW"),
        ("3천800억 위안", 3800 * EOK, "CNY"),
        ("3천8백억 위안", 3800 * EOK, "CNY"),
        ("557만6000달러", 5_576_000, "USD"),
        ("1,060억 달러", 1060 * EOK, "USD"),
        ("1060억 달러", 1060 * EOK, "USD"),
        ("1.5조 원", 1_500_000_000_000, "KRW"),
        ("2.5억 유로", 250_000_000, "EUR"),
        ("5천억 엔", 5000 * EOK, "JPY"),
        ("천억 원", 1000 * EOK, "KRW"),
        ("9조3052억 원", 9_305_200_000_000, "KRW"),
        ("5,576,000달러", 5_576_000, "USD"),
        ("230억 위안화", 230 * EOK, "CNY"),
        ("10억 유로화", 10 * EOK, "EUR"),
        ("$80 billion", 80_000_000_000, "USD"),
        ("US$ 65bn", 65_000_000_000, "USD"),
        ("US$65bn", 65_000_000_000, "USD"),
        ("$1.5 trillion", 1_500_000_000_000, "USD"),
        ("$500 million", 500_000_000, "USD"),
        ("€10 billion", 10_000_000_000, "EUR"),
        ("80 billion dollars", 80_000_000_000, "USD"),
        ("380 billion yuan", 380_000_000_000, "CNY"),
        ("USD 65 billion", 65_000_000_000, "USD"),
        ("200억 호주달러", 200 * EOK, "AUD"),  # another dollar, never USD
        ("A$ 20 billion", 20_000_000_000, "AUD"),
        ("20 billion Australian dollars", 20_000_000_000, "AUD"),
        ("1조 대만달러", JO, "TWD"),
        ("50억 파운드", 50 * EOK, "GBP"),
        ("£10bn", 10_000_000_000, "GBP"),
        ("HK$ 5bn", 5_000_000_000, "HKD"),
        ("51억2700만루블", 5_127_000_000, "RUB"),
        ("5000억 칠레 페소", 5000 * EOK, "CLP"),
        ("1조 텡게", JO, "KZT"),
    ],
)
def test_each_written_form_gives_value_and_currency(text: str, value: int, currency: str) -> None:
    amount = parse_amount(f"이 회사는 {text} 규모의 투자를 한다")
    assert amount is not None
    assert (amount.value, amount.currency, amount.qualifier) == (value, currency, "exact")


@pytest.mark.parametrize(
    "text",
    [
        "엔비디아는 H20을 중국에 판매한다",  # 엔 starting a word is not yen
        "100억 원전 수출",  # 원 + 전: a nuclear plant, not won
        "원화 약세가 이어졌다",  # no figure at all
        "1백만 개 이상의 AI 반도체",  # a count, not money
        "6억 회 이상의 다운로드",
        "2만3000개에 가까운 애플리케이션",
        "10분의 1수준",
        "두 배 이상 불어난",
        "35.8%의 점유율",
        "2025년 세계 인터넷 컨퍼런스",
        "100억유로존",  # 유로존 is not euros
        "3천 명의 직원",
        "100억 파운드리 공장",  # 파운드리 (foundry) is not pounds
    ],
)
def test_not_money(text: str) -> None:
    assert find_amounts(text) == []


def test_bare_number_with_units_is_a_number_not_money() -> None:
    assert parse_number("1,060억") == 106_000_000_000
    assert parse_number("1백만") == 1_000_000
    assert parse_number("1.5조") == 1_500_000_000_000
    assert find_amounts("1,060억을 기록") == []
    assert find_amounts("Qwen 모델의 6억 다운로드는") == []


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [("삼성·SK, 반도체에 600조 투자", 600 * JO, "exact"), ("1,060억을 투입했다", 1060 * EOK, "exact"),
     ("1.5조 규모의 투자", 1_500_000_000_000, "exact"), ("600조 이상 투자", 600 * JO, "at_least"),
     ("이노스페이스, 고흥에 253억 들인 시험장 준공", 253 * EOK, "exact"),
     ("삼성, 평택에 30조 들여 새 라인", 30 * JO, "exact"),
     ("쿠팡, 3조 쏟아 '전국 쿠세권'", 3 * JO, "exact"),
     # or after the word it measures, at the end of the headline's phrase
     ("LG전자, 올해 설비투자 3조3729억 '사상 최대'", 3_372_900_000_000, "exact"),
     ("기아, 올해 시설투자 1조8918억…슬로바키아 투자 2.4배로", 1_891_800_000_000, "exact")],
)
def test_headline_figure_without_won_before_a_money_word_is_krw(text: str, value: int, qualifier: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.currency, amount.qualifier) == (value, "KRW", qualifier)


@pytest.mark.parametrize("text", ["만", "억", "조원", "", "억천"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_units_out_of_order_are_not_a_number() -> None:
    assert parse_number("5억3조") is None


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("약 500억 달러를 투자", "approx"),
        ("500억 달러가량을 투자", "approx"),
        ("500억 달러 가량", "approx"),
        ("500억 달러 안팎", "approx"),
        ("40억 위안 정도다", "approx"),
        ("500억 달러 수준의 투자", "approx"),
        ("10조 원대 투자", "approx"),
        ("500억 달러 이상을 투자", "at_least"),
        ("9조 원이 넘는 금액", "at_least"),
        ("9조 원을 넘어", "at_least"),
        ("500억 달러(약 66조2700억 원)를 상회하는 현금", "at_least"),
        ("500억 달러를 초과하는", "at_least"),
        ("최대 650억 달러", "at_most"),
        ("100억 달러 미만", "at_most"),
        ("100억 달러 이하", "at_most"),
        ("최소 100억 달러", "at_least"),
        ("총 500억 달러", "exact"),
        ("계약 500억 원", "exact"),  # the 약 of 계약 is not "about"
        ("100억 원 대비", "exact"),  # 대비 is not 원대
        ("about $100 billion", "approx"),
        ("more than $50 billion", "at_least"),
        ("up to $30 billion", "at_most"),
        ("turnover $5 billion", "exact"),  # the "over" of turnover is no qualifier
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.qualifier == qualifier


def test_two_times_more_than_is_not_the_figures_qualifier() -> None:
    amount = parse_amount("두 배 이상 불어난 500억 위안으로 집계됐다")
    assert amount is not None and amount.qualifier == "exact"


@pytest.mark.parametrize(
    ("text", "low", "high", "currency"),
    [
        ("660억~720억달러", 660 * EOK, 720 * EOK, "USD"),
        ("50~60억 달러", 50 * EOK, 60 * EOK, "USD"),
        ("50억∼60억 달러", 50 * EOK, 60 * EOK, "USD"),
        ("5~7천억 원", 5000 * EOK, 7000 * EOK, "KRW"),
        ("1~1조5000억 원", JO, 1_500_000_000_000, "KRW"),
        ("1.5~2조 원", 1_500_000_000_000, 2 * JO, "KRW"),
        ("$60-65 billion", 60_000_000_000, 65_000_000_000, "USD"),
        ("60 to 65 billion dollars", 60_000_000_000, 65_000_000_000, "USD"),
        ("between $70 billion and $72 billion", 70_000_000_000, 72_000_000_000, "USD"),
    ],
)
def test_ranges_apply_the_unit_to_both_ends(text: str, low: int, high: int, currency: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.value_max, amount.currency, amount.qualifier) == (low, high, currency, "range")


@pytest.mark.parametrize(
    ("text", "currency"),
    [("수십억 달러", "USD"), ("수천억 원", "KRW"), ("수조 원", "KRW"), ("수백만 달러", "USD"),
     ("십수조 원", "KRW"), ("billions of dollars", "USD")],
)
def test_vague_magnitudes_are_flagged_without_a_value(text: str, currency: str) -> None:
    amount = parse_amount(f"스타트업에 {text} 규모를 투자")
    assert amount is not None
    assert (amount.vague, amount.value, amount.currency) == (True, None, currency)


@pytest.mark.parametrize(
    ("text", "value", "value_max", "qualifier"),
    [
        ("2조 원 후반대로 잡았다", 25 * 10**11, 3 * 10**12, "range"),
        ("2조원대 후반에서 관리한다", 25 * 10**11, 3 * 10**12, "range"),
        ("30조원 중반으로 늘린다", 35 * 10**12, None, "approx"),
        ("20조 원대 중반으로 잡는다", 25 * 10**12, None, "approx"),
        ("설비투자는 1조원 초반이다", 10**12, 15 * 10**11, "range"),
        ("3조원 초중반으로 조정했다", 3 * 10**12, 35 * 10**11, "range"),
        ("10조 원 중후반대가 될 것", 15 * 10**12, 20 * 10**12, "range"),
    ],
)
def test_a_band_of_a_magnitude_is_the_part_it_names(text: str, value: int, value_max: int | None,
                                                   qualifier: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.vague, amount.value, amount.value_max, amount.qualifier) == (False, value, value_max, qualifier)


def test_a_band_of_a_vague_magnitude_stays_vague() -> None:
    amount = parse_amount("수천억원 후반을 투자한다")
    assert amount is not None
    assert (amount.vague, amount.value) == (True, None)


@pytest.mark.parametrize("text", ["SKC, 2027년까지 5조~6조 투자", "SKC, 2027년까지 5~6조 투자"])
def test_a_bare_range_in_a_headline(text: str) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.value_max, amount.currency, amount.qualifier) == (
        5 * 10**12, 6 * 10**12, "KRW", "range")


def test_and_joins_a_range_only_after_between() -> None:
    assert [a.value for a in find_amounts("spent $70 billion and $72 billion")] == [70 * 10**9, 72 * 10**9]


def test_second_half_of_the_year_is_no_band() -> None:
    assert [a.value for a in find_amounts("1조 원 후반기 집행, 2조 원을 투자")] == [10**12, 2 * 10**12]


def test_the_word_su_alone_is_not_vague_money() -> None:
    assert find_amounts("수 개월에 걸쳐 수 분기 내로") == []


@pytest.mark.parametrize(
    ("text", "value", "currency", "conversion"),
    [
        ("3800억위안(약 74조9000억원)을", 3800 * EOK, "CNY", Conversion(74_900_000_000_000, "KRW", "approx")),
        ("1000억달러(145조원)를", 1000 * EOK, "USD", Conversion(145 * JO, "KRW", "exact")),
        ("500억 위안(약 9조3052억 원)으로", 500 * EOK, "CNY", Conversion(9_305_200_000_000, "KRW", "approx")),
        ("557만6000달러(약 81억원)에", 5_576_000, "USD", Conversion(81 * EOK, "KRW", "approx")),
        ("10억 유로(한화 약 1조4000억 원)", 10 * EOK, "EUR", Conversion(1_400_000_000_000, "KRW", "approx")),
    ],
)
def test_bracketed_conversion_belongs_to_the_figure(text: str, value: int, currency: str,
                                                    conversion: Conversion) -> None:
    found = find_amounts(text)
    assert len(found) == 1, "the bracketed figure is not a second amount"
    assert (found[0].value, found[0].currency, found[0].conversions) == (value, currency, (conversion,))


def test_bracket_in_the_same_currency_or_not_money_is_no_conversion() -> None:
    found = find_amounts("500억 원(전년 대비 10% 증가)을 투자")
    assert len(found) == 1 and found[0].conversions == ()


def test_a_bracket_of_two_other_currencies_holds_two_conversions() -> None:
    found = find_amounts("1000억루피(약 12억달러·1조7442억원) 이상을 투자한다")
    assert [(a.value, a.currency, a.qualifier) for a in found] == [(1000 * EOK, "INR", "at_least")]
    assert [(c.amount, c.currency) for c in found[0].conversions] == [(12 * EOK, "USD"), (17_442 * EOK, "KRW")]


def test_a_bracket_of_figures_and_words_is_no_conversion() -> None:
    found = find_amounts("총 90억달러(공장 60억달러, 연구소 30억달러)를 쓴다")
    assert [(a.value, a.conversions) for a in found] == [(90 * EOK, ()), (60 * EOK, ()), (30 * EOK, ())]


def test_several_figures_of_one_sentence_in_order() -> None:
    found = find_amounts("MS는 올해 800억달러, 구글 운영사 알파벳은 750억달러, 메타는 650억달러를 투자")
    assert [a.value for a in found] == [800 * EOK, 750 * EOK, 650 * EOK]
    assert [a.text for a in found] == ["800억달러", "750억달러", "650억달러"]


# --- property: any amount written with Korean units parses back ------------------------------

_GROUP_UNITS = (("조", 10**12), ("억", 10**8), ("만", 10**4), ("", 1))


def _write_group(n: int, style: str) -> str:
    """A number below 10,000 as digits (3800, 3,800) or with 천/백 (3천800, 3천8백)."""
    if style == "comma":
        return f"{n:,}"
    if style == "plain" or n < 100:
        return str(n)
    thousands, rest = divmod(n, 1000)
    hundreds, tail = divmod(rest, 100)
    out = f"{thousands}천" if thousands else ""
    if style == "cheon-baek" and hundreds:
        out += f"{hundreds}백" + (str(tail) if tail else "")
    elif rest:
        out += str(rest)
    return out


def write_korean(value: int, style: str, spaced: bool) -> str:
    parts = []
    for unit, size in _GROUP_UNITS:
        group, value = divmod(value, size)
        if group:
            parts.append(_write_group(group, style) + unit)
    return (" " if spaced else "").join(parts)


@given(
    value=st.integers(min_value=1, max_value=10**16 - 1),
    style=st.sampled_from(["plain", "comma", "cheon", "cheon-baek"]),
    spaced=st.booleans(),
)
def test_any_korean_unit_amount_parses_back(value: int, style: str, spaced: bool) -> None:
    written = write_korean(value, style, spaced)
    assert parse_number(written) == value, written
    money = parse_amount(f"총 {written}원을 투자한다")
    assert money is not None and money.value == value, written


@given(whole=st.integers(min_value=1, max_value=999), tenths=st.integers(min_value=1, max_value=9),
       unit=st.sampled_from([("조", 10**12), ("억", 10**8), ("만", 10**4)]))
def test_decimal_amounts_with_a_unit_parse_back(whole: int, tenths: int, unit: tuple[str, int]) -> None:
    assert parse_number(f"{whole}.{tenths}{unit[0]}") == (whole * 10 + tenths) * unit[1] // 10


# --- every currency the grammar can produce has a USD rate (diff and digest convert through it) ---

@pytest.mark.parametrize("code", sorted(CURRENCIES))
def test_every_currency_of_the_grammar_has_a_usd_rate(code: str) -> None:
    shipped = load_config(Path(__file__).parent.parent / "config.toml").fx_to_usd
    assert DEFAULT_FX_TO_USD.get(code, 0) > 0, f"no default rate for {code}"
    assert shipped.get(code, 0) > 0, f"no rate for {code} in config.toml [fx]"


@pytest.mark.parametrize("code", sorted(CURRENCIES))
def test_each_known_currency_comes_out_of_a_figure(code: str) -> None:
    """CURRENCIES is what the grammar really produces: 100억 <its Korean code word> parses to it."""
    amount = parse_amount(f"100억 {code}")
    assert amount is not None and amount.currency == code


def test_the_rates_are_plausible_against_the_dollar() -> None:
    """Approximate rates, but in the right direction: a pound is worth more than a dollar, a won far less."""
    rates = DEFAULT_FX_TO_USD
    assert rates["GBP"] > rates["EUR"] > rates["USD"] > rates["SGD"] > rates["CAD"] > rates["AUD"]
    assert rates["CNY"] > rates["HKD"] > rates["TWD"] > rates["INR"] > rates["JPY"] > rates["KRW"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("$40B", 40_000_000_000),
        ("US$ 65BN", 65_000_000_000),
        ("$40 Billion", 40_000_000_000),
        ("$1.5 Trillion", 1_500_000_000_000),
        ("$500M", 500_000_000),
    ],
)
def test_english_scale_words_in_any_case(text: str, value: int) -> None:
    (found,) = find_amounts(f"메타는 올해 데이터센터에 {text}를 투자한다.")
    assert (found.value, found.currency) == (value, "USD")


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("아마존은 태국에 250억바트를 투자한다.", 25_000_000_000, "THB"),
    ("인텔은 8억6000만링깃(약 2500억원)을 들인다.", 860_000_000, "MYR"),
    ("아마존은 브라질에 101억헤알을 투자한다.", 10_100_000_000, "BRL"),
    ("MS는 인도네시아에 27조루피아를 투자한다.", 27_000_000_000_000, "IDR"),
    ("AWS는 250억밧(약 9430억원)을 들여 데이터센터 3곳을 짓는다.", 25_000_000_000, "THB"),
    ("SK온은 헝가리에 3000억포린트를 투자한다.", 300_000_000_000, "HUF"),
    ("LG엔솔은 폴란드에 20억 즐로티를 투입한다.", 2_000_000_000, "PLN"),
    ("MS는 2026년 6월까지 총 28억즈워티(약 7억달러)를 투입한다.", 2_800_000_000, "PLN"),
    ("삼성전자는 베트남에 50조 VND를 투자한다.", 50_000_000_000_000, "VND"),
    ("케이피항공산업은 다낭에 4800억동(약 260억원)을 들여 공장을 짓는다.", 480_000_000_000, "VND"),
    ("현지 법인은 지난해 2030억동을 벌었다.", 203_000_000_000, "VND"),
    ("기아는 멕시코에 200억 멕시코 페소를 들인다.", 20_000_000_000, "MXN"),
])
def test_more_currencies(text: str, value: int, currency: str) -> None:
    from crawler.figures.korean.amounts import find_amounts

    assert [(a.value, a.currency) for a in find_amounts(text)][:1] == [(value, currency)]


@pytest.mark.parametrize("text", ["SK넥실리스는 말레이시아에 5600억 동박 공장을 짓는다.", "물류센터 3동을 새로 짓는다.",
                                  "연구동 2개동을 짓는다."])
def test_a_bare_dong_is_no_currency_but_after_a_numbers_unit(text: str) -> None:
    from crawler.figures.korean.amounts import find_amounts

    assert [a.currency for a in find_amounts(text)] in ([], ["KRW"])


@pytest.mark.parametrize(
    ("text", "conversion"),
    [
        ("최대 650억 달러, 우리 돈 약 93조 원을 쏟아붓겠다", (93 * 10**12, "KRW")),
        ("100억 달러, 우리 돈으로 13조 원 규모다", (13 * 10**12, "KRW")),
        ("총사업비는 31억달러로, 우리 돈으로 약 3조원이 들어갔다", (3 * 10**12, "KRW")),
    ],
)
def test_a_spoken_conversion_belongs_to_the_figure_before_it(text: str, conversion: tuple) -> None:
    (amount,) = find_amounts(text)
    assert [(c.amount, c.currency) for c in amount.conversions] == [conversion]


def test_from_one_number_to_a_figure_is_a_range() -> None:
    (amount,) = find_amounts("올해 자본 지출이 600억에서 650억 달러 사이가 될 것")
    assert (amount.value, amount.value_max, amount.currency, amount.qualifier) == (
        600 * 10**8, 650 * 10**8, "USD", "range")


def test_years_from_and_to_make_no_range_of_money() -> None:
    assert [(a.value, a.value_max) for a in find_amounts("2024년에서 2025년 사이 5조원")] == [(5 * 10**12, None)]


def test_a_bare_peso_is_mexicos_and_a_named_one_its_countrys() -> None:
    assert [(a.value, a.currency) for a in find_amounts("투자 규모는 약 7억5000만페소(약 613억원)다.")] == [
        (750_000_000, "MXN")]
    assert [(a.value, a.currency) for a in find_amounts("20억 필리핀페소를 들인다.")] == [(2_000_000_000, "PHP")]


@pytest.mark.parametrize("text", ["투자액을 최소 60조원에서 최대 80조원으로 추정한다.",
                                  "최소 60조원~최대 80조원이 든다.",
                                  "투자는 60조원에서 많게는 80조원 수준이 될 것으로 예상했다.",
                                  "적게는 60조원에서 많게는 80조원이 든다."])
def test_a_minimum_to_a_maximum_is_one_range(text: str) -> None:
    [amount] = find_amounts(text)
    assert (amount.value, amount.value_max, amount.currency, amount.qualifier) == (60 * 10**12, 80 * 10**12, "KRW",
                                                                                   "range")


@pytest.mark.parametrize("text", ["3조원 가까운 돈을 투입한다", "3조원에 가까운 자금을 투입한다"])
def test_nearly_a_figure_is_approximate(text: str) -> None:
    assert [(a.value, a.qualifier) for a in find_amounts(text)] == [(3 * 10**12, "approx")]


def test_a_rise_to_a_maximum_is_no_range() -> None:
    amounts = find_amounts("투자를 500억원에서 최대 800억원으로 늘린다.")
    assert [(a.value, a.value_max) for a in amounts] == [(500 * 10**8, None), (800 * 10**8, None)]


def test_a_minimum_and_a_maximum_of_two_things_stay_two_figures() -> None:
    amounts = find_amounts("A사는 최소 60조원을, B사는 최대 80조원을 쓴다.")
    assert [(a.value, a.qualifier) for a in amounts] == [(60 * 10**12, "at_least"), (80 * 10**12, "at_most")]


@pytest.mark.parametrize(("text", "low", "high"), [
    ("설비투자는 1조원대 중반이었다.", 15 * 10**11, None),
    ("설비투자는 2조원대 후반이었고, 매출은 늘었다.", 25 * 10**11, 3 * 10**12),
])
def test_a_band_before_a_past_copula_is_still_a_band(text: str, low: int, high: int | None) -> None:
    [amount] = find_amounts(text)
    assert (amount.value, amount.value_max) == (low, high)


@pytest.mark.parametrize(("sentence", "article", "currency"), [
    ("약 400억페소를 투자한다.", "필리핀 PLDT가 마닐라에 데이터센터를 짓는다. 약 400억페소를 투자한다.", "PHP"),
    ("약 400억페소를 투자한다.", "멕시코 누에보레온주에 공장을 짓는다. 약 400억페소를 투자한다.", "MXN"),
    ("약 400억페소를 투자한다.", "공장을 짓는다. 약 400억페소를 투자한다.", "MXN"),  # no country: Mexico's
    ("멕시코 페소로 400억페소다.", "필리핀 법인도 있다. 멕시코 페소로 400억페소다.", "MXN"),  # named in the sentence
    ("필리핀과 멕시코에 각각 400억페소", "필리핀과 멕시코에 각각 400억페소", "MXN"),  # both named: the default
])
def test_a_bare_peso_is_the_currency_of_the_articles_country(sentence: str, article: str, currency: str) -> None:
    (amount,) = find_amounts(sentence)
    assert country_currency(amount.currency, sentence, article) == currency
