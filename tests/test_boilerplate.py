"""The Korean boilerplate filter: seeds line by line, and each rule on sentences we wrote."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from crawler.text.boilerplate import filter_paragraphs, load_rules, rules_from_dict
from tests.seedcheck import leaked_boilerplate_lines, missing_body_lines

SEEDS = [
    "000_6497c23c843cbbd5.txt", "001_98d9237a7e6c59eb.txt", "002_f905c2b626d99512.txt",
    "003_ad73828edec179ee.txt", "004_9aab289c862344ac.txt",
]
PROSE = "알리바바는 향후 3년간 클라우드와 AI 인프라에 3800억위안을 투자한다고 24일 밝혔다."
PROSE_2 = "회사는 데이터센터 증설을 위해 올해 설비투자를 전년보다 두 배 늘릴 계획이라고 설명했다."


@pytest.mark.parametrize("name", SEEDS)
def test_seed_text_keeps_every_body_line_and_drops_boilerplate(name, seeds_dir, seed_expected):
    lines = (seeds_dir / name).read_text(encoding="utf-8").split("\n")
    expected = seed_expected["seeds"][name]
    kept = filter_paragraphs(lines).kept
    assert missing_body_lines(lines, expected, kept) == []
    assert leaked_boilerplate_lines(lines, expected, kept) == []


def kept(*lines: str) -> list[str]:
    return list(filter_paragraphs(lines).kept)


@pytest.mark.parametrize("chrome", [
    "페이스북 공유하기 트위터 공유하기 밴드 공유하기 url 공유하기 인쇄하기",
    "핀터레스트 공유하기 링크드인 공유하기",  # share targets not in the vocabulary
    "확대 축소", "공유", "닫기", "메뉴 건너뛰기", "본문 바로가기", "KoreaWho", "글로벌이코노믹",
    "경제 > 국제경제", "기업과산업  전자·전기·정보통신", "7",
])
def test_chrome_lines_go(chrome):
    assert kept(PROSE, chrome, PROSE_2) == [PROSE, PROSE_2]


@pytest.mark.parametrize("notice", [
    "ⓒ 한국경제신문 무단전재 및 재배포 금지",
    "<저작권자 © 테크뉴스, 무단 전재 및 재배포 금지>",
    "Copyright © Example News. All rights reserved.",
    "댓글 (12)",
    "- 300자까지 쓰실 수 있습니다.",
    "홍길동 기자 hong@example.co.kr",
    "김철수 테크뉴스 특파원",
    "입력 2025.02.07 06:00 수정 2025.02.07 09:12",
    "- 기자 사진 홍길동 기자",
    "반도체 공장 전경. 사진=삼성전자",
    "12345 삼성전자, 평택에 새 라인 new 랭크뉴스 2025.02.25",
])
def test_notices_bylines_and_board_rows_go(notice):
    assert kept(PROSE, notice, PROSE_2) == [PROSE, PROSE_2]


def test_a_long_paragraph_mentioning_copyright_or_a_reporter_stays():
    paragraph = ("저작권 분쟁이 이어지는 가운데 생성형 AI 기업들은 무단전재 논란을 피하려고 언론사와 "
                 "콘텐츠 계약을 맺고 있으며, 업계는 이 비용이 데이터센터 투자만큼 커질 수 있다고 본다. " * 3)
    assert kept(PROSE, paragraph) == [PROSE, paragraph.strip()]


def test_tail_drops_list_items_after_a_heading_until_the_next_prose_paragraph():
    page = [PROSE, "많이 본 뉴스", "삼성전자, 美 텍사스 공장 가동 연기", "SK하이닉스 HBM 증설에 20조",
            "1", "[단독] 네이버, 데이터센터 추가 건립 검토", PROSE_2]
    assert kept(*page) == [PROSE, PROSE_2]


def test_tail_drops_bulleted_rules_even_when_they_read_like_sentences():
    page = [PROSE, "댓글 (0)", "• - 타인을 비방하는 글은 관리자가 예고 없이 삭제할 수 있습니다.",
            "• - 광고성 게시물은 운영 원칙에 따라 제한됩니다."]
    assert kept(*page) == [PROSE]


def test_heading_words_inside_a_sentence_do_not_start_a_tail():
    sentence = "회사는 관련기사에서 언급된 것처럼 AI 인프라 투자를 늘린다고 밝혔다."
    assert kept(sentence, "짧은 소제목 줄", PROSE) == [sentence, "짧은 소제목 줄", PROSE]


def test_a_repeated_paragraph_stands_once_the_first_time():
    assert kept(PROSE, PROSE_2, PROSE, "  " + PROSE_2 + " ") == [PROSE, PROSE_2]


def test_the_dropped_lines_say_why():
    page = filter_paragraphs([PROSE, "공유하기", "최신기사", "어떤 헤드라인", PROSE])
    assert [(d.text, d.reason) for d in page.dropped] == [
        ("공유하기", "chrome"), ("최신기사", "list_heading"), ("어떤 헤드라인", "list_item"), (PROSE, "repeated"),
    ]


def test_vocabulary_is_data():
    raw = tomllib.loads(resources.files("crawler").joinpath("data/boilerplate.toml").read_text(encoding="utf-8"))
    raw["chrome"]["site_names"] = [*raw["chrome"]["site_names"], "테크뉴스24"]
    custom = rules_from_dict(raw)
    assert filter_paragraphs([PROSE, "테크뉴스24"], custom).kept == (PROSE,)
    assert filter_paragraphs([PROSE, "테크뉴스24"], load_rules()).kept == (PROSE, "테크뉴스24")


@pytest.mark.parametrize("line", [
    "김하늘 기자 외 1명", "김하늘 기자 외 2명", "김하늘·이도윤 기자", "김하늘ㆍ이도윤ㆍ박지호 기자 sky@newsone.example",
    "공동취재", "사진공동취재단", "[공동취재]", "공동취재단",
])
def test_bylines_of_several_reporters_and_pool_credits_go(line):
    assert kept(PROSE, line, PROSE_2) == [PROSE, PROSE_2]


@pytest.mark.parametrize("line", [
    "기사 URL이 복사되었습니다.", "URL이 복사되었습니다.", "링크가 복사되었습니다", "주소가 클립보드에 복사되었습니다.",
    "기사가 스크랩되었습니다.", "원하는 곳에 붙여넣기(Ctrl+V)해주세요.",
])
def test_share_bar_toasts_go(line):
    assert kept(PROSE, line, PROSE_2) == [PROSE, PROSE_2]


def test_sentences_about_copying_or_joint_coverage_stay():
    about = ["회사는 경쟁사의 공정 기술이 복사되었다는 의혹에 대해 사실이 아니라고 반박했다.",
             "두 방송사는 이번 행사를 공동취재 형식으로 중계하기로 했다고 밝혔다."]
    assert kept(PROSE, *about) == [PROSE, *about]


def test_a_dash_line_before_the_text_is_a_subtitle_after_it_a_list_item_stays():
    subtitle, item = "- 창원 본사에 2028년까지 건설", "- 1단계: 2026년 착공"
    assert kept(subtitle, PROSE, item, PROSE_2) == [PROSE, item, PROSE_2]


def test_the_reporter_of_several_is_the_first():
    from crawler.text.pagemeta import byline_author

    assert byline_author("김하늘·이도윤 기자") == "김하늘"
    assert byline_author("김하늘 기자 외 1명") == "김하늘"
