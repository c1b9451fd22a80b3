"""trafilatura's author finder (trafilatura.metadata.extract_author) with its XPaths as one Python pass each.

trafilatura selects author elements with three XPath expressions of a dozen attribute tests each
(`//*[self::a or self::div ...][@rel='author' or ... or re:test(@class, 'author|...')]`), after
pruning comments, dates and figures with two more. libxml2 evaluates every test on every element
and lxml calls back into Python for each regular expression: about 1.5 ms on a small news page
whose byline the page's own tags do not give, the largest cost of the text stage after
trafilatura's extraction. Here each expression is the same test written in Python over the
elements in document order (the same regular expressions, the same element names and attribute
values), and the selection, its order and what is done with it stay trafilatura's own
(prune_unwanted_nodes, extract_metainfo, normalize_authors). tests/test_extract.py compares the
result with trafilatura's on every HTML page of the test fixtures; revisit the tests below when
trafilatura's AUTHOR_XPATHS or AUTHOR_DISCARD_XPATHS change (constraints.txt pins the version).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from typing import Any

from lxml.etree import XPath
from trafilatura.htmlprocessing import delete_element
from trafilatura.metadata import normalize_authors
from trafilatura.utils import trim

_Test = Callable[[str, Any], bool]

_DISCARD_CLASS = re.compile(r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                            r"article-(?:share|support)|print|category|meta-date|meta-reviewer")
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_AUTHOR_MAX_CHARS = 120  # extract_author's len_limit
_NAME_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_GENERIC_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_GENERIC_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_ANY_ID = re.compile(r"[Aa]uthor")
_ANY_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")


def _discarded(tag: str, element: Any) -> bool:
    """.//*[self::a or self::div or self::section or self::span][@id='comments' or ... 'Figure')]"""
    if tag not in ("a", "div", "section", "span"):
        return False
    ident, cls = element.get("id", ""), element.get("class", "")
    return (ident == "comments" or cls in ("comments", "title", "date") or bool(_DISCARD_ID.search(ident))
            or bool(_DISCARD_CLASS.search(cls)) or "Figure" in element.get("data-component", ""))


def _specific(tag: str, element: Any) -> bool:
    """//*[self::a or ... or self::strong][@rel='author' or ... re:test(@class, 'author-?name|...')]|//author"""
    if tag == "author":
        return True
    if tag not in ("a", "address", "div", "link", "p", "span", "strong"):
        return False
    get = element.get
    return (get("rel") == "author" or get("id") == "author" or get("class") == "author"
            or get("itemprop") == "author name"
            or any("".join(child.itertext()) == "me" for child in element.iterchildren("rel"))
            or get("data-testid") in ("AuthorCard", "AuthorURL")
            or bool(_NAME_CLASS.search(get("class", ""))))


def _generic(tag: str, element: Any) -> bool:
    """//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][@class='byline' or ...]"""
    if tag not in ("a", "div", "h3", "h4", "p", "span"):
        return False
    cls = element.get("class", "")
    return (cls in ("byline", "username", "byl", "BBL") or "author" in element.get("itemprop", "")
            or bool(_GENERIC_ID.search(element.get("id", ""))) or bool(_GENERIC_CLASS.search(cls)))


def _last_resort(_tag: str, element: Any) -> bool:
    """//*[contains(@data-component, 'Byline') or ... re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]"""
    get = element.get
    return ("Byline" in get("data-component", "") or "author" in get("itemprop", "")
            or bool(_ANY_ID.search(get("id", ""))) or bool(_ANY_CLASS.search(get("class", ""))))


_AUTHOR_TESTS: tuple[_Test, ...] = (_specific, _generic, _last_resort)
# the elements any test may pick: those with an attribute a test reads, <author>, and parents of a <rel> element
_CANDIDATES = XPath("descendant-or-self::*[@id or @class or @rel or @itemprop or @data-testid or @data-component"
                    " or self::author or rel]")
_PRUNE_CANDIDATES = XPath("descendant::*[(self::a or self::div or self::section or self::span)"  # .//*: not the root
                           " and (@id or @class or @data-component)]")


def _pruned_copy(tree: Any) -> Any:
    """A copy of the page without comments, dates and figures (AUTHOR_DISCARD_XPATHS, in their order)."""
    subtree = deepcopy(tree)
    for element in [e for e in _PRUNE_CANDIDATES(subtree) if _discarded(e.tag, e)]:
        delete_element(element)
    for element in list(subtree.iter("time", "figure")):
        delete_element(element)
    return subtree


def trafilatura_author(tree: Any) -> str | None:
    """The author trafilatura's extract_author finds in the page, the same way, faster: the first element of
    the pruned page, in document order, that the first expression selects and whose text is 3 to 119
    characters long is the author, else the same with the second expression, then the third
    (extract_metainfo)."""
    candidates = [(element.tag, element) for element in _CANDIDATES(_pruned_copy(tree))]
    for test in _AUTHOR_TESTS:
        for tag, element in candidates:
            if test(tag, element):
                content = trim(" ".join(element.itertext()))
                if content and 2 < len(content) < _AUTHOR_MAX_CHARS:
                    return normalize_authors(None, content)
    return None
