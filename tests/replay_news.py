"""The standard news scenario on a ReplaySite: seed pages behind feeds, a sitemap, a list page,
and the hostile cases a crawler meets (see `build_news_site`).

Site "127.0.0.1" (source "replay"): RSS with ETag/Last-Modified (CDATA links, a date
without timezone, dc:date), Atom, a sitemap index -> news sitemap, a list page without
validators, robots.txt disallowing /private/, a 404, a 500 that succeeds on retry, an
EUC-KR page with CP949-only syllables, truncated HTML, an oversized page, a slow page, an
off-domain link, an off-domain redirect, a tracking-parameter duplicate, an article with
no investment keyword. Site "localhost" (source "syndicator"): a copy of seed 000.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tests.replay_site import ReplaySite

OTHER = "localhost"
SEED_IDS = {name: 1000 + i for i, name in enumerate(sorted(
    ["000_6497c23c843cbbd5", "001_98d9237a7e6c59eb", "002_f905c2b626d99512", "003_ad73828edec179ee",
     "004_9aab289c862344ac"]))}
CP949_ONLY = "똠 햏 뷁"
FILLER = (
    "업계에서는 이번 결정이 국내 반도체와 인공지능 산업 전반의 경쟁력을 높이는 계기가 될 것으로 보고 있다. "
    "회사 측은 구체적인 일정과 세부 계획을 이사회 승인 이후 순차적으로 공개할 예정이라고 설명했다. "
)


def seed_path(seed_id: int) -> str:
    return f"/news/articleView.html?idxno={seed_id}"


def _page(title: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="ko"><head><meta charset="{charset}"><title>{title}</title></head>'
            f"<body><header><nav><a href='/'>홈</a></nav></header><article><h1>{title}</h1>{body}</article>"
            "<footer>Copyright 리플레이뉴스. 무단 전재 및 재배포 금지.</footer></body></html>")


@dataclass
class NewsScenario:
    site: ReplaySite
    seeds: dict[str, str] = field(default_factory=dict)  # seed file stem -> article URL
    stored: dict[str, str] = field(default_factory=dict)  # name -> URL of every page that must be stored
    pages: dict[str, str] = field(default_factory=dict)  # name -> URL of every other page of interest

    def config(self, db_url: str, **crawl: object) -> str:
        """A config.toml text crawling this site (sources "replay" and "syndicator"). The timeout leaves a loaded
        CI machine time to answer (a page retried after a timeout is requested twice); the slow page still times out."""
        settings = {"download_delay": 0.0, "autothrottle": False, "concurrent_per_domain": 8, "timeout": 5.0,
                    "retries": 1, "retry_backoff": 0.2, "max_page_bytes": 100_000, "dns_timeout": 2.0,
                    "max_seconds": 120.0, **crawl}
        crawl_lines = "\n".join(f"{k} = {json.dumps(v)}" for k, v in settings.items())
        site = self.site
        return f"""[database]
url = {json.dumps(db_url)}

[crawl]
{crawl_lines}

[[sources]]
name = "replay"
feeds = [{json.dumps(site.url('/rss.xml'))}, {json.dumps(site.url('/atom.xml'))}]
sitemaps = [{json.dumps(site.url('/sitemap-index.xml'))}]
list_pages = [{{ url = {json.dumps(site.url('/list.html'))}, link_pattern = "/(news|plain)" }}]
allowed_domains = ["127.0.0.1"]
verified = "local replay site"

[[sources]]
name = "syndicator"
feeds = [{json.dumps(site.url('/syn/rss.xml', host=OTHER))}]
allowed_domains = ["{OTHER}"]
"""


def build_news_site(site: ReplaySite, seeds_dir: Path) -> NewsScenario:
    scenario = NewsScenario(site)
    meta = json.loads((seeds_dir / "meta.json").read_text(encoding="utf-8"))["seeds"]
    for stem, seed_id in SEED_IDS.items():
        # no charset in the header: the page's own <meta charset> decides (002 is EUC-KR)
        site.add(seed_path(seed_id), (seeds_dir / meta[f"{stem}.txt"]["html"]).read_bytes(), content_type="text/html")
        scenario.seeds[stem] = scenario.stored[stem] = site.url(seed_path(seed_id))
    _add_hostile_pages(site, scenario, seeds_dir / meta["000_6497c23c843cbbd5.txt"]["html"])
    _add_discovery(site)
    return scenario


def _add_hostile_pages(site: ReplaySite, scenario: NewsScenario, seed000: Path) -> None:
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/private/secret.html", _page("비공개", ["삼성전자는 평택 공장에 30조원을 투자한다."]))
    site.add("/flaky.html", _page("카카오 데이터센터 투자", [
        "카카오는 안산 데이터센터 건립에 4600억원을 투자했다고 14일 밝혔다.", FILLER, FILLER]), fail_first=1)
    euckr = _page(f"{CP949_ONLY} 특집: SK하이닉스 청주 공장 증설", [
        f"{CP949_ONLY} 라는 글자는 EUC-KR에 없고 CP949에만 있다.",
        "SK하이닉스는 올해 청주 공장 증설에 20조원을 투자한다고 밝혔다.", FILLER, FILLER], charset="euc-kr")
    site.add("/euckr.html", euckr.encode("cp949"), content_type="text/html; charset=euc-kr")
    truncated = _page("네이버 각 세종 증설", [
        "네이버는 올해 데이터센터 각 세종 증설에 1조원을 투자한다고 밝혔다.", FILLER, FILLER, FILLER])
    site.add("/truncated.html", truncated[: truncated.index("</article>") - 40])
    site.add("/huge.html", _page("큰 페이지", ["투자 " * 60_000]))
    site.add("/slow.html", _page("느린 페이지", ["LG전자는 공장에 1조원을 투자한다.", FILLER]), delay=8.0)
    site.add("/plain.html", _page("가을 축제 소식", [
        "올해 가을 축제가 다음 주 시내 곳곳에서 열린다. 시민들은 공연과 음식을 즐길 수 있다.",
        "주최 측은 날씨가 맑을 것으로 보고 야외 무대를 준비했다고 전했다. 입장은 무료다."]))
    site.add("/moved.html", status=302, headers={"Location": site.url("/offsite-redirect.html", host=OTHER)})
    site.add("/about.html", _page("회사 소개", ["리플레이뉴스는 가상의 언론사다."]))
    site.add("/offsite.html", _page("다른 사이트", ["삼성전자는 투자한다."]), host=OTHER)
    site.add("/offsite-redirect.html", _page("다른 사이트", ["삼성전자는 투자한다."]), host=OTHER)
    site.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain", host=OTHER)
    site.add("/syn/copy.html", seed000.read_bytes(), host=OTHER, content_type="text/html")
    for name in ("flaky", "euckr", "truncated"):
        scenario.stored[name] = site.url(f"/{name}.html")
    for name in ("private/secret", "huge", "slow", "plain", "moved", "about"):
        scenario.pages[name] = site.url(f"/{name}.html")
    scenario.pages["missing"] = site.url("/missing.html")
    scenario.pages["syndicated"] = site.url("/syn/copy.html", host=OTHER)


def _add_discovery(site: ReplaySite) -> None:
    ids = sorted(SEED_IDS.values())
    items = [
        _rss_item(f"<![CDATA[{site.url(seed_path(ids[0]))}]]>", "Mon, 26 Aug 2024 16:31:05 +0900"),
        _rss_item(site.url(seed_path(ids[0]) + "&utm_source=rss&utm_medium=feed"), "Mon, 26 Aug 2024 16:31:05 +0900"),
        _rss_item(site.url(seed_path(ids[1])), "2025-02-24 09:00:00"),  # no timezone: Korean time
        _rss_item(site.url(seed_path(ids[2])), None, dc_date="2024-09-10T08:00:00+09:00"),
    ] + [_rss_item(site.url(path), "Fri, 21 Nov 2025 10:00:00 +0900") for path in (
        "/private/secret.html", "/missing.html", "/flaky.html", "/euckr.html", "/truncated.html", "/huge.html",
        "/slow.html", "/moved.html")]
    items.append(_rss_item(site.url("/offsite.html", host=OTHER), "Fri, 21 Nov 2025 10:00:00 +0900"))
    rss = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f"<channel><title>리플레이뉴스</title><link>{site.url('/')}</link>{''.join(items)}</channel></rss>")
    site.add("/rss.xml", rss, content_type="application/rss+xml; charset=utf-8", etag='"rss-v1"',
             last_modified="Fri, 21 Nov 2025 01:00:00 GMT")
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>리플레이 Atom</title>"
            f'<id>{site.url("/atom.xml")}</id><updated>2025-02-07T12:00:00+09:00</updated>'
            f'<entry><title>머니투데이 기사</title><link rel="alternate" href="{site.url(seed_path(ids[3]))}"/>'
            f'<id>{site.url(seed_path(ids[3]))}</id><updated>2025-02-07T12:00:00+09:00</updated></entry></feed>')
    site.add("/atom.xml", atom, content_type="application/atom+xml", last_modified="Fri, 07 Feb 2025 03:00:00 GMT")
    index = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<sitemap><loc>{site.url('/news-sitemap.xml')}</loc><lastmod>2025-11-09</lastmod></sitemap></sitemapindex>")
    site.add("/sitemap-index.xml", index, content_type="application/xml")
    news = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"<url><loc>{site.url(seed_path(ids[4]))}</loc><news:news><news:publication>"
            "<news:name>리플레이</news:name><news:language>ko</news:language></news:publication>"
            "<news:publication_date>2025-11-09T10:00:00+09:00</news:publication_date>"
            "<news:title>글로벌이코노믹 기사</news:title></news:news></url></urlset>")
    site.add("/news-sitemap.xml", news, content_type="application/xml")
    links = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in (
        (seed_path(ids[1]), "조선비즈 기사"), ("/plain.html", "축제"), ("/about.html", "회사 소개"),
        (site.url("/offsite.html", host=OTHER), "다른 곳")))
    site.add("/list.html", f"<html><body><ul>{links}</ul></body></html>")
    syn = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>신디케이터</title>'
           f"{_rss_item(site.url('/syn/copy.html', host=OTHER), 'Mon, 26 Aug 2024 18:00:00 +0900')}</channel></rss>")
    site.add("/syn/rss.xml", syn, content_type="application/rss+xml", host=OTHER, etag='"syn-v1"')


def _rss_item(link: str, pub_date: str | None, dc_date: str | None = None) -> str:
    dates = f"<pubDate>{pub_date}</pubDate>" if pub_date else ""
    dates += f"<dc:date>{dc_date}</dc:date>" if dc_date else ""
    return f"<item><title>기사</title><link>{link}</link>{dates}</item>"
