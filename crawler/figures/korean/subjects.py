"""Who a money figure belongs to, from the company names of its sentence.

Owns subject attribution: names are joined into groups ("A와 B, C", "아마존·MS·구글·메타"),
each group gets the role its particle gives it (subject 은/는/이/가, "등" list, possessive 의,
object 을/를, oblique 에/에서, joint "와 함께"), and a figure goes to the best-ranked group
of its clause (the text since the previous figure): one company, an aggregate "A+B+C"
with members, one figure per company ("각각", "씩"), or a joint venture (Stargate) when
its members invest together. A single name with 등/비롯한 ("알리바바를 비롯한 기업들")
is an unnamed aggregate: no company; "A 등은" as subject is A. Structure words are crawler/data/mentions.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.figures.korean.companies import CompanyHit
from crawler.figures.korean.orgs import modifies_a_noun
from crawler.figures.korean.vocab import load_vocab

_VOCAB = load_vocab("mentions")
_ROLES = [(role, re.compile(pattern)) for role, pattern in _VOCAB["roles"].items()]
_RANK = {"subject": 0, "etc": 0, "possessive": 1, "bare": 2, "object": 3, "joint": 4}
_SKIP = re.compile(
    r"(?:\s?\([^()]*\)|\s?(?:" + "|".join(map(re.escape, _VOCAB["titles"])) + r")(?![A-Za-z]))*"
)
_CONNECTOR = re.compile(_VOCAB["words"]["connector"])
_EACH = re.compile(_VOCAB["words"]["each"])
_OBLIQUE_NEXT_WORD = re.compile(_VOCAB["words"]["oblique_next_word"])
_NAME_BRACKET = re.compile(_VOCAB["words"]["name_bracket"])
_GOVERNMENT_SUBJECT = re.compile(_VOCAB["words"]["government_subject"])
_WITH = re.compile(r"(?:와|과)\s")
_AGREEMENT = re.compile(_VOCAB["words"]["investment_agreement"])
_JOINT_VENTURE_AFTER = re.compile(r"(?:와|과)\s?합작")  # 'LG에너지솔루션과 합작해 44억달러': a venture of the pair


@dataclass(frozen=True)
class Subject:
    """The company (or aggregate, or joint venture) a figure belongs to."""

    company: str | None
    members: tuple[str, ...] | None = None
    written: str | None = None


@dataclass(frozen=True)
class Group:
    """Company names written together, with the role of the whole group in its clause."""

    hits: tuple[CompanyHit, ...]
    end: int  # after the last name's gloss and title words
    role: str

    @property
    def start(self) -> int:
        return self.hits[0].start

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.name for h in self.hits))


def _role(sentence: str, at: int) -> str:
    rest = sentence[at:]
    for role, pattern in _ROLES:
        if pattern.match(rest):
            if role == "customer":
                return "relative"  # '애플 납품용', '일진머티리얼즈 인수 대금': named, but as no clause's subject
            return "oblique" if role == "counterparty" else role
    return "oblique" if _OBLIQUE_NEXT_WORD.match(rest) else "bare"


def company_groups(sentence: str, hits: list[CompanyHit]) -> list[Group]:
    """The sentence's names joined into groups, in order (glosses left out)."""
    groups: list[Group] = []
    current: list[CompanyHit] = []
    end = 0
    for hit in (h for h in hits if not h.in_gloss):
        if current and not _CONNECTOR.match(sentence[end : hit.start]):
            groups.append(Group(tuple(current), end, _group_role(sentence, current[0].start, end)))
            current = []
        current.append(hit)
        end = _SKIP.match(sentence, hit.end).end()  # type: ignore[union-attr]
    if current:
        groups.append(Group(tuple(current), end, _group_role(sentence, current[0].start, end)))
    return groups


def _group_role(sentence: str, start: int, end: int) -> str:
    """'옛 LG전자 구미 A2공장 매입에': a former owner names a place, it does not act."""
    return "oblique" if sentence.endswith("옛 ", 0, start) else _role(sentence, end)


def _as_subject(names: tuple[str, ...], written: str, ventures: list[CompanyHit]) -> Subject:
    if len(names) == 1:
        hit_jv = next((v for v in ventures if v.name == names[0] and v.members), None)
        return Subject(names[0], hit_jv.members if hit_jv else None, written)
    members = tuple(sorted(set(names)))
    for venture in ventures:  # its members, or the venture named with some of them ('스타게이트는 … 오픈AI, 오라클과')
        if venture.members and set(members) - {venture.name} <= set(venture.members):
            return Subject(venture.name, venture.members, venture.written)
    return Subject("+".join(members), members, written)


def group_subject(group: Group) -> Subject:
    """The whole group as one subject: a company, an aggregate "A+B" or a joint venture."""
    ventures = [h for h in group.hits if h.members]
    return _as_subject(group.names, _written([group]), ventures)


def _written(groups: list[Group]) -> str:
    return "·".join(dict.fromkeys(h.written for g in groups for h in g.hits))


def attribute(
    sentence: str, groups: list[Group], start: int, end: int, *, each_after: bool = False
) -> list[Subject] | None:
    """The subjects of a figure at [.., end) whose clause starts at `start`.

    None when the clause names no company in a usable role (the caller falls back);
    [Subject(None)] when it names only an unnamed aggregate ("알리바바를 비롯한 기업들").
    """
    in_clause = [g for g in groups if g.start >= start and g.end <= end and g.role not in ("oblique", "relative")
                 and not sells(sentence, g, end)]
    if not in_clause:
        return None
    primary = min(in_clause, key=lambda g: (_RANK.get(g.role, 5), -g.start))
    if primary.role == "joint" and len(primary.names) == 1 and not primary.hits[0].members \
            and not _JOINT_VENTURE_AFTER.match(sentence, primary.end):
        return None  # 'SK그룹과 손잡고 … 제시한 40억달러': the partner alone; the story's company acts
    topic = topic_above(sentence, in_clause, primary, end)
    primary = topic or primary
    chosen = [primary]
    if primary.role != "joint":
        chosen += [g for g in groups if g.role == "joint" and g.end <= end and g is not primary]
    names = tuple(dict.fromkeys(n for g in chosen for n in g.names))
    if primary.role == "etc" and len(names) == 1 and len(chosen) == 1:
        return [Subject(None, None, _written(chosen))]
    ventures = [h for g in groups for h in g.hits if h.members]
    if len(names) > 1 and (each_after or _EACH.search(sentence, primary.end, end)):
        by_name = {h.name: h.written for g in chosen for h in g.hits}
        return [_as_subject((n,), by_name[n], ventures) for n in names]
    return [_as_subject(names, _written(chosen), ventures)]


_OBJECT_MARK = re.compile(r"(?:을|를)\s")
_BOUGHT_FOR = re.compile(r"\S*?에\s?(?:인수|사들|매입|취득)")


def sells(sentence: str, group: Group, end: int) -> bool:
    """'바이오젠의 덴마크 생산공장을 8억9000만달러에 인수했다', 'JXTG홀딩스 계열 업체 두 곳을 8억달러에 사들였다':
    the owner of what is bought for the figure sells it; the buyer is named elsewhere."""
    return group.role in ("possessive", "bare") and _BOUGHT_FOR.match(sentence, end) is not None \
        and _OBJECT_MARK.search(sentence, group.end, end) is not None


def topic_above(sentence: str, in_clause: list[Group], primary: Group, end: int) -> Group | None:
    """'효성은 2020년 미쓰비시전기가 가동을 멈춘 공장을 4500만달러에 인수했다': a subject with 이/가 inside
    a relative clause (its verb modifies a noun before the figure) is not the topic's (은/는) subject."""
    if primary.role != "subject" or not sentence.startswith(("이", "가"), primary.end):
        return None
    topics = [g for g in in_clause if g.start < primary.start and g.role == "subject"
              and sentence.startswith(("은", "는"), g.end)]
    if not topics or not modifies_a_noun(sentence[primary.end + 1 : end]):
        return None
    return topics[-1]


def bracketed_after_name(sentence: str, hits: list[CompanyHit], at: int) -> list[Subject] | None:
    """'아마존(1000억 달러), MS(800억 달러)': a figure at `at` in brackets right after a name is its."""
    for hit in hits:
        if not hit.in_gloss and hit.end < at and _NAME_BRACKET.match(sentence[hit.end : at]):
            return [Subject(hit.name, hit.members, hit.written)]
    return None


def government_figure(sentence: str, groups: list[Group], start: int, end: int) -> list[Subject] | None:
    """A government subject in the clause [start, end) and no company as subject: no company's figure."""
    if not _GOVERNMENT_SUBJECT.search(sentence, start, end):
        return None
    in_clause = [g for g in groups if g.start >= start and g.end <= end]
    if any(g.role in ("subject", "etc") for g in in_clause):
        return None
    if any(_WITH.match(sentence, g.end) for g in in_clause) and _AGREEMENT.match(sentence, end):
        return None  # '전북도는 지이엠코리아와 1조2100억원 규모의 투자협약을 맺었다': the company invests
    return [Subject(None)]
