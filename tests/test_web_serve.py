"""`capexwatch serve` as a process, the read-only PostgreSQL role, and the digest's links to the view."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from crawler.config import load_config, with_database_url
from crawler.store import open_store
from crawler.web.app import create_app
from crawler.web.readiness import check_readable
from tests import web_data

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """The IPv4 addresses (hex, as /proc/net/tcp writes them) listening on `port`."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(address)
    return found


def get(url: str, timeout: float = 30.0) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a loopback URL
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def filled_config(tmp_path, sqlite_url) -> Path:
    store = open_store(sqlite_url)
    web_data.fill(store)
    store.close()
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "{sqlite_url}"\n\n[web]\nbase_url = "https://capex.example.com/"\n',
                      encoding="utf-8")
    return config


def test_serve_binds_the_loopback_address_by_default_and_serves_the_pages(filled_config):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "crawler", "serve", "--config", str(filled_config),
                                "--port", str(port)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        status, page = get(f"http://127.0.0.1:{port}/")
        assert status == 200 and "SK하이닉스 (SK hynix)" in page
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1 only, not 0.0.0.0
        assert get(f"http://127.0.0.1:{port}/facts/424242")[0] == 404
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=30)
    assert f"serving the read-only web view on http://127.0.0.1:{port}/" in err


def test_serve_on_a_database_without_the_schema_is_one_line_and_exit_2(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "empty.db"}"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "crawler", "serve", "--config", str(config), "--port", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "[database].url: cannot read" in done.stderr
    assert "Traceback" not in done.stderr


def test_dry_run_digest_links_each_fact_to_its_page_when_web_base_url_is_set(filled_config, tmp_path):
    done = subprocess.run([sys.executable, "-m", "crawler", "digest", "--config", str(filled_config), "--dry-run"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    store = open_store(load_config(filled_config).database_url)
    with store.reading() as conn:
        hynix = conn.execute(text("SELECT id FROM facts WHERE subject = 'SK hynix'")).scalar_one()
    store.close()
    assert f"이력: https://capex.example.com/facts/{hynix}" in done.stdout
    plain = tmp_path / "plain.toml"
    plain.write_text(filled_config.read_text(encoding="utf-8").split("[web]")[0], encoding="utf-8")
    without = subprocess.run([sys.executable, "-m", "crawler", "digest", "--config", str(plain), "--dry-run"],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "이력:" not in without.stdout and "/facts/" not in without.stdout
    assert without.stdout == "".join(line for line in done.stdout.splitlines(keepends=True) if "이력:" not in line)


# The statements README.md gives for a read-only role (a password left out: the test server trusts local users).
READ_ONLY_ROLE = """
CREATE ROLE {role} LOGIN;
GRANT CONNECT ON DATABASE "{database}" TO {role};
GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};
ALTER ROLE {role} SET default_transaction_read_only = on;
"""


@pytest.mark.postgres
def test_the_web_view_runs_as_a_read_only_postgresql_role(postgres_url):
    store = open_store(postgres_url)
    web_data.fill(store)
    store.close()
    role = f"capexwatch_web_{uuid.uuid4().hex[:8]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    database = make_url(postgres_url).database
    try:
        with admin.connect() as conn:
            for statement in READ_ONLY_ROLE.format(role=role, database=database).strip().splitlines():
                conn.exec_driver_sql(statement)
        reader_url = make_url(postgres_url).set(username=role).render_as_string(hide_password=False)
        reader = open_store(reader_url, migrate=False)
        try:
            check_readable(reader)
            client = TestClient(create_app(with_database_url(load_config(None), reader_url), reader))
            for path in ("/", "/facts.csv", "/companies/SK%20hynix", "/sources"):
                assert client.get(path).status_code == 200, path
            with pytest.raises(Exception, match="read-only transaction"), reader.writing() as conn:
                conn.exec_driver_sql("DELETE FROM facts")
        finally:
            reader.close()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}')
            conn.exec_driver_sql(f'REVOKE ALL ON SCHEMA public FROM {role}')
            conn.exec_driver_sql(f'REVOKE ALL ON DATABASE "{database}" FROM {role}')
        admin.dispose()
        _drop_role(postgres_url, role)


def _drop_role(postgres_url: str, role: str) -> None:
    admin = create_engine(make_url(postgres_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
    finally:
        admin.dispose()

