"""crawler/text/alternates.py: which AMP or print version a page links, when the crawl needs it,
and how that version is read as the original article (no network: the crawl is
tests/test_crawl_alternates.py)."""

from __future__ import annotations

import pytest

from crawler.models import Article
from crawler.text.alternates import alternate_reason, find_alternate, is_better, read_alternate
from crawler.text.extract import ExtractError
from crawler.text.pagemeta import PageMeta

URL = "https://www.news.example/news/articleView.html?idxno=700"
PROSE = ("반도체 회사가 새 공장을 짓기 위해 올해 설비 투자를 크게 늘리기로 했다고 밝혔다. "
         "회사는 장비 반입을 앞당겨 내년 하반기부터 양산에 들어갈 계획이라고 설명했다.")


def page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>t</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(("head", "body", "expected"), [
    ('<link rel="amphtml" href="/amp/700">', "", ("https://www.news.example/amp/700", "amp")),
    ('<link rel="AMPHTML" href="https://amp.news.example/700">', "", ("https://amp.news.example/700", "amp")),
    ("", '<a href="/news/articlePrint.html?idxno=700">프린트</a>',
     ("https://www.news.example/news/articlePrint.html?idxno=700", "print")),
    ("", '<a href="javascript:;" onclick="window.open(\'/news/articlePrint.html?idxno=700\', \'p\')">인쇄</a>',
     ("https://www.news.example/news/articlePrint.html?idxno=700", "print")),
    ("", "<a href=\"javascript:openPrint('/print/700')\">인쇄</a>", ("https://www.news.example/print/700", "print")),
    ("", '<a href="/view.php?no=700&mode=print">인쇄</a>', ("https://www.news.example/view.php?no=700&mode=print",
                                                          "print")),
    ('<link rel="alternate" media="print" href="/news/print.php?no=700">', "",
     ("https://www.news.example/news/print.php?no=700", "print")),
])
def test_the_linked_version_is_found_and_made_absolute(head, body, expected):
    alternate = find_alternate(page(head, body), URL)
    assert alternate is not None
    assert (alternate.url, alternate.kind) == expected


def test_amp_is_taken_before_print_whatever_comes_first_in_the_page():
    html = page('<link rel="amphtml" href="/amp/700">', '<a href="/print/700">인쇄</a>')
    html = html.replace("<title>t</title>", '<title>t</title><a href="/print/700">인쇄</a>')
    assert find_alternate(html, URL).url == "https://www.news.example/amp/700"


@pytest.mark.parametrize(("head", "body"), [
    ("", '<a href="javascript:window.print();">인쇄하기</a> <a href="#" onclick="window.close()">닫기</a>'),
    ('<link rel="amphtml" href="/news/articleView.html?idxno=700&utm_source=amp">', ""),  # the page itself
    ('<link rel="canonical" href="/news/articleView.html?idxno=700">', '<a href="/news/articleList.html">목록</a>'),
    ("", '<a href="mailto:desk@news.example?subject=/print/700">제보</a>'),
])
def test_no_alternate_for_print_buttons_the_page_itself_or_other_links(head, body):
    assert find_alternate(page(head, body), URL) is None


def test_the_linking_page_says_what_it_knows_of_itself():
    head = ('<meta property="og:title" content="새 공장에 3조 투자"><meta property="article:published_time" '
            'content="2025-04-02T08:00:00+09:00"><link rel="amphtml" href="/amp/700">')
    alternate = find_alternate(page(head), URL)
    assert alternate.page.title == "새 공장에 3조 투자"
    assert alternate.page.published == "2025-04-02T08:00:00+09:00"


def test_the_reason_is_no_text_or_weak_text_and_none_for_a_full_article():
    assert alternate_reason(ExtractError("no article text found in the page")) == \
        "no article text (no article text found in the page)"
    short = Article(body=("반도체 회사가 올해 경기 평택에 새 공장을 짓는 데 2조원을 들인다고 밝혔다.",))
    assert alternate_reason(short) == "weak article text (only 43 characters of prose (< 200))"
    assert alternate_reason(Article(body=(PROSE, PROSE, PROSE))) is None  # 3 x 90 characters
    assert alternate_reason(ValueError("a bug of ours")) is None


AMP = ("<html><head><title>{title}</title>{canonical}</head><body><article><h1>{title}</h1>"
       f"<p>{PROSE}</p><p>{PROSE[:60]}</p></article></body></html>")


def amp(title: str = "AMP 제목", canonical: str = "") -> str:
    return AMP.format(title=title, canonical=canonical)


def test_read_alternate_keeps_the_original_url_and_metadata():
    alternate = find_alternate(page('<link rel="amphtml" href="/amp/700">'), URL)
    own = Article(body=("짧은 리드.",), title="원래 제목", published="2025-04-02T08:00:00+09:00", author="김하늘",
                  canonical_url=URL)
    article = read_alternate(amp(), alternate, url=URL, own=own, published="2025-04-03")
    assert article.url == URL
    assert (article.title, article.published, article.author) == ("원래 제목", "2025-04-02T08:00:00+09:00", "김하늘")
    assert article.canonical_url == URL
    assert article.body[0] == PROSE


def test_read_alternate_fills_what_the_original_lacks_from_the_alternate_then_the_feed():
    head = '<link rel="amphtml" href="/amp/700">'  # the page says nothing of itself
    alternate = find_alternate(page(head), URL)
    assert alternate.page == PageMeta(title="t")
    bare = alternate.__class__(alternate.url, alternate.kind, PageMeta())
    article = read_alternate(amp(title="대체 페이지 제목"), bare, url=URL, own=None, published="2025-04-03")
    assert article.title == "대체 페이지 제목"
    assert article.published == "2025-04-03"
    assert article.author is None


def test_an_alternate_naming_itself_canonical_gives_no_canonical_url():
    bare = find_alternate(page('<link rel="amphtml" href="/amp/700">'), URL).__class__(
        "https://www.news.example/amp/700", "amp", PageMeta())
    own_canonical = amp(canonical='<link rel="canonical" href="https://www.news.example/amp/700">')
    assert read_alternate(own_canonical, bare, url=URL, own=None).canonical_url is None
    to_original = amp(canonical=f'<link rel="canonical" href="{URL}">')
    assert read_alternate(to_original, bare, url=URL, own=None).canonical_url == URL


def test_read_alternate_raises_when_the_alternate_has_no_text_either():
    bare = find_alternate(page('<link rel="amphtml" href="/amp/700">'), URL)
    with pytest.raises(ExtractError):
        read_alternate("<html><body><nav><a href='/'>홈</a></nav></body></html>", bare, url=URL, own=None)


def test_the_alternate_is_better_only_with_more_prose():
    lead = Article(body=(PROSE[:40] + "다.",))
    full = Article(body=(PROSE, PROSE))
    assert is_better(full, None)
    assert is_better(full, lead)
    assert not is_better(lead, full)
    assert not is_better(full, full)
    assert not is_better(Article(body=("홈", "메뉴")), None)  # no prose at all is no text
