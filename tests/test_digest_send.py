"""The digest against a real SMTP server on 127.0.0.1 (aiosmtpd), the outbox, and the exactly-once flow."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import func, select

from crawler.cli import main
from crawler.config import DigestSettings, SmtpSettings
from crawler.digest import deliver
from crawler.digest.deliver import DigestFailed, send_digest
from crawler.digest.send import DeliveryError, MemoryTransport, OutboxTransport, SmtpTransport
from crawler.store import open_store
from crawler.store.deliveries import DeliveryConflict, pending_changes, prepare_delivery, prepared_deliveries
from crawler.store.schema import changes, deliveries
from tests.digest_data import DigestData, typical_week

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = DigestSettings(to=("analyst@example.com",), sender="capexwatch@example.com")
NOW = dt.datetime(2025, 11, 10, 23, 0, tzinfo=dt.UTC)


class Recorder:
    """An SMTP handler keeping every accepted message; `data_replies` answer DATA first."""

    def __init__(self, data_replies: tuple[str, ...] = ()) -> None:
        self.data_replies = list(data_replies)
        self.accepted: list[bytes] = []
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.data_replies:
            self.refused += 1
            return self.data_replies.pop(0)
        self.accepted.append(envelope.original_content or envelope.content)
        return "250 2.0.0 OK queued"

    def parsed(self) -> list[EmailMessage]:
        return [message_from_bytes(raw, policy=policy.default) for raw in self.accepted]  # type: ignore[misc]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Controller, Recorder]]:
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, recorder
    controller.stop()


@pytest.fixture
def store(sqlite_url):
    store = open_store(sqlite_url)
    yield store
    store.close()


def write_config(tmp_path: Path, db_url: str, smtp: str | None) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "{db_url}"\n\n[digest]\nto = ["analyst@example.com", "desk@example.com"]\n'
        f'from = "capexwatch@example.com"\noutbox = "outbox"\n\n{smtp or ""}',
        encoding="utf-8",
    )
    return path


def smtp_table(port: int, *, starttls: bool = False) -> str:
    return f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nstarttls = {"true" if starttls else "false"}\ntimeout = 10\n'


def pending_count(engine) -> int:
    return len([c for c in pending_changes(engine) if c.delivery_id is None])


def bodies(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    return plain.get_content(), html.get_content()


def test_one_message_with_both_parts_then_a_rerun_sends_nothing(store, tmp_path, smtp_server, capsys):
    controller, recorder = smtp_server
    expected = typical_week(DigestData(store.engine))
    config = write_config(tmp_path, str(store.engine.url), smtp_table(controller.port))

    assert main(["digest", "--config", str(config)]) == 0
    assert "Sent digest" in capsys.readouterr().out
    assert len(recorder.accepted) == 1
    message = recorder.parsed()[0]
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_charset() for p in message.iter_parts()] == ["utf-8", "utf-8"]
    assert message["To"] == "analyst@example.com, desk@example.com" and message["From"] == "capexwatch@example.com"
    assert message["Message-ID"].endswith("@example.com>") and message["Date"]
    seoul_today = dt.datetime.now(ZoneInfo("Asia/Seoul")).date().isoformat()
    assert message["Subject"] == f"[capexwatch] 설비투자 브리핑 {seoul_today}: 신규 3건, 수정 1건"
    text, html = bodies(message)
    for needle in ("3,800억 위안 (CNY 380.0bn)", "1,000억 달러 (USD 100.0bn)", "약 40억 위안",
                   "640억 달러 (USD 64.0bn) → 800억 달러", "알리바바 (Alibaba)", "8억 달러"):
        assert needle in text
    for needle in ("3,800억 위안", "CNY 380.0bn", "1,000억 달러", "약 40억 위안", "640억 달러", "알리바바 (Alibaba)",
                   "8억 달러", "알리바바는 향후 3년간 3800억위안을 AI 인프라에 투자한다."):
        assert needle in html
    assert 'href="https://biz.chosun.com/it/2025/02/24/ali"' in html
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(changes).where(changes.c.delivery_id.is_(None))) \
            .scalar() == 0
        assert conn.execute(select(deliveries.c.status)).scalars().all() == ["sent", "sent"]  # old + this one
    assert len(expected) == 8

    assert main(["digest", "--config", str(config)]) == 0
    assert "Nothing to send: no changes since the last digest." in capsys.readouterr().out
    assert len(recorder.accepted) == 1


def test_451_first_keeps_everything_pending_then_exactly_one_message(store, tmp_path, smtp_server):
    controller, recorder = smtp_server
    recorder.data_replies = ["451 4.3.0 Mailbox temporarily unavailable, try later"]
    typical_week(DigestData(store.engine))
    before = pending_count(store.engine)
    config = write_config(tmp_path, str(store.engine.url), smtp_table(controller.port))
    command = [sys.executable, "-m", "crawler", "digest", "--config", str(config)]

    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert first.returncode == 1
    error = first.stderr.strip()
    assert "\n" not in error and "Traceback" not in error
    assert f"127.0.0.1:{controller.port}" in error and "451" in error and "try later" in error
    assert recorder.refused == 1 and recorder.accepted == []
    assert pending_count(store.engine) == before and prepared_deliveries(store.engine) == []

    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    third = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert third.returncode == 0 and "Nothing to send" in third.stdout
    assert len(recorder.accepted) == 1
    assert pending_count(store.engine) == 0


def test_no_server_is_a_clear_error_and_nothing_is_marked(store, tmp_path, capsys):
    typical_week(DigestData(store.engine))
    before = pending_count(store.engine)
    port = free_port()
    config = write_config(tmp_path, str(store.engine.url), smtp_table(port))
    assert main(["digest", "--config", str(config)]) == 1
    error = capsys.readouterr().err.strip()
    assert f"SMTP server 127.0.0.1:{port}" in error and "stay pending" in error and "\n" not in error
    assert pending_count(store.engine) == before and prepared_deliveries(store.engine) == []


def test_outbox_default_writes_one_parseable_eml(store, tmp_path, capsys):
    typical_week(DigestData(store.engine))
    config = write_config(tmp_path, str(store.engine.url), smtp=None)
    assert main(["digest", "--config", str(config)]) == 0
    files = list((tmp_path / "outbox").iterdir())
    assert len(files) == 1 and files[0].suffix == ".eml"
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    text, html = bodies(message)  # type: ignore[arg-type]
    assert "3,800억 위안" in text and "3,800억 위안" in html
    token = message["Message-ID"].strip("<>").replace("@", "_")
    assert files[0].name.endswith(f"_{token}.eml")
    assert main(["digest", "--config", str(config)]) == 0
    assert "Nothing to send" in capsys.readouterr().out
    assert len(list((tmp_path / "outbox").iterdir())) == 1


def test_dry_run_prints_the_text_and_marks_nothing(store, tmp_path, smtp_server, capsys):
    controller, recorder = smtp_server
    typical_week(DigestData(store.engine))
    before = pending_count(store.engine)
    config = write_config(tmp_path, str(store.engine.url), smtp_table(controller.port))
    assert main(["digest", "--config", str(config), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "3,800억 위안 (CNY 380.0bn)" in out and "신규 3건" in out
    assert recorder.accepted == [] and pending_count(store.engine) == before
    assert main(["digest", "--config", str(config)]) == 0
    assert len(recorder.accepted) == 1


def test_empty_database_says_nothing_to_send(store, tmp_path, capsys):
    config = write_config(tmp_path, str(store.engine.url), smtp=None)
    assert main(["digest", "--config", str(config)]) == 0
    assert capsys.readouterr().out.strip() == "Nothing to send: no changes since the last digest."
    assert not (tmp_path / "outbox").exists()


class SimulatedCrash(BaseException):
    """The process dies after the server accepted, before the change is marked."""


def crash_before_marking(monkeypatch) -> None:
    def crash(engine, message_id, **kwargs):
        raise SimulatedCrash(message_id)

    monkeypatch.setattr(deliver.deliveries, "complete_delivery", crash)


def test_crash_after_smtp_accepted_resends_the_identical_message_only(store, smtp_server, monkeypatch):
    controller, recorder = smtp_server
    data = DigestData(store.engine)
    typical_week(data)
    transport = SmtpTransport(SmtpSettings(host="127.0.0.1", port=controller.port, starttls=False, timeout=10))
    options = dict(settings=SETTINGS, fx_to_usd={"USD": 1.0, "CNY": 0.139, "KRW": 0.000714}, now=NOW,
                   today=NOW.date())
    with monkeypatch.context() as patch:
        crash_before_marking(patch)
        with pytest.raises(SimulatedCrash):
            send_digest(store.engine, transport, **options)
    assert len(recorder.accepted) == 1 and len(prepared_deliveries(store.engine)) == 1
    late = data.article("네이버, 1조 원 데이터센터", "https://n.example/1")
    data.change("new", "Naver", 1_000_000_000_000, "KRW", article=late)

    outcome = send_digest(store.engine, transport, **options)
    assert outcome.reconciled == 1 and outcome.status == "sent"
    first, again, fresh = recorder.accepted
    assert again == first  # the recorded bytes, the same Message-ID: receivers deduplicate
    ids = [m["Message-ID"] for m in recorder.parsed()]
    assert ids[0] == ids[1] != ids[2]
    fresh_text, _ = bodies(recorder.parsed()[2])
    assert "네이버 (Naver)" in fresh_text and "알리바바" not in fresh_text  # old changes not in a new message
    assert send_digest(store.engine, transport, **options).status == "nothing"
    assert len(recorder.accepted) == 3


def test_crash_after_outbox_write_is_reconciled_by_message_id(any_store, tmp_path, monkeypatch):
    store = any_store
    typical_week(DigestData(store.engine))
    outbox = OutboxTransport(tmp_path / "out")
    options = dict(settings=SETTINGS, fx_to_usd={"USD": 1.0}, now=NOW, today=NOW.date())
    with monkeypatch.context() as patch:
        crash_before_marking(patch)
        with pytest.raises(SimulatedCrash):
            send_digest(store.engine, outbox, **options)
    assert len(list((tmp_path / "out").glob("*.eml"))) == 1
    outcome = send_digest(store.engine, outbox, **options)
    assert (outcome.status, outcome.reconciled) == ("nothing", 1)
    assert len(list((tmp_path / "out").glob("*.eml"))) == 1 and prepared_deliveries(store.engine) == []


def test_unknown_outcome_keeps_the_message_prepared_and_resends_it_unchanged(any_store):
    store = any_store
    typical_week(DigestData(store.engine))
    memory = MemoryTransport(failures=[DeliveryError("server dropped the connection during DATA", refused=False)])
    options = dict(settings=SETTINGS, fx_to_usd={"USD": 1.0}, now=NOW, today=NOW.date())
    with pytest.raises(DigestFailed, match="outcome unknown.*re-sent on the next run"):
        send_digest(store.engine, memory, **options)
    (prepared,) = prepared_deliveries(store.engine)
    memory.failures.append(DeliveryError("451 still busy", refused=True))
    with pytest.raises(DigestFailed, match="stays prepared"):
        send_digest(store.engine, memory, **options)  # reconciliation failed: nothing new is built
    assert memory.accepted == [] and len(prepared_deliveries(store.engine)) == 1
    assert send_digest(store.engine, memory, **options).reconciled == 1
    assert memory.accepted == [prepared.raw_message]


def test_changes_in_a_prepared_delivery_cannot_join_another(any_store):
    store = any_store
    typical_week(DigestData(store.engine))
    ids = [c.change_id for c in pending_changes(store.engine)]
    prepare_delivery(store.engine, "<a@x>", "s", ["a@example.com"], ids[:3], "smtp", b"raw")
    with pytest.raises(DeliveryConflict):
        prepare_delivery(store.engine, "<b@x>", "s", ["a@example.com"], ids[2:], "smtp", b"raw")
    with store.reading() as conn:
        assert conn.execute(select(func.count()).select_from(deliveries)).scalar() == 2  # old sent + <a@x>


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_starttls_and_login_from_the_environment(store, tmp_path):
    cert, key = self_signed_cert(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []
    tls_used: list[bool] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        tls_used.append(server._tls_protocol is not None)
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)

    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), tls_context=server_tls,
                            require_starttls=True, authenticator=authenticator, auth_required=True)
    controller.start()
    try:
        typical_week(DigestData(store.engine))
        config = write_config(tmp_path, str(store.engine.url), smtp_table(controller.port, starttls=True))
        env = {**os.environ, "SSL_CERT_FILE": str(cert), "CAPEXWATCH_SMTP_USER": "digest"}
        command = [sys.executable, "-m", "crawler", "digest", "--config", str(config)]
        wrong = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                               env={**env, "CAPEXWATCH_SMTP_PASSWORD": "wrong"})
        assert wrong.returncode == 1 and "535" in wrong.stderr and recorder.accepted == []
        right = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                               env={**env, "CAPEXWATCH_SMTP_PASSWORD": "s3cret"})
        assert right.returncode == 0, right.stderr
    finally:
        controller.stop()
    assert set(logins) == {(b"digest", b"wrong"), (b"digest", b"s3cret")}  # smtplib tries PLAIN, then LOGIN
    assert logins[-1] == (b"digest", b"s3cret") and all(tls for tls in tls_used)
    assert len(recorder.accepted) == 1
    assert "s3cret" not in config.read_text()


def test_implicit_tls(store, tmp_path):
    cert, key = self_signed_cert(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), ssl_context=server_tls)
    controller.start()
    try:
        typical_week(DigestData(store.engine))
        transport = SmtpTransport(SmtpSettings(host="127.0.0.1", port=controller.port, ssl=True, starttls=False,
                                               timeout=10), ssl_context=ssl.create_default_context(cafile=cert))
        outcome = send_digest(store.engine, transport, settings=SETTINGS, fx_to_usd={"USD": 1.0}, now=NOW,
                              today=NOW.date())
    finally:
        controller.stop()
    assert outcome.status == "sent" and len(recorder.accepted) == 1


def test_replayed_seeds_make_one_message_with_every_expected_capex_fact(sqlite_url, tmp_path, smtp_server,
                                                                         seeds_dir, seed_expected):
    controller, recorder = smtp_server
    subprocess.run([sys.executable, "-m", "crawler", "replay", "--db", sqlite_url, str(seeds_dir)], cwd=ROOT,
                   check=True, capture_output=True, timeout=300)
    config = write_config(tmp_path, sqlite_url, smtp_table(controller.port))
    done = subprocess.run([sys.executable, "-m", "crawler", "digest", "--config", str(config)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (message,) = recorder.parsed()
    capex = {(f["company"], f["period"]): f for seed in seed_expected["seeds"].values() for f in seed["facts"]
             if f["kind"] == "capex"}
    assert f"신규 {len(capex)}건, 수정 0건" in message["Subject"]
    text, html = bodies(message)
    for fact in capex.values():
        gloss = f"{fact['currency']} {fact['amount'] / 1e9:,.1f}bn"
        assert gloss in text, fact
        assert (gloss if fact["currency"] != "USD" else gloss.replace("USD ", "US$")) in html, fact
    assert "확인 1건" in text  # seed 004 confirms Alibaba's three-year plan, folded into its line
    assert text.count("■ 알리바바 (Alibaba)") == 2  # capex group and the equity section


class SilentAfterData:
    """A bare SMTP server that takes the whole message, then drops the connection or never answers."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 silent ESMTP\r\n")
            for line in lines:
                command = line.strip().upper()
                if command.startswith(b"EHLO"):
                    conn.sendall(b"250 silent\r\n")
                elif command.startswith((b"MAIL", b"RCPT")):
                    conn.sendall(b"250 OK\r\n")
                elif command == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                elif command == b".":
                    self.received += 1
                    if self.mode == "hang":
                        time.sleep(3)
                    return  # closes without the final reply

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize("mode", ["drop", "hang"])
def test_dropped_or_silent_server_after_data_resends_the_same_message(store, smtp_server, mode):
    controller, recorder = smtp_server
    typical_week(DigestData(store.engine))
    silent = SilentAfterData(mode)
    options = dict(settings=SETTINGS, fx_to_usd={"USD": 1.0}, now=NOW, today=NOW.date())
    flaky = SmtpTransport(SmtpSettings(host="127.0.0.1", port=silent.port, starttls=False, timeout=1))
    try:
        with pytest.raises(DigestFailed, match=f"outcome unknown: SMTP server 127.0.0.1:{silent.port}") as info:
            send_digest(store.engine, flaky, **options)
    finally:
        silent.close()
    assert silent.received == 1 and ("timed out" in str(info.value)) == (mode == "hang")
    (prepared,) = prepared_deliveries(store.engine)
    good = SmtpTransport(SmtpSettings(host="127.0.0.1", port=controller.port, starttls=False, timeout=10))
    outcome = send_digest(store.engine, good, **options)
    assert (outcome.status, outcome.reconciled) == ("nothing", 1)
    assert recorder.accepted == [prepared.raw_message]


def test_no_recipients_is_a_configuration_error(store, tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{store.engine.url}"\n[digest]\nto = []\n', encoding="utf-8")
    assert main(["digest", "--config", str(config)]) == 2
    assert "[digest].to must list at least one recipient" in capsys.readouterr().err


def test_unhealthy_sources_from_the_crawl_get_a_line(store, tmp_path, capsys):
    from sqlalchemy import insert

    from crawler.store.schema import source_runs

    typical_week(DigestData(store.engine))
    started = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    with store.engine.begin() as conn:
        for hour in range(3):
            conn.execute(insert(source_runs).values(
                source="mt", started_at=started + dt.timedelta(hours=hour), ok=False, errors=["HTTP 503 from feed"],
                feeds_checked=1, not_modified=0, new_articles=0, matched=0, new_facts=0, error_count=1))
    config = write_config(tmp_path, str(store.engine.url), smtp=None)
    config.write_text(config.read_text() + '\n[[sources]]\nname = "mt"\nallowed_domains = ["mt.co.kr"]\n'
                      'feeds = ["https://rss.mt.co.kr/mt_news.xml"]\n', encoding="utf-8")
    assert main(["digest", "--config", str(config), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "== 수집 이상 (Source health) ==" in out
    assert "mt: 3회 연속 수집 실패 — 마지막 오류: HTTP 503 from feed (정상 수집 기록 없음)" in out


def test_a_relay_without_starttls_gets_the_hint_to_turn_it_off(store, tmp_path, smtp_server, capsys):
    controller, recorder = smtp_server
    typical_week(DigestData(store.engine))
    config = write_config(tmp_path, str(store.engine.url), smtp_table(controller.port, starttls=True))
    assert main(["digest", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert err == (f"capexwatch: digest not sent: SMTP server 127.0.0.1:{controller.port} failed (during connect): "
                   "STARTTLS extension not supported by server (a relay without TLS, such as a local one: set "
                   "starttls = false in [smtp]; implicit TLS on port 465: ssl = true); all 8 changes stay pending "
                   "for the next run\n")
    assert recorder.accepted == [] and pending_count(store.engine) > 0
