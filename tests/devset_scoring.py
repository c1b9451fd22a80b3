"""Score `analyze` on the labelled development set with the conventions of the team's scorer.

The development set (tests/fixtures/devset/<batch>/: `<id>.txt` and `labels.jsonl`) is
labelled in the format of `../shared/checks/score_extraction.py --gold --dir`, and this
module scores it the same way, in process (one subprocess per article would take minutes):
a mention matches a fact of the same subject (canonical English, the article's own
spelling or an alternative) and amount (1%, either end of a range); a restatement in
another currency (`alternates`) and a known figure with no subject count neither way;
`ambiguous` facts are neither hits nor false alarms. On top of capex precision/recall and
period/kind accuracy it reports company accuracy (a capex figure matched by amount whose
subject is another company) — the field the scorer folds into precision.

    python tests/devset_scoring.py [BATCH...] [--verbose]     per-batch and pooled scores
    python tests/devset_scoring.py --pin                      pin every batch's current tallies
    python tests/devset_scoring.py --record-blind BATCH NOTE  a new batch's blind first run, recorded once
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEVSET = Path(__file__).parent / "fixtures" / "devset"
BLIND = DEVSET / "blind_scores.json"
PINNED = DEVSET / "pinned_scores.json"
SHIPPED_CONFIG = Path(__file__).parent.parent / "config.toml"

# the scorer's own alias list (../shared/checks/score_extraction.py), so that names compare alike
_ALIASES = {
    "alphabet": ["google", "구글", "알파벳", "alphabetinc", "googlealphabet"],
    "microsoft": ["ms", "마이크로소프트", "msft"],
    "amazon": ["아마존", "aws", "amazoncom", "amazonwebservices"],
    "meta": ["메타", "metaplatforms", "facebook", "페이스북", "메타플랫폼스"],
    "alibaba": ["알리바바", "alibabagroup", "alibabacloud", "알리바바그룹", "알리바바클라우드"],
    "tencent": ["텐센트"], "baidu": ["바이두"],
    "bytedance": ["바이트댄스"], "openai": ["오픈ai", "오픈에이아이"],
    "softbank": ["소프트뱅크", "softbankgroup"], "oracle": ["오라클"],
    "stargate": ["스타게이트", "stargateproject"], "deepseek": ["딥시크"],
    "samsungelectronics": ["삼성전자", "samsung"], "skhynix": ["sk하이닉스", "하이닉스"],
    "naver": ["네이버"], "kakao": ["카카오"], "nvidia": ["엔비디아"],
}
_CANON = {name: canon for canon, names in _ALIASES.items() for name in [canon, *names]}


def norm_name(value: Any) -> str:
    s = re.sub(r"[\s.,\-_()'\"]", "", unicodedata.normalize("NFKC", str(value or "")).lower())
    for suffix in ("inc", "corp", "corporation", "holdings", "group", "co", "ltd"):
        if s.endswith(suffix) and _CANON.get(s[: -len(suffix)]):
            s = s[: -len(suffix)]
    return _CANON.get(s, s)


def _subject_keys(company: Any, members: Any = None) -> set[frozenset[str]]:
    parts = [p for p in re.split(r"[+&/,·]", str(company or "")) if p.strip()]
    keys = {frozenset(norm_name(p) for p in parts) if len(parts) > 1 else frozenset([norm_name(company)])}
    if members:
        keys.add(frozenset(norm_name(p) for p in members))
    return keys


def same_subject(mention: dict, fact: dict) -> bool:
    wanted = _subject_keys(fact.get("company"), fact.get("members"))
    for alt in [*(fact.get("company_alt") or []), *([fact["company_ko"]] if fact.get("company_ko") else [])]:
        wanted |= _subject_keys(alt)
    if fact.get("company") == "Stargate":
        wanted.add(frozenset(["openai"]))
    return bool(_subject_keys(mention.get("company"), mention.get("members")) & wanted)


def _close(a: Any, b: Any) -> bool:
    try:
        x, y = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return y != 0 and abs(x - y) <= 0.01 * abs(y)


def _alternates(fact: dict) -> list[dict]:
    """The fact's other figures (as the scorer's alternates(): listed ones, and its won and dollar conversions)."""
    alts = list(fact.get("alternates", []))
    if fact.get("krw_conversion"):
        alts.append({"amount": fact["krw_conversion"], "currency": "KRW"})
    if fact.get("usd_conversion"):
        alts.append({"amount": fact["usd_conversion"], "currency": "USD"})
    return alts


def _amount_match(m: dict, f: dict) -> bool:
    if m.get("currency") != f["currency"]:
        return False
    low = f.get("amount_low")
    return _close(m.get("amount"), f["amount"]) or bool(low) and (
        _close(m.get("amount"), low) or _close(m.get("amount_max"), f["amount"]))


COUNTS = ("articles", "gold", "tp", "fp", "period_ok", "qualifier_ok", "kind_ok", "kind_n", "company_ok", "company_n")


@dataclass
class Score:
    articles: int = 0
    gold: int = 0
    tp: int = 0
    fp: int = 0
    period_ok: int = 0
    qualifier_ok: int = 0
    kind_ok: int = 0
    kind_n: int = 0
    company_ok: int = 0
    company_n: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.notes += other.notes

    def as_dict(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return {"articles": self.articles, "capex_P": round(p, 3), "capex_R": round(r, 3),
                "capex_F1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                "period_acc": round(self.period_ok / self.tp, 3) if self.tp else 0.0,
                "qualifier_acc": round(self.qualifier_ok / self.tp, 3) if self.tp else 0.0,
                "kind_acc": round(self.kind_ok / self.kind_n, 3) if self.kind_n else 0.0,
                "company_acc": round(self.company_ok / self.company_n, 3) if self.company_n else 0.0}

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTS}

    @classmethod
    def from_counts(cls, counts: dict[str, int]) -> Score:
        return cls(**{name: counts[name] for name in COUNTS})

    def line(self) -> str:
        return " ".join(f"{k}={v}" for k, v in self.as_dict().items())


def score_article(name: str, facts: list[dict], mentions: list[dict]) -> Score:
    """One article, as the scorer counts it."""
    s = Score(articles=1)
    matched: set[int] = set()
    for m in mentions:
        hit, ignored = _match(m, facts, matched)
        f = facts[hit] if hit is not None else None
        if f is not None and f.get("ambiguous"):
            continue
        if f is not None:
            s.kind_n += 1
            s.kind_ok += m.get("kind") == f["kind"]
        elif m.get("kind") == "capex" and not ignored and any(_amount_match(m, g) for g in facts):
            s.company_n += 1  # the right figure given to another subject
            s.notes.append(f"{name}: wrong company {m.get('company')} for {m.get('amount')} {m.get('currency')}")
        if m.get("kind") != "capex":
            if f is not None and f["kind"] == "capex":
                s.notes.append(f"{name}: kind {m.get('kind')} for capex {f['company']} {f['amount']}")
            continue
        if f is not None and f["kind"] == "capex":
            if hit not in matched:
                matched.add(hit)
                s.tp += 1
                s.company_n += 1
                s.company_ok += 1
                period_ok = (m.get("period") or None) in [f.get("period"), *(f.get("period_alt") or [])]
                s.period_ok += period_ok
                s.qualifier_ok += m.get("qualifier") == f.get("qualifier")
                if not period_ok:
                    s.notes.append(f"{name}: period {m.get('period')} for {f['company']} {f['amount']}"
                                   f" (label {f.get('period')})")
        elif not ignored:
            s.fp += 1
            s.notes.append(f"{name}: false capex {m.get('company')} {m.get('amount')} {m.get('currency')}"
                           f" {m.get('period')}" + (f" (label {f['kind']})" if f else ""))
    for j, f in enumerate(facts):
        if f["kind"] == "capex" and not f.get("ambiguous"):
            s.gold += 1
            if j not in matched:
                s.notes.append(f"{name}: missed {f.get('company')} {f['amount']} {f['currency']} {f.get('period')}")
    return s


def _match(m: dict, facts: list[dict], matched: set[int]) -> tuple[int | None, bool]:
    hit: int | None = None
    ignored = False
    for j, f in enumerate(facts):
        subject = same_subject(m, f)
        if subject and _amount_match(m, f):
            if hit is None or (hit in matched and j not in matched):
                hit = j
            continue
        if not subject and m.get("company"):
            continue
        ignored |= any(m.get("currency") == a["currency"] and _close(m.get("amount"), a["amount"])
                       for a in _alternates(f))
    if hit is None and not ignored:
        for f in facts:
            figures = _alternates(f) + ([f] if not m.get("company") else [])
            ignored |= any(m.get("currency") == a["currency"] and _close(m.get("amount"), a["amount"])
                           for a in figures)
    return hit, ignored


def batches() -> list[str]:
    return sorted(p.name for p in DEVSET.iterdir() if (p / "labels.jsonl").is_file())


def labels(batch: str) -> list[dict]:
    lines = (DEVSET / batch / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score_batch(batch: str) -> Score:
    from crawler.config import load_config
    from crawler.figures.analyze import analyze

    keywords = load_config(SHIPPED_CONFIG).keywords
    total = Score()
    for item in labels(batch):
        path = DEVSET / batch / f"{item['id']}.txt"
        result = analyze(path.read_bytes(), is_html=False, keywords=keywords, published=item["published"],
                         path=str(path))
        mentions = result.to_json()["mentions"]
        total.add(score_article(item["id"], item["facts"], mentions))
    return total


def record_blind(batch: str, note: str) -> Score:
    """Score a new batch once, as delivered, and record it in blind_scores.json (never twice)."""
    import subprocess

    blind = json.loads(BLIND.read_text(encoding="utf-8"))
    if batch in blind["batches"]:
        raise SystemExit(f"{BLIND}: {batch} has its blind first run already; it is never scored blind again")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=DEVSET, check=True).stdout.strip()
    s = score_batch(batch)
    blind["batches"][batch] = {"scored_with": f"{commit} ({note})", "counts": s.counts(), "scores": s.as_dict()}
    BLIND.write_text(json.dumps(blind, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return s


def main(argv: list[str]) -> None:
    if "--record-blind" in argv:
        batch, note = [a for a in argv if not a.startswith("--")]
        s = record_blind(batch, note)
        print("\n".join(s.notes))
        print(f"{batch} (blind first run, recorded): {s.line()}")
        return
    if "--pin" in argv:
        PINNED.write_text(json.dumps({b: score_batch(b).counts() for b in batches()}, indent=1) + "\n",
                          encoding="utf-8")
        print(f"pinned {PINNED}")
        return
    verbose = "--verbose" in argv
    wanted = [a for a in argv if not a.startswith("--")] or batches()
    pooled = Score()
    for batch in wanted:
        s = score_batch(batch)
        pooled.add(s)
        if verbose:
            print("\n".join(s.notes))
        print(f"{batch}: {s.line()}")
    print(f"pooled: {pooled.line()}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main(sys.argv[1:])
