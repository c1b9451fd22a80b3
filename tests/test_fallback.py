"""The fallback reader (crawler/text/fallback.py, crawler/text/blocks.py): when it runs, and each
of its steps on pages we wrote. The recorded layout families are in tests/test_layout_cases.py."""

from __future__ import annotations

import json
import logging

import pytest
from lxml import html

from crawler.text.blocks import best_block, block_texts
from crawler.text.boilerplate import load_rules
from crawler.text.extract import extract_article
from crawler.text.fallback import (
    block_body,
    embedded_json_body,
    fallback_paragraphs,
    json_ld_body,
    load_fallback_config,
    weakness,
)

P1 = "삼성전자는 평택 캠퍼스 5라인 건설에 2027년까지 30조원을 투입한다고 4일 밝혔다. 공사는 다음 달 시작된다."
P2 = "회사는 인공지능 서버용 메모리 수요가 늘어나는 데 맞춰 장비 반입 일정을 앞당기기로 했다고 설명했다."
P3 = "업계는 이번 투자로 국내 장비 협력사들의 수주가 크게 늘어날 것으로 보고 있다고 전했다."
RULES = load_rules()


def tree(markup: str):
    return html.fromstring(f"<html><head></head><body>{markup}</body></html>")


def test_weakness_names_why_the_first_reading_is_not_enough():
    assert weakness((), RULES) == "the first reader found no text"
    assert "only 63 characters of prose" in (weakness((P1,), RULES) or "")
    menu = tuple(f"메뉴 항목 {n} 바로가기 링크 모음" for n in range(30))
    assert "table or list dump" in (weakness((P1, P2, P3, P1 + P2, *menu), RULES) or "")
    assert weakness((P1, P2, P3, P1 + P2), RULES) is None


def test_blocks_pick_the_prose_not_the_link_table():
    links = "".join(f"<tr><td><a href='/n/{n}'>경북도 이차전지 특구 지정 추진 소식 {n}번째 기사입니다.</a></td></tr>"
                    for n in range(12))
    page = tree(f"<table><tr><td><table>{links}</table></td><td><div id='news_text'>{P1}<br><br>{P2}<br>{P3}"
                "</div></td></tr></table>")
    block = best_block(page, load_fallback_config().blocks)
    assert block is not None and block.get("id") == "news_text"
    assert block_texts(block) == [P1, P2, P3]


def test_an_article_column_named_like_furniture_is_found_on_a_second_pass():
    side = "<div class='side_news'><a href='/1'>많이 본 뉴스 첫째 기사 제목입니다</a></div>"
    page = tree(f"<table><tr><td class='left_area'><div>{P1}<br>{P2}<br>{P3}</div></td><td>{side}</td></tr></table>")
    assert block_body(page, load_fallback_config().blocks, RULES, 200) == [P1, P2, P3]


def test_block_texts_split_at_breaks_and_blocks_and_keep_inline_text():
    div = html.fragment_fromstring(f"<div>{P1[:10]}<b>{P1[10:20]}</b>{P1[20:]}<br>{P2}<p>{P3}</p>끝.</div>")
    assert block_texts(div) == [P1, P2, P3, "끝."]


def test_json_ld_article_body_as_text_or_markup():
    for body in ("\n\n".join([P1, P2]), f"<p>{P1}</p><p>{P2}</p>", f"{P1}<br><br>{P2}"):
        ld = json.dumps({"@type": "NewsArticle", "articleBody": body}, ensure_ascii=False)
        page = html.fromstring(f'<html><head><script type="application/ld+json">{ld}</script></head></html>')
        assert json_ld_body(page) == [P1, P2], body


def test_embedded_json_takes_the_prose_not_the_lists():
    image = {"type": "image", "caption": "평택 캠퍼스 전경. 삼성전자 제공입니다."}
    state = {"article": {"title": "짧은 제목", "blocks": [{"type": "text", "content": P1}, image,
                                                        {"type": "text", "content": P2}]},
             "ranking": [{"title": "많이 본 기사 하나"}, {"title": "많이 본 기사 둘"}]}
    script = f"<script>window.__INITIAL_STATE__ = {json.dumps(state, ensure_ascii=False)};</script>"
    assert embedded_json_body(tree(script), RULES) == [P1, P2]
    next_data = {"props": {"pageProps": {"article": {"content": f"<p>{P1}</p><figure><figcaption>사진 설명입니다."
                                                                f"</figcaption></figure><p>{P3}</p>"}}}}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(next_data, ensure_ascii=False)}</script>'
    assert embedded_json_body(tree(script), RULES) == [P1, P3]


def test_structured_data_wins_unless_the_page_holds_clearly_more():
    ld = json.dumps({"@type": "NewsArticle", "articleBody": f"{P1}\n{P2}"}, ensure_ascii=False)
    page = tree(f'<script type="application/ld+json">{ld}</script><div>{P1}<br>{P2}</div>')
    reading = fallback_paragraphs(page, RULES)
    assert reading is not None and (reading.step, reading.page.kept) == ("json_ld", (P1, P2))
    summary = json.dumps({"@type": "NewsArticle", "articleBody": P1}, ensure_ascii=False)
    page = tree(f'<script type="application/ld+json">{summary}</script><div>{P1}<br>{P2}<br>{P3}</div>')
    reading = fallback_paragraphs(page, RULES)
    assert reading is not None and (reading.step, reading.page.kept) == ("blocks", (P1, P2, P3))


def test_each_decision_is_logged_at_debug(caplog):
    page = f"<html><body><table><tr><td><div>{P1}<br><br>{P2}<br><br>{P3}</div></td></tr></table></body></html>"
    with caplog.at_level(logging.DEBUG, logger="capexwatch.text"):
        article = extract_article(page, is_html=True, url="http://old.example/view.html?no=1")
    assert article.body == (P1, P2, P3)
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("capexwatch.text")]
    assert any("fallback reader, because" in m for m in messages)
    assert any(m.startswith("fallback: took blocks") for m in messages)
    assert "http://old.example/view.html?no=1: used the fallback reading by blocks" in messages


@pytest.mark.parametrize("index", range(5))
def test_the_fallback_never_runs_on_pages_trafilatura_reads(index, seeds_dir, seed_meta, caplog):
    """The benchmark's pages (the seed HTML fixtures): trafilatura alone is enough, nothing more runs."""
    info = sorted(seed_meta.values(), key=lambda i: i["html"])[index]
    with caplog.at_level(logging.DEBUG, logger="capexwatch.text"):
        extract_article((seeds_dir / info["html"]).read_bytes(), is_html=True)
    assert not [r for r in caplog.records if "fallback" in r.getMessage()]
