"""The fallback reader: an article's paragraphs when trafilatura gives nothing, too little or a table dump.

trafilatura stays the first reader. `weakness(kept, rules)` says why its filtered text is not
good enough (nothing, under [weak].min_prose_chars of prose, or mostly not prose: a table
dump); only then `fallback_paragraphs(tree, rules)` reads the page again, by three steps:

- json_ld: the `articleBody` of the page's JSON-LD (a page whose body is rendered by script);
- embedded_json: the longest Korean prose in `__NEXT_DATA__` or `window.__X__ = {...}` state;
- blocks: the page block with the most Korean prose (crawler.text.blocks).

Each step's paragraphs go through the Korean filter; the first step (in [choice].order) with
nearly the most prose is taken. Each decision is logged at debug level with its reason.
Vocabulary and thresholds: crawler/data/fallback.toml. Pure apart from logging. When even
this reading is weak, the crawl may read the page's AMP or print version (crawler.text.alternates).
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import lxml.html

from crawler.text.blocks import BlockConfig, best_block, block_config, block_texts, drop_furniture
from crawler.text.boilerplate import FilteredPage, Rules, filter_paragraphs, is_prose
from crawler.text.pagemeta import json_ld

log = logging.getLogger("capexwatch.text.fallback")
_STATE = re.compile(r"window\.(__[A-Za-z0-9_]+__)\s*=\s*")
_MARKUP = re.compile(r"<(p|br|div|figure)\b", re.IGNORECASE)
_HANGUL = re.compile(r"[가-힣]")
_TEXT_TYPES = frozenset({"text", "paragraph", "p"})


@dataclass(frozen=True)
class FallbackConfig:
    min_prose_chars: int
    min_prose_share: float
    order: tuple[str, ...]
    near_best: float
    blocks: BlockConfig


@dataclass(frozen=True)
class Reading:
    """What a fallback step read: its name and the filtered page."""

    step: str
    page: FilteredPage


@lru_cache(maxsize=1)
def load_fallback_config() -> FallbackConfig:
    text = resources.files("crawler").joinpath("data/fallback.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    return FallbackConfig(
        min_prose_chars=int(raw["weak"]["min_prose_chars"]), min_prose_share=float(raw["weak"]["min_prose_share"]),
        order=tuple(raw["choice"]["order"]), near_best=float(raw["choice"]["near_best"]),
        blocks=block_config(raw["blocks"]),
    )


def prose_chars(paragraphs: tuple[str, ...] | list[str], rules: Rules) -> int:
    return sum(len(p) for p in paragraphs if is_prose(p, rules))


def weakness(kept: tuple[str, ...], rules: Rules, config: FallbackConfig | None = None) -> str | None:
    """Why the first reader's filtered text needs the fallback, or None when it is good enough."""
    config = config or load_fallback_config()
    if not kept:
        return "the first reader found no text"
    total = prose = 0
    for paragraph in kept:
        total += len(paragraph)
        prose += len(paragraph) if is_prose(paragraph, rules) else 0
    if prose < config.min_prose_chars:
        return f"only {prose} characters of prose (< {config.min_prose_chars})"
    if prose < config.min_prose_share * total:
        return f"prose is {prose} of {total} characters: a table or list dump"
    return None


def fallback_paragraphs(tree: Any, rules: Rules, config: FallbackConfig | None = None) -> Reading | None:
    """The best reading of the page by the fallback steps, or None when none finds prose."""
    config = config or load_fallback_config()
    steps: dict[str, Callable[[], list[str]]] = {
        "json_ld": lambda: json_ld_body(tree),
        "embedded_json": lambda: embedded_json_body(tree, rules),
        "blocks": lambda: block_body(tree, config.blocks, rules, config.min_prose_chars),
    }
    readings = {name: filter_paragraphs(steps[name](), rules) for name in config.order}
    prose = {name: prose_chars(page.kept, rules) for name, page in readings.items()}
    log.debug("fallback steps, characters of prose: %s", prose)
    best = max(prose.values(), default=0)
    if not best:
        log.debug("fallback: no step found prose")
        return None
    step = next(name for name in config.order if prose[name] >= config.near_best * best)
    log.debug("fallback: took %s (%d characters of prose; the most any step found: %d)", step, prose[step], best)
    return Reading(step, readings[step])


def json_ld_body(tree: Any) -> list[str]:
    """The paragraphs of the page's JSON-LD articleBody (the longest, when several objects carry one)."""
    bodies = [obj["articleBody"] for obj in json_ld(tree) if isinstance(obj.get("articleBody"), str)]
    return split_body(max(bodies, key=len)) if bodies else []


def embedded_json_body(tree: Any, rules: Rules) -> list[str]:
    """The most prose-rich text in the page's embedded application state (Next.js, window.__X__)."""
    best: list[str] = []
    for state in _embedded_states(tree):
        for candidate in _text_candidates(state):
            if prose_chars(candidate, rules) > prose_chars(best, rules):
                best = candidate
    return best


def block_body(tree: Any, config: BlockConfig, rules: Rules, min_prose: int) -> list[str]:
    """The best block's paragraphs; when they hold little prose, a second pass that keeps
    blocks named as furniture (an article column called "left") and takes the richer one."""
    block = best_block(tree, config)
    texts = block_texts(block) if block is not None else []
    if prose_chars(texts, rules) >= min_prose:
        return texts
    log.debug("blocks: little prose in the best block; second pass keeping blocks named as furniture")
    second = best_block(tree, config, by_name=False)
    more = block_texts(second) if second is not None else []
    return more if prose_chars(more, rules) > prose_chars(texts, rules) else texts


def split_body(text: str, config: BlockConfig | None = None) -> list[str]:
    """A body given as a string: HTML markup (<p>, <br>; figures and ads removed) or plain text."""
    if _MARKUP.search(text):
        fragment = lxml.html.fragment_fromstring(text, create_parent="div")
        drop_furniture(fragment, config or load_fallback_config().blocks)
        return block_texts(fragment)
    return [line for line in (" ".join(raw.split()) for raw in text.splitlines()) if line]


def _embedded_states(tree: Any) -> Iterator[Any]:
    for script in tree.iter("script"):
        source = script.text or ""
        if script.get("id") == "__NEXT_DATA__" or script.get("type") == "application/json":
            yield from _loads(source, 0)
            continue
        for match in _STATE.finditer(source):
            yield from _loads(source, match.end())


def _loads(source: str, start: int) -> Iterator[Any]:
    try:
        value, _end = json.JSONDecoder().raw_decode(source, start)
    except ValueError:
        return
    yield value


def _text_candidates(value: Any) -> Iterator[list[str]]:
    """Every string as a body, and every list of paragraph items (["...", {"content": "..."}]) as one."""
    if isinstance(value, str):
        if len(value) >= 40:
            yield split_body(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _text_candidates(item)
    elif isinstance(value, list):
        items = [_item_text(item) for item in value]
        if sum(1 for item in items if item) >= 2:
            yield [p for item in items if item for p in split_body(item)]
        for item in value:
            yield from _text_candidates(item)


def _item_text(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        if item.get("type", "text") not in _TEXT_TYPES:
            return None  # an image, video or embed: its caption is no paragraph
        texts = [v for v in item.values() if isinstance(v, str) and _HANGUL.search(v) and "://" not in v[:12]]
        return max(texts, key=len) if texts else None
    return None
