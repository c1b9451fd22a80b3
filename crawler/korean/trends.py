"""Qualitative revisions of a capex plan: a company, capex words and "늘린다"/"축소", no figure.

Owns `qualitative_revision(...)`: for a sentence without money figures, a Mention with
amount None, kind capex and trend "up"/"down" when its subject company and a capex cue
are clear ("알리바바, 컴퓨팅 인프라 투자 2배 확대", "MS는 데이터센터 투자를 당초 계획보다
줄인다"). Words live in crawler/data/mentions.toml [trend].
"""

from __future__ import annotations

import re

from crawler.korean.kinds import Cue
from crawler.korean.periods import PeriodSpan
from crawler.korean.subjects import Group, attribute
from crawler.korean.vocab import load_vocab
from crawler.models import Mention

_TREND = load_vocab("mentions")["trend"]
_PHRASE = re.compile("|".join(f"(?P<{d}{i}>{w})" for d in ("up", "down") for i, w in enumerate(_TREND[d])))


def qualitative_revision(
    sentence: str, groups: list[Group], cues: list[Cue], periods: list[PeriodSpan]
) -> Mention | None:
    """A figure-less capex revision of one named company (or aggregate), or None."""
    phrase = _PHRASE.search(sentence)
    if phrase is None or not any(c.kind == "capex" and c.start < phrase.start() for c in cues):
        return None
    subjects = attribute(sentence, groups, 0, phrase.start())
    if not subjects or len(subjects) != 1 or subjects[0].company is None:
        return None
    subject = subjects[0]
    before = [p for p in periods if p.end <= phrase.start()]
    return Mention(
        company=subject.company, amount=None, currency=None, qualifier="exact",
        period=before[-1].value if before else None, kind="capex", evidence=sentence,
        members=subject.members, company_ko=subject.written,
        trend="up" if (phrase.lastgroup or "").startswith("up") else "down",
    )
