"""Claims: PostgreSQL advisory transaction locks that make saves of one article take turns.

Unique constraints stop two writers from storing the same URL, text or fact twice, but
not two *near* copies of one article (different texts, different URLs: the rule in
crawler/store/copies.py is a query, which two transactions at the same instant both pass),
and a writer losing a unique race has to retry its whole save. So `save_article` first
claims every key that could make its article collide with another one saved at the same
moment: each identifying URL, the text fingerprint, each substantial paragraph (near
copies share most of theirs) and each company it states figures about (the facts it may
create), and its source's name. Keys are taken in one sorted order (no deadlock) with
`pg_advisory_xact_lock`, held until the transaction ends; a second writer waits, then
reads what the first committed. SQLite needs none: BEGIN IMMEDIATE already serializes writers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import Connection, text


def advisory_key(name: str) -> int:
    """The 64-bit advisory lock key of lock `name`, the same for every capexwatch process."""
    return int.from_bytes(hashlib.sha256(f"capexwatch.{name}".encode()).digest()[:8], "big", signed=True)


def claim_keys(*, urls: Iterable[str], fingerprint: str, paragraphs: Iterable[str], subjects: Iterable[str],
               source: str | None) -> list[int]:
    """The advisory lock keys of one article's save, sorted (the order every writer takes them in)."""
    names = {f"url:{url}" for url in urls} | {f"text:{fingerprint}"}
    names |= {f"paragraph:{digest}" for digest in paragraphs} | {f"fact:{subject}" for subject in subjects}
    if source:
        names.add(f"source:{source}")
    return sorted({advisory_key(name) for name in names})


def claim(conn: Connection, keys: list[int]) -> None:
    """Hold `keys` until `conn`'s transaction ends (PostgreSQL; nothing on other databases)."""
    if conn.dialect.name != "postgresql":
        return
    for key in keys:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
