#!/usr/bin/env python3
"""Generate the seed HTML fixtures (seeds/html/NNN_<id>.html) from the seed .txt files.

Each fixture reproduces its outlet's page structure (site header and navigation, share
buttons, the article container with the outlet's class names, photo captions, headline
and board lists, related articles, the comment form and rules, the copyright footer)
around the SAME text: every string on the page is a line of the .txt seed, taken by line
number, so the HTML path and the text path read identical article text. Seed 002 is
written as EUC-KR (CP949) bytes with <meta charset="euc-kr">, the others as UTF-8.
Canonical URLs are fixture addresses on the outlet's domain (the seeds' real addresses
are not known). Run from the project's root:  python tools/make_seed_html.py
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class Seed:
    """The lines of one .txt seed, addressed by 1-based line number, HTML-escaped."""

    def __init__(self, path: Path) -> None:
        self.lines = path.read_text(encoding="utf-8").split("\n")

    def raw(self, number: int) -> str:
        return self.lines[number - 1].strip()

    def __call__(self, number: int) -> str:
        return escape(self.raw(number), quote=False)

    def paragraphs(self, first: int, last: int, tag: str = "p") -> str:
        """Lines first..last (non-empty ones) as <p> elements."""
        return "\n".join(f"<{tag}>{self(n)}</{tag}>" for n in range(first, last + 1) if self.raw(n))

    def br_text(self, first: int, last: int) -> str:
        """Lines first..last as <br>-separated text, blank lines as an empty <br> (the CMS style)."""
        return "<br>\n".join(self(n) for n in range(first, last + 1)) + "<br>"


def head(title: str, *, charset: str, meta: dict[str, str], canonical: str, site: str) -> str:
    tags = [f'<meta charset="{charset}">', f"<title>{title} - {site}</title>",
            f'<meta property="og:site_name" content="{site}">', f'<meta property="og:title" content="{title}">',
            f'<meta property="og:url" content="{canonical}">', f'<link rel="canonical" href="{canonical}">']
    tags += [f'<meta {"property" if k.startswith(("article:", "og:")) else "name"}="{k}" content="{v}">'
             for k, v in meta.items()]
    return "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n" + "\n".join(tags) + "\n</head>\n"


def nav(items: list[str]) -> str:
    return '<nav class="gnb"><ul>' + "".join(f'<li><a href="/section/{i}">{item}</a></li>'
                                              for i, item in enumerate(items)) + "</ul></nav>"


SHARE = ('<div class="share_btn"><button type="button">페이스북 공유하기</button><button type="button">'
         '트위터 공유하기</button><button type="button">카카오톡 공유하기</button><button type="button">url 공유하기'
         '</button></div>')


def businesspost(s: Seed) -> tuple[str, str]:
    """Seed 000: businesspost.co.kr (KoreaWho edition)."""
    headlines = "".join(f'<li><a href="/BP?command=article_view&amp;num={400000 + n}">{s(n)}</a></li>'
                        for n in range(42, 52))
    rules = "".join(f"<li>{s(n).lstrip('• ')}</li>" for n in range(56, 59))
    page = f"""<body>
<div id="header"><h1 class="logo"><a href="/">{s(1)}</a></h1><div class="logo_sub">{s(2)}</div>
{nav(["기업과산업", "경제정책", "금융", "부동산", "인물과경영"])}
<div class="location">{s(3)}</div></div>
<div id="container"><div class="detail_top">
<h2 class="detail_title">{s(5)}</h2>
<div class="detail_info"><span class="writer">{s(7)}</span></div>
<div class="detail_util"><button type="button">확대</button> <button type="button">축소</button>
<button type="button">{s(9)}</button><div class="share_layer">{s(10)}</div></div></div>
<div class="detail_editor">
<h3 class="sub_title">{s(12)}</h3>
<figure class="img_box"><img src="/news/photo/202408/alibaba.jpg" alt="">
<figcaption>{s(13)}</figcaption></figure>
{s.paragraphs(14, 38)}
</div>
<div class="latest_news"><h3 class="tit">{s(40)}</h3><ul>{headlines}</ul></div>
<div class="foot_logo">{s(52)}</div>
<div id="comment"><h3>{s(54)}</h3>
<form action="/comment" method="post"><textarea name="comment" title="댓글 입력"></textarea>
<button type="submit">등록</button></form><ul class="comment_rule">{rules}</ul></div></div>
<div id="footer"><p class="copyright">Copyright © 비즈니스포스트 All rights reserved. 무단전재 및 재배포 금지</p></div>
</body></html>
"""
    return s.raw(5), page


def chosunbiz_board(s: Seed) -> tuple[str, str]:
    """Seed 001: a biz.chosun.com article republished on an aggregator board (랭크뉴스)."""
    rows = []
    for n in range(22, 42):
        number, title, writer, day = re.match(r"^(\d+) (.+) (\S+) (\S+)$", s.raw(n)).groups()  # type: ignore[union-attr]
        link = f'<a href="/board/{number}">{escape(title, quote=False)}</a>'
        rows.append(f'<tr><td class="no">{number}</td><td class="title">{link}</td>'
                    f'<td class="author">{writer}</td><td class="date">{day}</td></tr>')
    heads = "".join(f"<th>{h}</th>" for h in s.raw(21).split())
    page = f"""<body>
<a class="skip" href="#content">{s(1)}</a>
<header class="site-header"><div class="logo"><a href="/">랭크뉴스</a></div>
{nav(["전체", "정치", "경제", "사회", "국제", "IT"])}</header>
<main id="content"><article class="article">
<div class="article-util">{SHARE}</div>
<section class="article-body">
{s.paragraphs(3, 7)}
<figure class="article-photo"><img src="/photo/xi-jack-ma.jpg" alt=""><figcaption>{s(9)}</figcaption></figure>
{s.paragraphs(11, 17)}
</section>
<div class="article-source">{s(19)}</div>
</article>
<div class="board-list"><table><thead><tr>{heads}</tr></thead>
<tbody>{"".join(rows)}</tbody></table></div></main>
<footer><p class="copyright">ⓒ 랭크뉴스. All rights reserved.</p></footer>
</body></html>
"""
    return "알리바바, AI·클라우드에 3년간 대규모 투자", page


def genews(s: Seed, *, top: int, mid: int, crumb: int | None, share: tuple[int, ...], headline: int,
           deck: tuple[int, ...], lead: tuple[int, int] | None, photo: tuple[int, int], body: tuple[int, int],
           byline: int) -> str:
    """Seeds 002 and 004: g-enews.com (글로벌이코노믹), article text in div.vtxt with <br>."""
    crumb_html = f'<div class="loc"><a href="/list/Global-Biz">{s(crumb)}</a></div>' if crumb else ""
    share_html = "".join(f'<span class="sns_cnt">{s(n)}</span>' for n in share)
    deck_html = "".join(f"<h2 class=\"sub_tit\">{s(n)}</h2>" for n in deck)
    lead_html = s.br_text(*lead) + "\n" if lead else ""
    return f"""<body>
<div class="pop_layer"><button type="button" class="btn_close">{s(1)}</button></div>
<header id="header"><h1 class="logo"><a href="/">{s(3)}</a></h1>
<div class="fixed_tit">{s(top)}</div>
{nav(["글로벌비즈", "금융", "산업", "IT", "부동산", "국제"])}
<div class="logo_s">{s(mid)}</div>{crumb_html}</header>
<div class="articleView"><div class="view_util">{SHARE}{share_html}</div>
<h1 class="tit">{s(headline)}</h1>{deck_html}
<div class="vtxt detailCont">
{lead_html}<div class="vimg"><img src="/data/photos/fixture.jpg" alt=""><a class="zoom" href="#">{s(photo[0])}</a>
<p class="caption">{s(photo[1])}</p></div>
{s.br_text(*body)}
<br><div class="writer">{s(byline)}</div></div></div>
<footer id="footer"><p class="copyright">저작권자 ⓒ 글로벌이코노믹 무단전재 및 재배포 금지</p></footer>
</body></html>
"""


def genews_002(s: Seed) -> tuple[str, str]:
    page = genews(s, top=5, mid=7, crumb=9, share=(11, 12), headline=14, deck=(), lead=(16, 17),
                  photo=(18, 19), body=(20, 55), byline=57)
    return s.raw(5), page


def genews_004(s: Seed) -> tuple[str, str]:
    page = genews(s, top=5, mid=7, crumb=None, share=(), headline=9, deck=(11, 12), lead=None,
                  photo=(13, 14), body=(15, 75), byline=77)
    return s.raw(5), page


def moneytoday(s: Seed) -> tuple[str, str]:
    """Seed 003: mt.co.kr (머니투데이), body in div#textBody, printed twice."""
    related = "".join(f'<li><a href="/mtview.php?no={i}"><span class="blind">기사 이미지</span> '
                      f'{escape(s.raw(n).removeprefix("- 기사 이미지 "), quote=False)}</a></li>'
                      for i, n in enumerate(range(19, 22)))
    photo = s.raw(22).removeprefix("- ")
    page = f"""<body>
<div id="header"><a class="skip" href="#textBody">본문 바로가기</a><h1 class="logo"><a href="/">머니투데이</a></h1>
{nav(["증권", "경제", "산업", "정치", "사회", "국제", "IT"])}</div>
<div id="article"><div class="view_top">{SHARE}</div>
<div id="textBody" class="view_text">
{s.paragraphs(1, 9)}
</div>
<div class="view_text view_text_copy">
{s.paragraphs(10, 17)}
<div class="related_news"><h3>{s(18)}</h3><ul>{related}</ul></div>
<div class="reporter_info"><span class="blind">{photo.split(" ")[0]} {photo.split(" ")[1]}</span>
<strong>{" ".join(photo.split(" ")[2:])}</strong></div>
<p class="copyright">{s(23)}</p>
</div></div>
<div id="footer"><p>Copyright ⓒ 머니투데이 All rights reserved.</p></div>
</body></html>
"""
    return "美 빅테크, 딥시크 충격에도 AI 투자 물량공세", page


LAYOUTS: dict[str, tuple[Callable[[Seed], tuple[str, str]], str, str]] = {
    # seed id: (layout, site name, canonical fixture URL)
    "000": (businesspost, "비즈니스포스트", "https://www.businesspost.co.kr/BP?command=article_view&num=fixture000"),
    "001": (chosunbiz_board, "랭크뉴스", "https://www.ranknews.co.kr/board/fixture001"),
    "002": (genews_002, "글로벌이코노믹", "https://www.g-enews.com/article/Global-Biz/fixture002"),
    "003": (moneytoday, "머니투데이", "https://news.mt.co.kr/mtview.php?no=fixture003"),
    "004": (genews_004, "글로벌이코노믹", "https://www.g-enews.com/article/Global-Biz/fixture004"),
}


def page_meta(info: dict) -> dict[str, str]:
    meta: dict[str, str] = {}
    if info.get("published"):
        meta["article:published_time"] = info["published"]
    if info.get("author"):
        meta["author"] = f"{info['author']} 기자"
    return meta


def build(name: str, info: dict) -> bytes:
    layout, site, canonical = LAYOUTS[name[:3]]
    title, body = layout(Seed(SEEDS / name))
    euc_kr = name.startswith("002")
    charset = "euc-kr" if euc_kr else "utf-8"
    html = head(escape(title), charset=charset, meta=page_meta(info), canonical=canonical, site=site) + body
    return html.encode("cp949") if euc_kr else html.encode("utf-8")


def main() -> None:
    meta = json.loads((SEEDS / "meta.json").read_text(encoding="utf-8"))["seeds"]
    for name, info in meta.items():
        target = SEEDS / info["html"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build(name, info))
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
