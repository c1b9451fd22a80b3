"""Site rules read the article container of known page structures (crawler/data/site_rules.toml)."""

from __future__ import annotations

import pytest
from lxml import html

from crawler.config import ConfigError, load_config
from crawler.figures.mentions import find_mentions
from crawler.text.extract import extract_article
from crawler.text.siterules import rule_for, site_paragraphs
from tests.conftest import ROOT

CMS_PAGE = (ROOT / "tests" / "pages" / "idxno_cms_article.html").read_text(encoding="utf-8")
CMS_URL = "https://www.techdaily.example/news/articleView.html?idxno=12345"


def test_the_cms_url_pattern_selects_the_rule():
    assert rule_for(CMS_URL) is not None and rule_for(CMS_URL).name == "articleView"
    assert rule_for("https://www.techdaily.example/news/articleList.html?sc_section_code=S1N1") is None
    assert rule_for("https://other.example/a/1", "articleView").name == "articleView"


def test_the_container_gives_exactly_the_article_paragraphs():
    article = extract_article(CMS_PAGE, is_html=True, url=CMS_URL)
    starts = [paragraph[:12] for paragraph in article.body]
    # no caption, related list, byline, copyright, share bar or comment form
    assert starts == ["삼성전자가 경기 평택캠", "업계는 이번 투자가 고", "한편 SK하이닉스도 청"]
    assert article.body[0].endswith("계획이라고 4일 밝혔다.") and article.body[2].endswith("치열해질 전망이다.")
    assert article.published == "2025-03-04T08:15:00+09:00"
    figures = {(m.company, m.amount, m.qualifier, m.kind) for m in find_mentions(article)}
    assert ("Samsung Electronics", 30_000_000_000_000, "approx", "capex") in figures
    assert ("SK hynix", 20_000_000_000_000, "at_least", "capex") in figures


def test_a_page_without_the_container_goes_through_trafilatura():
    page = CMS_PAGE.replace('id="article-view-content-div"', 'id="something-else"')
    article = extract_article(page, is_html=True, url=CMS_URL)
    assert any(p.startswith("삼성전자가 경기 평택캠퍼스") for p in article.body)


def test_text_separated_by_breaks_and_dropped_blocks():
    tree = html.fromstring(
        '<html><body><div id="article-view-content-div">첫 문단입니다.<br>둘째 <b>문단</b>입니다.<!-- 광고 -->'
        '<div class="relation">관련기사 목록</div>셋째 문단.<figure><figcaption>사진 설명</figcaption></figure></div>'
        "</body></html>"
    )
    assert site_paragraphs(tree, url=None, rule="articleView") == ["첫 문단입니다.", "둘째 문단입니다.", "셋째 문단."]


def test_a_source_naming_an_unknown_rule_is_a_config_error(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[[sources]]\nname = "x"\nallowed_domains = ["x.example"]\nsite_rule = "wordpress"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[sources.x\]\.site_rule names no rule"):
        load_config(path)
