"""Article text from a fetched HTML page or a saved plain-text page: the trafilatura user (with
crawler.text.authors, trafilatura's author finder in a faster form).

HTML path: decode (HTTP charset, BOM, <meta charset>, then UTF-8 and CP949; EUC-KR and
ks_c_5601 are really CP949), parse once, read metadata (crawler.text.pagemeta), run
trafilatura on the tree, then the Korean boilerplate filter (crawler.text.boilerplate) on the
paragraphs it leaves; when that text is missing, too short or a table dump, the fallback
reader (crawler.text.fallback) reads the page again. trafilatura's own metadata (title, date
by htmldate, author, URL: a fifth of its time) is read only for a field the page's tags,
JSON-LD and byline do not give. Text path (saved pages such as the seeds): the same filter, line by
line, with title, byline and dateline read from the lines themselves.

`extract_article` is pure apart from trafilatura's own logging; bad input raises
ExtractError with a one-line message (the caller adds the file name or URL); an RSS/Atom
feed or a sitemap is bad input too (it is discovery, for [[sources]], not an article).
"""

from __future__ import annotations

import codecs
import logging
import re
from html import unescape
from typing import Any

import trafilatura
from htmldate import find_date
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.utils import line_processing, load_html

from crawler.models import Article
from crawler.text.authors import trafilatura_author
from crawler.text.boilerplate import (
    FilteredPage,
    Rules,
    classify,
    filter_paragraphs,
    is_chrome,
    is_list_heading,
    is_prose,
    load_rules,
    normalize,
)
from crawler.text.fallback import fallback_paragraphs, prose_chars, weakness
from crawler.text.pagemeta import (
    PageMeta,
    byline_author,
    html_metadata,
    iso_timestamp,
    page_byline,
    page_dateline,
    text_metadata,
)
from crawler.text.siterules import site_paragraphs

# only dates the page states in its markup: htmldate's text search reads "2023년 이후" as a date
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
# The pipeline's trafilatura options: the article only (no comments, no board tables),
# precision favoured (it keeps every sentence of the seed fixtures; the Korean filter after it
# removes what is left), no cross-document dedup, no metadata (read apart, when needed).
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "favor_precision": True,
    "deduplicate": False,
    "with_metadata": False,
    "date_extraction_params": _DATE_PARAMS,
}
_KOREAN_LABELS = frozenset({"x-windows-949", "windows-949", "euc_kr", "euc-kr", "ks_c_5601-1987", "ks_c_5601"})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WESTERN = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MAX_REPLACED = 0.001  # a page with at most this share of broken bytes still decodes (with U+FFFD)
_BYLINE_REASONS = ("byline", "byline_several", "dateline", "reporter_photo")
# Korean sentence-final 다 (했다, 짓는다, 목표다), with or without a full stop or closing quote:
# a first line ending so is the article's first sentence, not its headline.
_ENDS_LIKE_A_SENTENCE = re.compile(r"다[.!?]?[\"”’')\]]*$")


# trafilatura and htmldate warn about every page they discard; callers hear about it once,
# as an ExtractError naming the page. Their own messages stay available: lower these levels.
QUIET_LOGGERS = ("trafilatura", "htmldate")
# The root element of a feed or sitemap, after an XML declaration, comments or a doctype.
_DISCOVERY_ROOT = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?xml-stylesheet[^>]*>\s*)*"
                             r"<(?:[\w-]+:)?(rss|feed|RDF|urlset|sitemapindex)\b", re.DOTALL)
_DISCOVERY_KINDS = {"rss": ("an RSS feed", "feeds"), "feed": ("an Atom feed", "feeds"),
                    "RDF": ("an RSS feed", "feeds"), "urlset": ("a sitemap", "sitemaps"),
                    "sitemapindex": ("a sitemap index", "sitemaps")}
for _name in QUIET_LOGGERS:
    logging.getLogger(_name).setLevel(logging.CRITICAL)


_log = logging.getLogger("capexwatch.text.extract")


class ExtractError(Exception):
    """The input has no article text we can read: empty, not decodable, not a page."""


def charset_name(label: str | bytes | None) -> str | None:
    """Python's codec for a charset label, with the EUC-KR family mapped to CP949; None if unknown."""
    if label is None:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().strip("\"'").lower()
    if not label:
        return None
    if label in _KOREAN_LABELS:
        return "cp949"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp949" if name == "euc_kr" else name


def decode_html(data: bytes, declared: str | None) -> str:
    """Decode a fetched page: BOM, then the declared (HTTP) charset, <meta charset>, UTF-8, CP949."""
    match = _META_CHARSET.search(data[:4096])
    return _decode(data, [declared, match.group(1) if match else None])


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a saved text page: BOM, the declared charset, then UTF-8 and CP949."""
    return _decode(data, [declared])


def _decode(data: bytes, labels: list[Any]) -> str:
    if not data.strip():
        raise ExtractError("file is empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            labels = [codec]
            break
    candidates: list[str] = []
    for label in [*labels, "utf-8", "cp949"]:
        name = charset_name(label)
        if name in _WESTERN and "utf-8" not in candidates:
            candidates.append("utf-8")  # a Korean page mislabelled Latin-1 is usually UTF-8
        if name and name not in candidates:
            candidates.append(name)
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if "\x00" not in text:
            return text
    return _decode_leniently(data, candidates)


def _decode_leniently(data: bytes, candidates: list[str]) -> str:
    best = min((data.decode(name, "replace") for name in candidates), key=lambda t: t.count("\ufffd"))
    if "\x00" in best or best.count("\ufffd") > _MAX_REPLACED * len(best):
        raise ExtractError(f"cannot decode the text (tried {', '.join(candidates)})")
    return best


def extract_article(
    data: bytes | str,
    *,
    is_html: bool,
    url: str | None = None,
    published: str | None = None,
    path: str | None = None,
    encoding: str | None = None,
    site_rule: str | None = None,
) -> Article:
    """One page's own text and metadata. `published` is used when the page gives no date.

    `site_rule` names a rule of crawler/data/site_rules.toml for the page's structure; a
    page whose URL matches a rule's pattern gets it anyway (crawler.text.siterules)."""
    if isinstance(data, bytes):
        text = decode_html(data, encoding) if is_html else decode_text(data, encoding)
    else:
        text = data
    if not text.strip():
        raise ExtractError("file is empty")
    if found := _DISCOVERY_ROOT.match(text[:4096]):
        what, key = _DISCOVERY_KINDS[found.group(1)]
        raise ExtractError(f"{what}, not an article: list its URL under {key} of a [[sources]] entry and crawl it")
    rules = load_rules()
    if is_html:
        return _html_article(text, rules, url=url, published=published, path=path, site_rule=site_rule)
    return _text_article(text, rules, url=url, published=published, path=path)


def _text_article(text: str, rules: Rules, *, url: str | None, published: str | None, path: str | None) -> Article:
    lines = text.splitlines()
    page = filter_paragraphs(lines, rules)
    meta = text_metadata(page.dropped_as(*_BYLINE_REASONS), rules.chrome_words)
    title = text_headline(lines, rules)
    body = tuple(p for p in page.kept if p != title)
    if not body and title is not None:  # a lone line is the text, not a headline of nothing
        title, body = None, tuple(page.kept)
    if not body:
        raise ExtractError("no article text found")
    return Article(
        body=body, title=title, published=meta.published or iso_timestamp(published),
        author=meta.author, url=url, path=path,
    )


def text_headline(lines: list[str], rules: Rules) -> str | None:
    """The first headline-like line before the first sentence, if any.

    A line that ends like a sentence (다. / 다" / 했다, even a short one) is text, never a headline,
    except the very first line standing alone above the text without a full stop: headlines end
    in the present tense ("…데이터센터 짓는다", "…50억달러 더 쏟는다")."""
    first = True
    for at, raw in enumerate(lines):
        line = normalize(raw)
        if not line or is_list_heading(line, rules) or classify(line, rules):
            continue
        if first and _stands_alone(lines, at) and _HEADLINE_ENDING.search(line) and len(line) <= _HEADLINE_MAX:
            return line
        first = False
        if is_prose(line, rules) or _ENDS_LIKE_A_SENTENCE.search(line) or rules.prose_end.search(line):
            return None
        if len(line) >= 8 and " " in line:
            return line
    return None


_HEADLINE_ENDING = re.compile(r"[가-힣][다]$|[가-힣]다[\"”’')\]]$")  # 짓는다, 늘린다" (no full stop)
_HEADLINE_MAX = 100


def _stands_alone(lines: list[str], at: int) -> bool:
    """Is line `at` followed by a blank line and more text (a headline above the article)?"""
    return at + 2 < len(lines) and not lines[at + 1].strip() and any(line.strip() for line in lines[at + 2:])


def _html_article(
    html: str, rules: Rules, *, url: str | None, published: str | None, path: str | None, site_rule: str | None
) -> Article:
    tree = load_html(html)
    if tree is None:
        raise ExtractError("not an HTML page")
    meta = html_metadata(tree, rules.chrome_words)
    page_url = url or meta.canonical_url
    page, by_trafilatura = read_body(tree, rules, url=page_url, site_rule=site_rule)
    if not page.kept:
        raise ExtractError("no article text found in the page")
    byline = text_metadata(page.dropped_as(*_BYLINE_REASONS), rules.chrome_words)
    theirs = _TrafilaturaMetadata(tree, page_url, read_the_page=by_trafilatura)
    title = meta.title or _clean(theirs.field("title"))
    body = tuple(p for p in page.kept if p != title)
    if not body:
        raise ExtractError("no article text left after removing the page's boilerplate")
    return Article(
        body=body,
        title=title,
        published=(_published(tree, meta, byline, theirs, published)
                   or (None if by_trafilatura else _markup_date(tree))),
        author=(meta.author or byline.author or page_byline(tree, rules.chrome_words)
                or _author(theirs.field("author"), rules)),
        url=url,
        canonical_url=meta.canonical_url or theirs.field("url"),
        path=path,
    )


class _TrafilaturaMetadata:
    """trafilatura's metadata of a page it read (none of a page it did not), each part computed on the first
    field asked for: most pages give title, date, author and URL in their own tags, and then it never runs.
    The steps are trafilatura's own (trafilatura.metadata.extract_metadata) without the fields the pipeline
    does not use (site name, categories, tags, licence), which cost most of its time."""

    def __init__(self, tree: Any, url: str | None, *, read_the_page: bool) -> None:
        self._tree, self._url, self._read_the_page = tree, url, read_the_page
        self._known: dict[str, str | None] = {}
        self._tags: Any = None

    def field(self, name: str) -> str | None:
        if not self._read_the_page:
            return None
        if name not in self._known:
            self._known[name] = self._find(name)
        return self._known[name]

    def _find(self, name: str) -> str | None:
        if name == "date":
            return find_date(self._tree, url=self.field("url"), **_DATE_PARAMS)
        found = getattr(self._meta_tags(), name, None)
        if not found:
            finder = {"title": extract_title, "author": trafilatura_author, "url": self._url_of}[name]
            found = finder(self._tree)
        return line_processing(unescape(found)) if found else None  # as trafilatura's Document.clean_and_trim

    def _url_of(self, tree: Any) -> str | None:
        return extract_url(tree, self._url)

    def _meta_tags(self) -> Any:
        """The page's meta tags and JSON-LD as trafilatura reads them."""
        if self._tags is None:
            self._tags = examine_meta(self._tree)
            if self._tags.author and " " not in self._tags.author:  # trafilatura: a one-word meta author is a site
                self._tags.author = None
            try:
                self._tags = extract_meta_json(self._tree, self._tags)
            except Exception as err:  # noqa: BLE001 - as trafilatura: its JSON-LD reader has bugs
                _log.debug("trafilatura's JSON-LD metadata failed: %s", err)
        return self._tags


def read_body(tree: Any, rules: Rules, *, url: str | None, site_rule: str | None = None) -> tuple[FilteredPage, bool]:
    """The page's filtered paragraphs, and whether trafilatura read the page (no site rule, and it found text).

    The site rule, else trafilatura; the fallback reader only when their text is weak
    (crawler.text.fallback), and only if it finds more prose."""
    paragraphs = site_paragraphs(tree, url=url, rule=site_rule)
    by_trafilatura = False
    if paragraphs is None:  # no rule for this structure: trafilatura decides
        document: Any = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
        by_trafilatura = document is not None
        text = getattr(document, "text", None)
        paragraphs = text.split("\n") if text else []
    page = filter_paragraphs(paragraphs, rules)
    why = weakness(page.kept, rules)
    if why is None:
        return page, by_trafilatura
    _log.debug("%s: fallback reader, because %s", url or "page", why)
    reading = fallback_paragraphs(tree, rules)
    if reading is None or prose_chars(reading.page.kept, rules) <= prose_chars(page.kept, rules):
        _log.debug("%s: fallback found no more prose; kept the first reader's text", url or "page")
        return page, by_trafilatura
    _log.debug("%s: used the fallback reading by %s", url or "page", reading.step)
    return reading.page, by_trafilatura


def parse_html(html: str) -> Any | None:
    """The page's lxml tree, parsed as the text stage parses it (None when it is no HTML)."""
    return load_html(html)


def page_title(data: bytes) -> str | None:
    """The headline an HTML page gives in its meta tags, JSON-LD or <title> (site name removed)."""
    tree = load_html(decode_html(data, None))
    return html_metadata(tree, load_rules().chrome_words).title if tree is not None else None


def trafilatura_alone(data: bytes | str) -> str | None:
    """trafilatura by itself giving what the pipeline gives from a page, its text with title, date, author
    and URL (the pipeline's options with trafilatura's metadata): the benchmark's baseline."""
    document: Any = trafilatura.bare_extraction(data, **{**TRAFILATURA_OPTIONS, "with_metadata": True})
    return getattr(document, "text", None)


def _published(tree: Any, meta: PageMeta, byline: PageMeta, theirs: _TrafilaturaMetadata,
               given: str | None) -> str | None:
    """The page's own time (meta tags, JSON-LD, byline, a dateline in the page), htmldate's day, then `given`."""
    return (meta.published or byline.published or page_dateline(tree) or iso_timestamp(theirs.field("date"))
            or iso_timestamp(given))


def _markup_date(tree: Any) -> str | None:
    """htmldate on the page's markup alone, for pages read by a site rule (trafilatura, which runs it, did not)."""
    return iso_timestamp(find_date(tree, **_DATE_PARAMS))


def _author(value: str | None, rules: Rules) -> str | None:
    """trafilatura's author guess ("한서연 기자" -> 한서연), unless it is a site name (a board's 글쓴이 column)."""
    name = _clean(value)
    return None if not name or is_chrome(name, rules) else byline_author(name, rules.chrome_words) or name


def _clean(value: str | None) -> str | None:
    return normalize(value) if value else None
