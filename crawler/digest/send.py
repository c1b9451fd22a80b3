"""The digest as a MIME message, and the transports that hand it over: SMTP, outbox, memory.

`build_message` makes a multipart/alternative (plain text + HTML, UTF-8) with Subject,
From, To, Date and a Message-ID under a stable domain (the sender's), every header value
stripped of line breaks and control characters. A transport's `deliver(raw, ...)` returns
only once the message is accepted (SMTP: the server's 250 after DATA; outbox: the file is
renamed into place) and otherwise raises DeliveryError, whose `refused` says whether the
message was definitely not accepted (a 4xx/5xx reply, no connection) or the outcome is
unknown (timeout or dropped connection during DATA). `has_delivered(message_id)` lets the
outbox answer reconciliation questions; SMTP cannot know, so it answers False.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from typing import Protocol

from crawler.config import SmtpSettings
from crawler.digest.render import Digest
from crawler.digest.wording import one_line

FALLBACK_DOMAIN = "capexwatch.local"


class DeliveryError(Exception):
    """The message was not (known to be) accepted; the text is one line naming the server."""

    def __init__(self, message: str, *, refused: bool) -> None:
        super().__init__(one_line(message))
        self.refused = refused  # True: definitely not accepted; False: outcome unknown


class Transport(Protocol):
    name: str

    def deliver(self, raw: bytes, *, sender: str, recipients: Sequence[str], message_id: str) -> list[str]:
        """Hand the message over; return the recipients the server refused (if it accepted others)."""
        ...

    def has_delivered(self, message_id: str) -> bool: ...

    def describe(self) -> str: ...


def new_message_id(sender: str) -> str:
    """A fresh Message-ID under the sender's domain, e.g. <...digest@example.com>."""
    domain = parseaddr(sender)[1].rpartition("@")[2]
    domain = domain if re.fullmatch(r"[A-Za-z0-9.-]+", domain or "") else FALLBACK_DOMAIN
    return make_msgid(idstring="digest", domain=domain)


def build_message(digest: Digest, *, sender: str, recipients: Sequence[str], now: datetime,
                  message_id: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = one_line(digest.subject)
    message["From"] = one_line(sender)
    message["To"] = ", ".join(one_line(r) for r in recipients)
    message["Date"] = format_datetime(now if now.tzinfo else now.replace(tzinfo=UTC))
    message["Message-ID"] = one_line(message_id)
    message.set_content(digest.text, subtype="plain", charset="utf-8")
    message.add_alternative(digest.html, subtype="html", charset="utf-8")
    return message


def message_bytes(message: EmailMessage) -> bytes:
    """The wire form (CRLF line ends, non-ASCII headers RFC 2047 encoded)."""
    return message.as_bytes(policy=policy.SMTP)


def message_id_of(raw: bytes) -> str | None:
    value = message_from_bytes(raw, policy=policy.default).get("Message-ID")
    return str(value).strip() if value else None


class SmtpTransport:
    """smtplib with STARTTLS or implicit TLS, login from the environment (via SmtpSettings)."""

    name = "smtp"

    def __init__(self, settings: SmtpSettings, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self.settings = settings
        self.ssl_context = ssl_context

    def describe(self) -> str:
        return f"SMTP server {self.settings.host}:{self.settings.port}"

    def has_delivered(self, message_id: str) -> bool:
        return False  # an SMTP server cannot be asked; reconciliation re-sends the identical message

    def deliver(self, raw: bytes, *, sender: str, recipients: Sequence[str], message_id: str) -> list[str]:
        phase = "connect"  # before DATA's final reply nothing can have been accepted
        try:
            with self._connect() as smtp:
                phase = "login"
                if self.settings.user:
                    smtp.login(self.settings.user, self.settings.password or "")
                phase = "send"
                refused = smtp.sendmail(sender, list(recipients), raw)
                phase = "quit"
            return sorted(refused)
        except (smtplib.SMTPException, OSError) as exc:
            if phase == "quit":  # the server accepted the message; only the goodbye failed
                return []
            raise DeliveryError(f"{self.describe()} {_reason(exc, phase)}", refused=_refused(exc, phase)) from None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        context = self.ssl_context or ssl.create_default_context()
        if s.ssl:
            return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        try:
            if s.starttls:
                smtp.ehlo()
                smtp.starttls(context=context)
                smtp.ehlo()
        except BaseException:
            smtp.close()
            raise
        return smtp


def _reason(exc: BaseException, phase: str) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = "; ".join(f"{r}: {c} {_text(m)}" for r, (c, m) in exc.recipients.items())
        return f"refused every recipient: {replies}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"refused the message ({phase}): {exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, TimeoutError):
        return f"timed out (during {phase})"
    if isinstance(exc, smtplib.SMTPNotSupportedError) and "STARTTLS" in str(exc):
        return (f"failed (during {phase}): {str(exc).rstrip('.')} (a relay without TLS, such as a local one: "
                "set starttls = false in [smtp]; implicit TLS on port 465: ssl = true)")
    return f"failed (during {phase}): {exc}"


def _refused(exc: BaseException, phase: str) -> bool:
    """True when the server definitely did not accept the message (a reply, or no session yet)."""
    return isinstance(exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException) or phase != "send"


def _text(reply: bytes | str) -> str:
    return one_line(reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply))


class OutboxTransport:
    """Writes `<timestamp>_<id>.eml` into a folder, atomically (temp file, fsync, rename)."""

    name = "outbox"

    def __init__(self, folder: Path, *, clock=lambda: datetime.now(UTC)) -> None:
        self.folder = Path(folder)
        self.clock = clock

    def describe(self) -> str:
        return f"outbox {self.folder}"

    def has_delivered(self, message_id: str) -> bool:
        return self.folder.is_dir() and any(self.folder.glob(f"*_{_file_token(message_id)}.eml"))

    def deliver(self, raw: bytes, *, sender: str, recipients: Sequence[str], message_id: str) -> list[str]:
        name = f"{self.clock():%Y%m%dT%H%M%SZ}_{_file_token(message_id)}.eml"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".", suffix=".tmp", delete=False) as tmp:
                tmp.write(raw)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.replace(tmp.name, self.folder / name)
        except OSError as exc:
            raise DeliveryError(f"{self.describe()}: cannot write {name}: {exc.strerror or exc}",
                                refused=True) from None
        return []


def _file_token(message_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", message_id.strip().strip("<>"))


@dataclass
class MemoryTransport:
    """For unit tests: keeps accepted messages; `failures` are raised, one per attempt, first."""

    name: str = "memory"
    accepted: list[bytes] = field(default_factory=list)
    failures: list[DeliveryError] = field(default_factory=list)

    def describe(self) -> str:
        return "memory transport"

    def has_delivered(self, message_id: str) -> bool:
        return any(message_id_of(raw) == message_id for raw in self.accepted)

    def deliver(self, raw: bytes, *, sender: str, recipients: Sequence[str], message_id: str) -> list[str]:
        if self.failures:
            raise self.failures.pop(0)
        self.accepted.append(raw)
        return []
