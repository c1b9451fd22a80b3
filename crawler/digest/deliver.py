"""The exactly-once digest flow: reconcile, render, record, send, mark.

The guarantee, precisely:

1. A change is marked delivered (its delivery row 'sent') only after the transport
   accepted the message that carries it: the SMTP server's positive reply to DATA, or the
   outbox file renamed into place. Nothing is lost: until then the change stays pending.
2. Before sending, the message is recorded in one transaction: a delivery row 'prepared'
   with its Message-ID and exact bytes, and its changes linked to it. A change linked to a
   prepared delivery is never put into another, new message.
3. A definite refusal (a 4xx/5xx reply, no connection, failed login, outbox not writable)
   deletes the prepared row and unlinks its changes: they are pending for the next run,
   which builds a fresh digest (with any newer changes) — nothing was delivered.
4. An unknown outcome (timeout or dropped connection during DATA, or a crash/kill between
   sending and marking) leaves the row 'prepared'. Every run first reconciles prepared rows
   by Message-ID: the outbox holding a file with that Message-ID -> marked sent; otherwise
   the identical recorded bytes (same Message-ID) are delivered again and then marked sent.
   So after a crash the analysts get at most the same message twice over SMTP (receivers
   and mail clients deduplicate by Message-ID), never a second, different digest; if
   reconciliation fails, the run stops with an error and sends nothing new.
5. A rerun after success finds no pending change and sends nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from crawler.config import DigestSettings
from crawler.digest.render import Digest, render_digest
from crawler.digest.send import DeliveryError, Transport, build_message, message_bytes, new_message_id
from crawler.store import deliveries
from crawler.store.baseline import pending_baselines

NOTHING = "Nothing to send: no changes since the last digest."


class DigestFailed(Exception):
    """The digest was not delivered; one line naming the server and its reply."""


@dataclass(frozen=True)
class DigestOutcome:
    status: str  # sent, nothing
    summary: str
    message_id: str | None = None
    changes: int = 0
    reconciled: int = 0
    counts: Mapping[str, int] | None = None


def build_pending_digest(engine: Engine, *, settings: DigestSettings, fx_to_usd: Mapping[str, float],
                         today: date, health: Sequence[Any] = ()) -> Digest:
    """The digest of every change in no delivery yet (what the next message would carry)."""
    pending = [c for c in deliveries.pending_changes(engine) if c.delivery_id is None]
    baselines = tuple(line for _, line in pending_baselines(engine))
    return render_digest(pending, health=health, fx_to_usd=fx_to_usd, today=today,
                         subject_prefix=settings.subject_prefix, fact_links=settings.fact_links, baselines=baselines)


def reconcile_prepared(engine: Engine, transport: Transport, *, settings: DigestSettings) -> int:
    """Finish every 'prepared' delivery by Message-ID (see the module docstring, point 4)."""
    done = 0
    for prepared in deliveries.prepared_deliveries(engine):
        if not transport.has_delivered(prepared.message_id):
            if prepared.raw_message is None:  # recorded by an older version: cannot resend it identically
                deliveries.release_delivery(engine, prepared.message_id)
                continue
            try:
                transport.deliver(prepared.raw_message, sender=settings.sender,
                                  recipients=prepared.recipients, message_id=prepared.message_id)
            except DeliveryError as exc:
                raise DigestFailed(f"{exc}; the earlier digest {prepared.message_id} ({prepared.change_count} "
                                   "changes) stays prepared and will be re-sent unchanged next run") from None
        deliveries.complete_delivery(engine, prepared.message_id)
        done += 1
    return done


def send_digest(engine: Engine, transport: Transport, *, settings: DigestSettings,
                fx_to_usd: Mapping[str, float], now: datetime, today: date,
                health: Sequence[Any] = ()) -> DigestOutcome:
    """Reconcile, then send what is pending as one message; raises DigestFailed."""
    reconciled = reconcile_prepared(engine, transport, settings=settings)
    baselines = pending_baselines(engine)
    digest = build_pending_digest(engine, settings=settings, fx_to_usd=fx_to_usd, today=today, health=health)
    if not digest.counts.get("shown") and not digest.counts.get("baselines"):
        summary = NOTHING if not reconciled else f"Re-delivered {reconciled} earlier digest(s); {NOTHING}"
        return DigestOutcome("nothing", summary, reconciled=reconciled, counts=digest.counts)
    message_id = new_message_id(settings.sender)
    raw = message_bytes(build_message(digest, sender=settings.sender, recipients=settings.to, now=now,
                                      message_id=message_id))
    try:
        deliveries.prepare_delivery(engine, message_id, digest.subject, settings.to, digest.change_ids,
                                    transport.name, raw, now=now)
    except deliveries.DeliveryConflict as exc:
        raise DigestFailed(f"digest not sent: {exc}; run it again") from None
    refused = _deliver(engine, transport, raw, settings=settings, message_id=message_id,
                       changes=len(digest.change_ids))
    deliveries.complete_delivery(engine, message_id)
    for baseline_id, _ in baselines:  # the digest carried their line: announced
        deliveries.complete_delivery(engine, baseline_id)
    summary = (f"Sent digest {message_id} via {transport.describe()}: {digest.counts['new']} new, "
               f"{digest.counts['revised']} revised ({len(digest.change_ids)} changes)")
    if refused:
        summary += f"; refused recipients: {', '.join(refused)}"
    return DigestOutcome("sent", summary, message_id, len(digest.change_ids), reconciled, digest.counts)


def _deliver(engine: Engine, transport: Transport, raw: bytes, *, settings: DigestSettings,
             message_id: str, changes: int) -> list[str]:
    try:
        return transport.deliver(raw, sender=settings.sender, recipients=settings.to, message_id=message_id)
    except DeliveryError as exc:
        if exc.refused:
            deliveries.release_delivery(engine, message_id)
            raise DigestFailed(f"digest not sent: {exc}; all {changes} changes stay pending for the next run") \
                from None
        raise DigestFailed(f"digest outcome unknown: {exc}; the same message {message_id} will be re-sent "
                           "on the next run, never a new one") from None
