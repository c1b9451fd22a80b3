"""Article extraction: the seeds through the text path and their HTML fixtures through
trafilatura + the filter, page metadata, and decoding (EUC-KR pages are really CP949)."""

from __future__ import annotations

import json

import pytest

from crawler.text.extract import ExtractError, decode_html, extract_article, trafilatura_alone
from crawler.text.pagemeta import iso_timestamp
from tests.seedcheck import leaked_boilerplate_lines, missing_body_lines, squash

SEEDS = [
    "000_6497c23c843cbbd5.txt", "001_98d9237a7e6c59eb.txt", "002_f905c2b626d99512.txt",
    "003_ad73828edec179ee.txt", "004_9aab289c862344ac.txt",
]
CP949_ONLY = "똠방각하 햏자가 뷁을 외쳤다"  # syllables outside EUC-KR's 2,350, inside CP949
# what each HTML fixture says about itself (its <head>), as a reader of the page would check it
HTML_META = {
    "000_6497c23c843cbbd5.txt": ("중국 빅테크 AI 인프라에 상반기 500억 위안 투자, 작년보다 2배 이상 늘어",
                                 "2024-08-26T16:31:05+09:00", "이근호", "businesspost.co.kr"),
    "001_98d9237a7e6c59eb.txt": ("알리바바, AI·클라우드에 3년간 대규모 투자", "2025-02-24", None, "ranknews.co.kr"),
    "002_f905c2b626d99512.txt": ("中 알리바바·텐센트, 자국 AI 스타트업에 수십억 달러 투자", None, "박정한",
                                 "g-enews.com"),
    "003_ad73828edec179ee.txt": ("美 빅테크, 딥시크 충격에도 AI 투자 물량공세", "2025-02-07", "변휘", "mt.co.kr"),
    "004_9aab289c862344ac.txt": ("알리바바, AI 수요 급증에 '초대규모' 컴퓨팅 인프라 투자 2배 확대", "2025-11-09",
                                 "신민철", "g-enews.com"),
}
FIXTURE_CHROME = ["Copyright", "All rights reserved", "무단전재", "페이스북 공유하기", "기사 이미지", "랭크뉴스 2025"]


def seed_lines(seeds_dir, name):
    return (seeds_dir / name).read_text(encoding="utf-8").split("\n")


def html_article(seeds_dir, seed_meta, name):
    return extract_article((seeds_dir / seed_meta[name]["html"]).read_bytes(), is_html=True)


@pytest.mark.parametrize("name", SEEDS)
def test_text_path_keeps_the_article_and_drops_the_page(name, seeds_dir, seed_expected):
    lines = seed_lines(seeds_dir, name)
    expected = seed_expected["seeds"][name]
    article = extract_article((seeds_dir / name).read_bytes(), is_html=False, published=expected["published"])
    assert missing_body_lines(lines, expected, article.body) == []
    assert leaked_boilerplate_lines(lines, expected, article.body) == []
    assert (article.title, article.author) == (expected["title"], expected["author"])
    assert (article.published or "")[:10] == (expected["published"] or "")


def test_text_path_reads_the_time_from_the_byline(seeds_dir):
    article = extract_article((seeds_dir / SEEDS[0]).read_bytes(), is_html=False, published="2030-01-01")
    assert article.published == "2024-08-26T16:31:05+09:00"  # the page's own date beats the argument


@pytest.mark.parametrize("name", SEEDS)
def test_html_fixture_gives_the_same_article_without_boilerplate(name, seeds_dir, seed_expected, seed_meta):
    lines = seed_lines(seeds_dir, name)
    expected = seed_expected["seeds"][name]
    html = html_article(seeds_dir, seed_meta, name)
    text = extract_article((seeds_dir / name).read_bytes(), is_html=False)
    assert missing_body_lines(lines, expected, html.body) == []
    assert leaked_boilerplate_lines(lines, expected, html.body) == []
    assert set(html.body) <= set(text.body)  # nothing the text path would not keep
    assert not [p for p in html.body for chrome in FIXTURE_CHROME if chrome in p]


@pytest.mark.parametrize("name", SEEDS)
def test_html_metadata(name, seeds_dir, seed_meta):
    title, published, author, domain = HTML_META[name]
    article = html_article(seeds_dir, seed_meta, name)
    assert (article.title, article.published, article.author) == (title, published, author)
    assert domain in (article.canonical_url or "")


def test_html_without_a_date_takes_the_given_one(seeds_dir, seed_meta):
    data = (seeds_dir / seed_meta[SEEDS[2]]["html"]).read_bytes()
    assert extract_article(data, is_html=True, published="2024-09-01").published == "2024-09-01"


def test_fixture_002_is_euc_kr_and_decodes(seeds_dir, seed_meta):
    data = (seeds_dir / seed_meta[SEEDS[2]]["html"]).read_bytes()
    assert b'charset="euc-kr"' in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "알리바바와 텐센트" in decode_html(data, None)


def page(body: str, charset: str) -> bytes:
    paragraph = f"<p>{body} 회사는 올해 데이터센터 증설에 대규모 투자를 집행한다고 밝혔다.</p>"
    html = (f'<html><head><meta charset="{charset}"><title>제목</title></head>'
            f"<body><article>{paragraph * 3}</article></body></html>")
    return html.encode("cp949")


@pytest.mark.parametrize("label", ["euc-kr", "EUC-KR", "ks_c_5601-1987", "x-windows-949", "cp949"])
def test_cp949_only_syllables_decode_from_euc_kr_declared_bytes(label):
    data = page(CP949_ONLY, label)
    with pytest.raises(UnicodeDecodeError):
        data.decode("euc_kr")  # what a strict EUC-KR decoder would do with these bytes
    assert CP949_ONLY in decode_html(data, None)
    assert CP949_ONLY in decode_html(data, label)  # declared in the HTTP header instead
    assert CP949_ONLY in extract_article(data, is_html=True).body[0]


def test_a_wrong_declared_charset_falls_back_to_what_decodes():
    data = "<html><body><p>엔비디아 데이터센터 투자</p></body></html>".encode()
    assert "엔비디아" in decode_html(data, "euc-kr")  # not CP949: UTF-8 is tried next
    assert "엔비디아" in decode_html(data, "iso-8859-1")  # Latin-1 labels on Korean UTF-8 pages
    assert "엔비디아" in decode_html(data, "no-such-charset")


@pytest.mark.parametrize(("data", "message"), [
    (b"", "file is empty"), (b"  \n\t ", "file is empty"), (b"\x80\xff\xfe\xc8\x00" * 200, "cannot decode"),
    (b"\x80\xff" * 300, "cannot decode"),
])
def test_bad_input_raises_extract_error(data, message):
    for is_html in (True, False):
        with pytest.raises(ExtractError, match=message):
            extract_article(data, is_html=is_html)


def test_a_page_without_article_text_is_an_error():
    with pytest.raises(ExtractError):
        extract_article("<html><body><nav><a href='/'>홈</a></nav></body></html>".encode(), is_html=True)


def test_json_ld_and_naive_times_are_kst():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "삼성전자 평택 투자",
          "datePublished": "2025-03-04T08:15:00", "author": {"@type": "Person", "name": "홍길동 기자"}}
    paragraph = "<p>삼성전자는 평택 캠퍼스에 새 반도체 라인을 짓기 위해 내년까지 30조원을 투자한다고 밝혔다.</p>"
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
            f"</head><body><article>{paragraph}</article></body></html>")
    article = extract_article(html, is_html=True)
    assert article.title == "삼성전자 평택 투자"
    assert (article.published, article.author) == ("2025-03-04T08:15:00+09:00", "홍길동")
    assert squash(article.body[0]) == squash(paragraph[3:-4])


@pytest.mark.parametrize(("text", "iso"), [
    ("2024-08-26 16:31:05", "2024-08-26T16:31:05+09:00"), ("입력 2025.02.07 06:00", "2025-02-07T06:00:00+09:00"),
    ("2025-02-24", "2025-02-24"), ("2025-02-24T01:00:00Z", "2025-02-24T01:00:00+00:00"), ("2025-13-45", None),
])
def test_timestamps(text, iso):
    assert iso_timestamp(text) == iso


def test_the_filter_removes_what_trafilatura_leaves(seeds_dir, seed_meta):
    data = (seeds_dir / seed_meta[SEEDS[3]]["html"]).read_bytes()
    alone = trafilatura_alone(data).split("\n")
    copyright_line = "<저작권자 © ‘돈이 보이는 리얼타임 뉴스’ 머니투데이. 무단전재 및 재배포, AI학습 이용 금지>"
    assert copyright_line in alone and len(alone) > len(set(alone))  # the body printed twice, the notice
    body = extract_article(data, is_html=True).body
    assert copyright_line not in body and len(body) == len(set(body)) == 9


def test_title_site_suffix_canonical_fallback_and_author_from_meta():
    paragraph = "<p>SK하이닉스는 청주 M15X 팹 증설에 20조원 이상을 투입한다고 밝혔다. 회사는 HBM 수요에 대응한다.</p>"
    html = ("<html><head><title>SK하이닉스, 청주 팹 증설 - 글로벌이코노믹</title>"
            '<meta property="og:url" content="https://www.g-enews.com/article/1">'
            '<meta name="author" content="홍길동 기자 hong@example.co.kr">'
            '<meta property="article:published_time" content="2025-04-01T10:20:00+09:00">'
            f"</head><body><article>{paragraph}</article></body></html>")
    article = extract_article(html, is_html=True, url="https://www.g-enews.com/article/1?utm_source=x")
    assert article.title == "SK하이닉스, 청주 팹 증설"
    assert article.canonical_url == "https://www.g-enews.com/article/1"
    assert article.url == "https://www.g-enews.com/article/1?utm_source=x"
    assert (article.author, article.published) == ("홍길동", "2025-04-01T10:20:00+09:00")


_PLAIN_BODY = "".join(f"<p>삼성전자는 평택 캠퍼스에 새 반도체 라인을 짓는다고 {day}일 밝혔다. "
                      "회사는 올해 설비투자를 늘릴 계획이다.</p>" for day in range(1, 8))


@pytest.mark.parametrize("author_markup", [
    '<div class="author-name">김민수</div>', '<span itemprop="author">김민수</span>',
    '<a rel="author" href="/reporter/1">김민수</a>', '<div class="byline"><span class="name">김민수</span></div>',
])
def test_an_author_and_date_only_in_the_pages_markup_are_read_by_trafilatura(author_markup):
    # no meta tags, no JSON-LD, no "기자" byline: trafilatura's own metadata readers find them
    html = (f"<html><head><title>삼성전자 평택 투자</title></head><body><article><h1>삼성전자 평택 투자</h1>"
            f"{author_markup}<time datetime='2025-03-04'>2025.03.04</time>{_PLAIN_BODY}</article></body></html>")
    article = extract_article(html.encode(), is_html=True, url="https://news.example.co.kr/a/1")
    assert (article.author, article.published) == ("김민수", "2025-03-04")
    assert article.canonical_url == "https://news.example.co.kr/a/1"


def test_committed_fixtures_are_what_the_generator_writes(seeds_dir, seed_meta):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_seed_html", seeds_dir.parent / "tools" / "make_seed_html.py")
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    for name, info in seed_meta.items():
        assert generator.build(name, info) == (seeds_dir / info["html"]).read_bytes(), name


def test_a_cms_page_with_boilerplate_inside_the_article_container():
    """An articleView/idxno-style page (a CMS many Korean outlets share) with the byline,
    a 관련기사 box and the copyright notice inside the article element."""
    from pathlib import Path

    data = (Path(__file__).parent / "pages" / "idxno_cms_article.html").read_bytes()
    article = extract_article(data, is_html=True)
    assert [p.split()[0] for p in article.body] == ["삼성전자가", "업계는", "한편"]
    assert (article.title, article.author) == ("삼성전자, 평택 P5 착공…2027년까지 30조 투입", "홍길동")
    assert article.published == "2025-03-04T08:15:00+09:00"
    assert article.canonical_url == "https://www.techdaily.example/news/articleView.html?idxno=12345"


@pytest.mark.parametrize(("text", "title"), [
    # a headline in the present tense, without a full stop, above the text
    ("LG CNS, 경북에 3조원 규모 데이터센터 짓는다\n\nLG CNS가 경북 영천에 데이터센터를 짓는다고 밝혔다.\n",
     "LG CNS, 경북에 3조원 규모 데이터센터 짓는다"),
    ('메타 "올해 자본지출 400억달러로 늘린다"\n\n메타가 올해 자본지출을 늘린다고 밝혔다.\n',
     '메타 "올해 자본지출 400억달러로 늘린다"'),
    # a first sentence with its full stop is text; a lone first line with no text after it is no headline
    ("LG CNS가 경북 영천에 데이터센터를 짓는다.\n\n회사는 3조원을 투입한다.\n", None),
    ("LG CNS가 경북 영천에 데이터센터를 짓는다\n회사는 3조원을 투입한다.\n", None),
])
def test_a_text_files_headline(text, title):
    assert extract_article(text, is_html=False).title == title
