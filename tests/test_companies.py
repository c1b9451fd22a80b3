"""Company aliases: canonical names, longest match, Korean word boundaries, ambiguous forms, glosses."""

from __future__ import annotations

import pytest

from crawler.figures.korean.companies import canonical_name, find_companies, joint_venture_members


def names(text: str) -> list[str]:
    return [h.name for h in find_companies(text) if not h.in_gloss]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("알리바바는", "Alibaba"), ("알리바바그룹", "Alibaba"), ("텐센트가", "Tencent"), ("바이두", "Baidu"),
        ("바이트댄스의", "ByteDance"), ("아마존은", "Amazon"), ("아마존웹서비스", "Amazon"), ("AWS는", "Amazon"),
        ("마이크로소프트와", "Microsoft"), ("구글은", "Alphabet"), ("Google", "Alphabet"),
        ("메타 플랫폼스", "Meta"), ("오픈AI는", "OpenAI"), ("OpenAI", "OpenAI"), ("오라클과", "Oracle"),
        ("소프트뱅크", "SoftBank"), ("엔비디아가", "Nvidia"), ("삼성전자는", "Samsung Electronics"),
        ("SK하이닉스는", "SK hynix"), ("네이버", "Naver"), ("카카오는", "Kakao"), ("딥시크", "DeepSeek"),
        ("화웨이", "Huawei"), ("애플은", "Apple"), ("테슬라", "Tesla"), ("xAI는", "xAI"), ("TSMC는", "TSMC"),
        ("인텔", "Intel"), ("LG전자는", "LG Electronics"), ("문샷 AI에", "Moonshot AI"), ("Microsoft", "Microsoft"),
        ("KT클라우드는", "KT Cloud"), ("KT는", "KT"),
    ],
)
def test_aliases_give_the_canonical_name(written: str, name: str) -> None:
    assert names(f"{written} 투자 계획") == [name]


def test_currency_word_hanhwa_is_not_hanwha() -> None:
    assert names("10억 유로(한화 약 1조4000억 원)") == []
    assert names("한화오션은 조선소에 투자") == ["Hanwha Ocean"]


def test_canonical_name_lookup() -> None:
    assert canonical_name("구글") == "Alphabet"
    assert canonical_name("알리바바 그룹 홀딩스") == "Alibaba"
    assert canonical_name("Samsung Electronics") == "Samsung Electronics"
    assert canonical_name("없는회사") is None


def test_longest_form_wins() -> None:
    hits = find_companies("알리바바 그룹 홀딩스는 투자한다")
    assert [(h.name, h.written) for h in hits] == [("Alibaba", "알리바바 그룹 홀딩스")]
    assert names("삼성SDI 공장 투자") == ["Samsung SDI"]  # not Samsung Electronics from 삼성


@pytest.mark.parametrize(
    "text",
    ["메타버스 시장에 투자", "카카오톡 공유하기", "인텔리전스 투자", "애플리케이션 개발 투자", "파인애플 농장",
     "MSCI 지수에 투자", "아마존강 유역", "네이버웹툰스 상장"],
)
def test_word_boundaries_keep_other_words_out(text: str) -> None:
    assert names(text) == []


def test_ambiguous_short_forms_need_context() -> None:
    assert names("알파벳 순서로 정렬했다") == []
    assert names("구글 운영사 알파벳은 750억달러를 투자") == ["Alphabet", "Alphabet"]
    assert names("MS는 올해 800억달러를 투자하겠다고 밝혔다") == ["Microsoft"]
    assert names("메타는 라마 모델을 공개했다") == []
    assert names("메타는 AI 인프라에 650억달러를 쓴다") == ["Meta"]


def test_gloss_in_brackets_is_marked_not_counted_twice() -> None:
    hits = find_companies("알파벳(구글 모기업)과 마이크로소프트(MS) 등")
    assert [(h.name, h.in_gloss) for h in hits] == [
        ("Alphabet", False), ("Alphabet", True), ("Microsoft", False), ("Microsoft", True)
    ]


def test_joint_venture_has_its_members() -> None:
    assert joint_venture_members("Stargate") == ("OpenAI", "Oracle", "SoftBank")
    hit = find_companies("합작회사 '스타게이트'를 설립")[0]
    assert (hit.name, hit.members) == ("Stargate", ("OpenAI", "Oracle", "SoftBank"))


def test_every_contract_company_is_in_the_table() -> None:
    for name in ("Alibaba", "Tencent", "Baidu", "ByteDance", "Amazon", "Microsoft", "Alphabet", "Meta",
                 "OpenAI", "Oracle", "SoftBank", "Nvidia", "Samsung Electronics", "SK hynix", "Naver", "Kakao"):
        assert canonical_name(name) == name
