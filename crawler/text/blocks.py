"""Blocks of a parsed page: their text runs, and readability-style scoring of Korean prose.

`block_texts(element)` is an element's text as paragraphs, in reading order: a run of
inline text ends at a <br> or a block child. `best_block(tree, config)` is the element
holding the most article prose — runs with Korean sentence endings, few links, outside
nav/aside/footer and outside blocks whose class or id names page furniture — scored as
readability does (a run's points go to its block and half to the block's parent, then
scale by 1 - link density). Pure: the caller's tree is copied, never changed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
_PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "li", "dd"})  # their runs score their parent


@dataclass(frozen=True)
class BlockConfig:
    """The [blocks] table of crawler/data/fallback.toml, compiled."""

    min_run_chars: int
    sentence_end: re.Pattern[str]
    drop_tags: tuple[str, ...]
    unlikely: re.Pattern[str]
    maybe: re.Pattern[str]


def block_config(raw: dict[str, Any]) -> BlockConfig:
    return BlockConfig(
        min_run_chars=int(raw["min_run_chars"]), sentence_end=re.compile(raw["sentence_end"]),
        drop_tags=tuple(raw["drop_tags"]), unlikely=re.compile(raw["unlikely"]), maybe=re.compile(raw["maybe"]),
    )


def block_texts(element: Any) -> list[str]:
    """The element's paragraphs: runs of inline text split at <br> and block children."""
    return [text for text in (" ".join(run.split()) for run in _runs(element, deep=True)) if text]


def _runs(element: Any, *, deep: bool) -> Iterator[str]:
    """Runs of inline text; with deep, those of block children too, in reading order."""
    run = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag == "br" or tag in BLOCK_TAGS or (tag and _has_blocks(child)):
            yield "".join(run)
            run = []
            if deep and tag and tag != "br":
                yield from _runs(child, deep=True)
        elif tag:
            run.append(child.text_content())
        run.append(child.tail or "")
    yield "".join(run)


def _has_blocks(element: Any) -> bool:
    return any(isinstance(e.tag, str) and (e.tag == "br" or e.tag in BLOCK_TAGS) for e in element.iterdescendants())


def best_block(tree: Any, config: BlockConfig, *, by_name: bool = True) -> Any | None:
    """The element (of a cleaned copy of `tree`) that holds the most article prose, or None.

    Without `by_name`, blocks whose class or id names furniture stay (a page that calls its
    article column "left" is read on a second pass, as readability retries)."""
    root = copy.deepcopy(tree)
    drop_furniture(root, config, by_name=by_name)
    scores: dict[Any, float] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        points = sum(_run_points(" ".join(run.split()), config) for run in _runs(element, deep=False))
        if not points:
            continue
        block = element.getparent() if element.tag in _PARAGRAPH_TAGS else element
        if block is None:
            continue
        scores[block] = scores.get(block, 0.0) + points
        parent = block.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + points / 2
    if not scores:
        return None
    return max(scores, key=lambda block: scores[block] * (1 - _link_density(block)))


def _run_points(run: str, config: BlockConfig) -> float:
    if len(run) < config.min_run_chars:
        return 0.0
    return 1 + len(config.sentence_end.findall(run)) + min(len(run) // 100, 3)


def drop_furniture(root: Any, config: BlockConfig, *, by_name: bool = True) -> None:
    """Remove (in place) what is never the article: config.drop_tags, and blocks named as furniture."""
    doomed = [e for e in root.iter(*config.drop_tags)]
    for element in root.iter() if by_name else ():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if config.unlikely.search(names) and not config.maybe.search(names):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            _remove_keeping_tail(element, parent)


def _remove_keeping_tail(element: Any, parent: Any) -> None:
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _link_density(element: Any) -> float:
    text = len(" ".join(element.text_content().split()))
    if not text:
        return 1.0
    links = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return min(links / text, 1.0)
