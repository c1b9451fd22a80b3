"""Site rules: the article container of known page structures, kept as data.

`crawler/data/site_rules.toml` names, for a CMS family, the CSS selector of the article
container, what inside it is not the article, and the URL pattern that identifies it.
`site_paragraphs(tree, url=..., rule=...)` returns the container's paragraphs, or None when
no rule applies or the page lacks the container, so the caller falls back to
trafilatura. Pure: a parsed page in, text out.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml.cssselect import CSSSelector

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "site_rules.toml"
BLOCKS = ("p", "h2", "h3", "h4", "blockquote", "li")


@dataclass(frozen=True)
class SiteRule:
    name: str
    match: re.Pattern[str] | None
    body: CSSSelector
    drop: tuple[CSSSelector, ...]


@cache
def load_site_rules(path: Path = RULES_FILE) -> dict[str, SiteRule]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        name: SiteRule(
            name=name,
            match=re.compile(entry["match"]) if entry.get("match") else None,
            body=CSSSelector(entry["body"]),
            drop=tuple(CSSSelector(selector) for selector in entry.get("drop", ())),
        )
        for name, entry in raw.items()
    }


def rule_for(url: str | None, rule: str | None = None) -> SiteRule | None:
    """The rule a source names, else the first whose URL pattern the page's URL matches."""
    rules = load_site_rules()
    if rule:
        return rules.get(rule)
    if url:
        return next((r for r in rules.values() if r.match and r.match.search(url)), None)
    return None


def site_paragraphs(tree: Any, *, url: str | None, rule: str | None = None) -> list[str] | None:
    """The article's paragraphs by the page's site rule; None to let trafilatura decide."""
    site_rule = rule_for(url, rule)
    if site_rule is None:
        return None
    containers = site_rule.body(tree)
    if not containers:
        return None
    container = containers[0]
    # lxml makes element proxies on demand: hold the elements themselves, never their id()
    dropped = {node for selector in site_rule.drop for found in selector(container) for node in found.iter()}
    blocks = [node for node in container.iter(*BLOCKS) if node not in dropped and not _inside_block(node)]
    if blocks:
        texts = [_text(node, dropped) for node in blocks]
    else:  # text separated by <br> in the container itself
        texts = "".join(_text(container, dropped, keep_breaks=True)).split("\n")
    paragraphs = [text for text in texts if text]
    return paragraphs or None


def _inside_block(node: Any) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag in BLOCKS:
            return True
        parent = parent.getparent()
    return False


def _text(node: Any, dropped: set[Any], keep_breaks: bool = False) -> str:
    """The node's text without dropped elements (their tails stay: they follow them)."""
    parts: list[str] = []
    for element in node.iter():
        inside = element is not node
        if inside and element.getparent() in dropped:
            continue  # text and tail of something inside a dropped element
        if keep_breaks and inside and element.tag in ("br", "div", "p"):
            parts.append("\n")  # a dropped block still separates the text around it
        if element not in dropped and isinstance(element.tag, str):  # comments have text too
            parts.append(element.text or "")
        if inside:
            parts.append(element.tail or "")
    lines = "".join(parts).split("\n") if keep_breaks else ["".join(parts)]
    return "\n".join(" ".join(line.split()) for line in lines)
