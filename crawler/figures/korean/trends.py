"""Qualitative revisions of a capex plan: a company revises an earlier plan up or down, with no figure.

Owns `qualitative_revision(...)`: for a sentence without money figures, a Mention with
amount None, kind capex and trend "up"/"down" when the sentence refers explicitly to an
earlier plan or figure and revises it, and its subject company and a capex cue are clear:
- the earlier plan compared with, then a verb in the same clause: "MS는 데이터센터 투자를
  당초 계획보다 늘리기로 했다", "지난해 발표한 목표보다 줄인다";
- the plan itself revised: "투자 계획을 상향 조정", "투자 규모를 증액", "계획을 축소하기로".
A bare growth statement ("투자 2배 확대", "늘릴 계획이었다", "확충") is not a revision. The
words live in crawler/data/mentions.toml [trend].
"""

from __future__ import annotations

import re

from crawler.figures.korean.kinds import Cue
from crawler.figures.korean.periods import PeriodSpan
from crawler.figures.korean.subjects import Group, attribute
from crawler.figures.korean.vocab import load_vocab
from crawler.models import Mention

_TREND = load_vocab("mentions")["trend"]


def _alternatives(prefix: str, up: list[str], down: list[str]) -> str:
    groups = [f"(?P<{prefix}_{d}{i}>{w})" for d, words in (("up", up), ("down", down)) for i, w in enumerate(words)]
    return "(?:" + "|".join(groups) + ")"


_COMPARED = re.compile(f"(?P<start>{_TREND['earlier']}){_TREND['gap']}"
                       + _alternatives("c", _TREND["up"], _TREND["down"]))
_PLAN_REVISED = re.compile(f"(?P<start>{_TREND['plan']})" + _alternatives("p", _TREND["plan_up"], _TREND["plan_down"]))
_STALE = re.compile(_TREND["stale"])
# every revision holds one of its verbs: a sentence without any is not searched further
_ANY_VERB = re.compile("|".join(sorted({w for key in ("up", "down", "plan_up", "plan_down") for w in _TREND[key]},
                                       key=len, reverse=True)))


def _revision(sentence: str) -> tuple[int, int, str] | None:
    """(start, end, "up"/"down") of the first explicit revision of an earlier plan, or None."""
    for pattern in (_COMPARED, _PLAN_REVISED):
        for found in pattern.finditer(sentence):
            if _STALE.match(sentence[found.end():]):
                continue
            direction = "up" if "_up" in (found.lastgroup or "") else "down"
            return found.start("start"), found.end(), direction
    return None


def may_revise(text: str) -> bool:
    """Does the text hold a revision's verb? False: mentions_revision is False for it and any part of it."""
    return _ANY_VERB.search(text) is not None


def mentions_revision(sentence: str) -> bool:
    """A cheap first test: does the sentence revise an earlier plan at all?"""
    return _ANY_VERB.search(sentence) is not None and _revision(sentence) is not None


def qualitative_revision(
    sentence: str, groups: list[Group], cues: list[Cue], periods: list[PeriodSpan]
) -> Mention | None:
    """A figure-less capex revision of one named company (or aggregate), or None."""
    revision = _revision(sentence)
    if revision is None:
        return None
    start, end, direction = revision
    if not any(c.kind == "capex" and c.start < end for c in cues):
        return None
    subjects = attribute(sentence, groups, 0, start)
    if not subjects or len(subjects) != 1 or subjects[0].company is None:
        return None
    subject = subjects[0]
    before = [p for p in periods if p.end <= start]
    return Mention(
        company=subject.company, amount=None, currency=None, qualifier="exact",
        period=before[-1].value if before else None, kind="capex", evidence=sentence,
        members=subject.members, company_ko=subject.written, trend=direction,
    )
