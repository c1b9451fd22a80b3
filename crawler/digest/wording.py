"""How the digest writes things: Korean amounts, periods, company names, safe links.

Pure functions over the vocabularies in crawler/data/digest_labels.toml (and the
mention finder's crawler/data/companies.toml when it names a Korean form).
`3800억 위안` is `korean_amount(380_000_000_000, "CNY")`; its English gloss is
`compact_amount(...)` -> "CNY 380.0bn"; approximate equivalents come from the FX table.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DATA = Path(__file__).resolve().parent.parent / "data"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@cache
def labels() -> dict[str, Any]:
    return tomllib.loads((DATA / "digest_labels.toml").read_text(encoding="utf-8"))


@cache
def _korean_names() -> dict[str, str]:
    names = dict(labels()["companies"])
    names.update(_names_from_companies_data())
    return names


def _names_from_companies_data() -> dict[str, str]:
    """Korean names from the mention finder's companies.toml, if it holds them."""
    path = DATA / "companies.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    found: dict[str, str] = {}
    for name, entry in _company_entries(raw):
        korean = entry.get("ko") or entry.get("korean") or entry.get("name_ko")
        if isinstance(korean, str) and korean:
            found[name] = korean
    return found


def _company_entries(raw: dict[str, Any]):
    table = raw.get("companies", raw)
    if isinstance(table, list):
        return [(e.get("name"), e) for e in table if isinstance(e, dict) and e.get("name")]
    return [(k, v) for k, v in table.items() if isinstance(v, dict)]


def company_label(subject: str, members: tuple[str, ...] | None = None, as_written: str | None = None) -> str:
    """'알리바바 (Alibaba)'; an aggregate: '알리바바·바이두·텐센트 합산 (Alibaba+Baidu+Tencent)'."""
    parts = members or tuple(subject.split("+"))
    if "+" in subject:
        return f"{'·'.join(korean_name(p) or p for p in parts)} 합산 ({subject})"
    korean = korean_name(subject) or (as_written if as_written and as_written != subject else None)
    label = f"{korean} ({subject})" if korean and korean != subject else subject
    if len(parts) > 1:  # a joint venture named in its own right: Stargate of OpenAI, Oracle, SoftBank
        label += f" · {'·'.join(korean_name(p) or p for p in parts)}"
    return label


def short_label(subject: str, members: tuple[str, ...] | None = None) -> str:
    """The Korean name alone ('알리바바'; '알리바바·바이두·텐센트 합산'), English when unknown."""
    if "+" not in subject:
        return korean_name(subject) or subject
    return "·".join(korean_name(p) or p for p in members or subject.split("+")) + " 합산"


def korean_name(subject: str) -> str | None:
    return _korean_names().get(subject)


def korean_number(n: int) -> str:
    """380_000_000_000 -> '3,800억'; 74_900_000_000_000 -> '74조 9,000억'."""
    sign, n = ("-" if n < 0 else ""), abs(n)
    jo, rest = divmod(n, 10**12)
    eok, rest = divmod(rest, 10**8)
    man, units = divmod(rest, 10**4)
    parts = [f"{jo:,}조"] if jo else []
    if eok:
        parts.append(f"{eok:,}억")
    if man and not jo:
        parts.append(f"{man:,}만")
    if units and not (jo or eok):
        parts.append(f"{units:,}")
    return sign + (" ".join(parts) or "0")


def korean_amount(amount: int, currency: str | None, qualifier: str | None = "exact",
                  amount_max: int | None = None) -> str:
    """'3,800억 위안', '약 40억 위안', '1,500억 위안 이상', '100억~120억 달러'."""
    unit = labels()["currencies"].get(currency or "", currency or "")
    number = korean_number(amount)
    if qualifier == "range" and amount_max:
        number = f"{number}~{korean_number(amount_max)}"
    text = f"{number} {unit}".strip()
    if qualifier == "approx":
        return f"약 {text}"
    if qualifier == "at_least":
        return f"{text} 이상"
    if qualifier == "at_most":
        return f"{text} 이하"
    return text


def compact_amount(amount: float, currency: str | None, amount_max: float | None = None) -> str:
    """'CNY 380.0bn', 'USD 5.6mn', 'USD 10.0bn–12.0bn'."""
    text = _compact(amount)
    if amount_max:
        text = f"{text}–{_compact(amount_max)}"
    return f"{currency} {text}" if currency else text


def _compact(value: float) -> str:
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "mn")):
        if abs(value) >= size:
            return f"{value / size:,.1f}{suffix}"
    return f"{value:,.0f}"


def to_usd(amount: int | None, currency: str | None, fx_to_usd: Mapping[str, float]) -> float | None:
    if amount is None or not currency or currency not in fx_to_usd:
        return None
    return amount * fx_to_usd[currency]


def approx_equivalents(usd: float | None, currency: str | None, fx_to_usd: Mapping[str, float]) -> str:
    """'≈ US$52.8bn · 73.9조 원' (whichever of the two is not the original currency)."""
    if usd is None:
        return ""
    parts = [] if currency == "USD" else [f"US${_compact(usd)}"]
    if currency != "KRW" and fx_to_usd.get("KRW"):
        parts.append(approx_krw(usd / fx_to_usd["KRW"]))
    return "≈ " + " · ".join(parts) if parts else ""


def approx_krw(won: float) -> str:
    """A rounded won figure: '74.9조 원', '5,600억 원'."""
    if won >= 1e12:
        return f"{won / 1e12:,.1f}조 원".replace(".0조", "조")
    if won >= 1e8:
        return f"{won / 1e8:,.0f}억 원"
    return f"{won / 1e4:,.0f}만 원"


def period_label(period: str | None) -> str:
    """'2025-2027' -> '2025~2027년', '2024H1' -> '2024년 상반기', 'FY2025' -> '2025 회계연도'."""
    words = labels()["periods"]
    if not period:
        return str(words["none"])
    if match := re.fullmatch(r"(\d{4})-(\d{4})", period):
        return str(words["span"]).format(start=match[1], end=match[2])
    if match := re.fullmatch(r"(\d{4})(H[12])", period):
        return str(words["half"][match[2]]).format(year=match[1])
    if match := re.fullmatch(r"(\d{4})Q([1-4])", period):
        return str(words["quarter"]).format(year=match[1], quarter=match[2])
    if match := re.fullmatch(r"FY(\d{4})", period):
        return str(words["fiscal"]).format(year=match[1])
    if re.fullmatch(r"\d{4}", period):
        return str(words["year"]).format(year=period)
    return period


def error_korean(error: str | None) -> str:
    """A crawl error with its English phrases in Korean (digest_labels.toml [health.errors])."""
    text = one_line(error) or "no error recorded"
    for english, korean in labels()["health"]["errors"].items():
        text = text.replace(english, korean)
    return text


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None (never link javascript:, data:, ...)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or _CONTROL.search(url):
        return None
    return url


def one_line(text: str | None) -> str:
    """Text with every control character and line break replaced by one space."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def display_width(text: str) -> int:
    """Columns a monospace terminal gives `text` (Hangul and CJK take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` display columns (for the plain-text chart)."""
    return text + " " * max(0, width - display_width(text))
