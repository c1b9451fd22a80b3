"""Load a vocabulary file of crawler/data/ once (tomllib), by its name without suffix."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_vocab(name: str) -> dict[str, Any]:
    """The parsed crawler/data/<name>.toml; raises a clear error when it is missing or invalid."""
    resource = resources.files("crawler").joinpath("data", f"{name}.toml")
    try:
        return tomllib.loads(resource.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError(f"crawler/data/{name}.toml: vocabulary file missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuntimeError(f"crawler/data/{name}.toml: {exc}") from None


def hangul_has_final(ch: str) -> bool:
    """True when a Hangul syllable ends in a consonant (받침): 원, 위안, 엔 — not 달러, 유로."""
    code = ord(ch) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0
