"""The fast author finder gives what trafilatura's extract_author gives, page by page.

The expected value is trafilatura's own answer on the same tree (the library, not the code under
test): on every HTML page of the fixtures, and on small pages that put each of its selection rules
first (element names, attribute values, the regular expressions' alternatives, the pruned parts).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from crawler.text.authors import trafilatura_author
from crawler.text.extract import decode_html

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_PAGES = sorted([*ROOT.glob("seeds/html/*.html"), *(ROOT / "tests").rglob("*.html")])
BODY = "<p>삼성전자가 평택에 새 반도체 라인을 짓는다. 투자액은 30조원이다.</p>"
# one element each: the author rules' tests, near misses that no rule takes, and parts pruned first
VARIANTS = [
    '<span rel="author">김하늘 기자</span>', '<a id="author">김하늘 기자</a>', '<p class="author">김하늘</p>',
    '<span itemprop="author name">김하늘</span>', '<div data-testid="AuthorCard">김하늘</div>',
    '<strong class="post-author-name">김하늘</strong>', '<address class="AuthorName">김하늘</address>',
    '<author>김하늘</author>', '<div><rel>me</rel>김하늘 기자</div>',
    '<h3 class="byline">김하늘 기자</h3>', '<h4 class="BBL">김하늘</h4>', '<p itemprop="authors">김하늘</p>',
    '<div id="xiaobian">김하늘</div>', '<span class="journalist-name">김하늘</span>',
    '<td class="writer">김하늘</td>', '<li id="Author-box">김하늘</li>',
    '<em data-component="ArticleByline">김하늘</em>',
    '<section class="Byline">김하늘 기자</section>', '<td itemprop="author">김하늘</td>',
    '<h3 class="bylines">김하늘</h3>', '<td class="autor">김하늘</td>', '<b rel="author">김하늘</b>',
    '<span class="author">김</span>', '<p class="author">' + "김하늘 " * 30 + "</p>",
    '<p class="author">' + "김하늘 " * 31 + "</p>",
    '<div class="comments"><span class="author">댓글러</span></div>',
    '<div id="comment-list"><p class="author">댓글러</p></div>',
    '<section class="commentlist"><span class="author">댓글러</span></section>',
    '<div class="article-share"><span class="author">공유</span></div>',
    '<figure><span class="author">사진가</span></figure>', '<p class="author">김하늘 <time>2025-03-01</time> 기자</p>',
    '<span class="sidebar author">옆단</span>', '<div class="print"><a class="author">인쇄</a></div>',
    '<p class="author"><span class="date">3월 1일</span>김하늘 기자</p>',
]


def _author_both_ways(html: str) -> tuple[str | None, str | None]:
    tree = load_html(html)
    return extract_author(tree), trafilatura_author(tree)


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_fixture_pages_get_trafilaturas_author(page: Path) -> None:
    theirs, ours = _author_both_ways(decode_html(page.read_bytes(), None))
    assert ours == theirs


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_selection_rule_picks_what_trafilatura_picks(variant: str) -> None:
    theirs, ours = _author_both_ways(f"<html><body><article>{BODY}{variant}</article></body></html>")
    assert ours == theirs


@pytest.mark.parametrize("first,second", [
    ('<span rel="author">김하늘 기자</span>', '<h3 class="byline">박서준 기자</h3>'),
    ('<h4 class="byl">김하늘 기자</h4>', '<td class="writer">박서준 기자</td>'),
    ('<author>김하늘</author>', '<li id="Author">박서준 기자</li>'),
])
def test_rules_keep_trafilaturas_order(first: str, second: str) -> None:
    """A later page element of an earlier rule wins over an earlier element of a later rule."""
    theirs, ours = _author_both_ways(f"<html><body>{second}{BODY}{first}</body></html>")
    assert ours == theirs and theirs is not None and "김하늘" in theirs


def test_the_variants_reach_every_outcome() -> None:
    """The cases above are not all alike: some pages have an author, some none, some a pruned one."""
    answers = [_author_both_ways(f"<html><body>{BODY}{v}</body></html>")[0] for v in VARIANTS]
    assert "김하늘 기자" in answers or "김하늘" in answers
    assert None in answers
    assert not any(a and ("댓글러" in a or "사진가" in a or "공유" in a) for a in answers)
