"""Distributed crawl benchmark: 40 local outlets, 1 worker process against 2, pages per minute.

    .venv/bin/python bench/bench_distributed.py [--sources 40] [--articles 250] [--delay 0.5]
        [--pg postgresql://postgres@127.0.0.1:5432/postgres] [--broker redis://127.0.0.1:6379/13]
        [--out bench/out/distributed.json]

Each source is its own domain: a local site on its own loopback address (127.0.0.2,
127.0.0.3, ...) serving a sitemap of N synthetic Korean capex articles (bench_crawl's) and a
robots.txt asking `Crawl-delay: delay` (so each outlet is crawled politely, one request per
delay). For 1 and then 2 `capexwatch worker` processes (concurrency 1 each, the usual one
per core), a fresh PostgreSQL database and a flushed Redis DB, `crawl --distributed` enqueues
one task per source and waits; the bench reports article pages per minute, the speed-up of
2 workers over 1 (goal on 2 cores: >= 1.6x), and each worker's peak memory (the worker and
its crawl child, sampled from /proc every 0.2 s). Results go to --out as JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_crawl import article_html  # noqa: E402 - the same synthetic articles

ROOT = Path(__file__).resolve().parent.parent


class Outlet:
    """One local site on 127.0.0.K: /robots.txt (Crawl-delay), /sitemap.xml, /a/I.html."""

    def __init__(self, host: str, articles: int, delay: float) -> None:
        self.articles, self.delay, self.hits = articles, delay, 0
        outlet = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                body, kind = outlet.page(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str) -> tuple[bytes | None, str]:
        if path == "/robots.txt":
            return f"User-agent: *\nCrawl-delay: {self.delay}\n".encode(), "text/plain"
        if path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{self.base}/a/{i}.html</loc><lastmod>2025-06-01</lastmod></url>"
                           for i in range(self.articles))
            return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"{urls}</urlset>").encode(), "application/xml"
        if path.startswith("/a/") and path.endswith(".html"):
            self.hits += 1
            return article_html(int(path[3:-5])), "text/html; charset=utf-8"
        return None, "text/html"


def config_text(outlets: list[Outlet], db: str, broker: str, articles: int) -> str:
    sources = "".join(f'\n[[sources]]\nname = "outlet{k}"\nsitemaps = ["{o.base}/sitemap.xml"]\n'
                      f'allowed_domains = ["{o.base.split("//")[1].split(":")[0]}"]\n' for k, o in enumerate(outlets))
    return (f'[database]\nurl = "{db}"\n\n[crawl]\ndownload_delay = 0.0\nautothrottle = false\ntimeout = 30.0\n'
            f"retries = 0\nmax_items_per_source = {articles + 1}\nmax_seconds = 3600.0\nmax_crawl_delay = 30.0\n\n"
            f'[distributed]\nbroker = "{broker}"\n{sources}')


def tree_rss(pid: int) -> int:
    """Resident kB of `pid` and its descendants (from /proc)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def fresh_database(admin_url: str) -> str:
    from sqlalchemy import create_engine

    name = f"capexwatch_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin_url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + "/" + name


def run_once(workers: int, args: argparse.Namespace, folder: Path) -> dict[str, object]:
    import redis

    redis.Redis.from_url(args.broker).flushdb()
    outlets = [Outlet(f"127.0.0.{2 + k}", args.articles, args.delay) for k in range(args.sources)]
    config = folder / f"bench-{workers}.toml"
    config.write_text(config_text(outlets, fresh_database(args.pg), args.broker, args.articles), encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, "-m", "crawler", "--log-level", "INFO", "worker", "--config",
                               str(config)], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=(folder / f"w{workers}-{n}.log").open("w")) for n in range(workers)]
    time.sleep(8)  # the workers connect
    peaks = [0] * workers
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for n, proc in enumerate(procs):
                peaks[n] = max(peaks[n], tree_rss(proc.pid))
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()
    started = time.monotonic()
    crawl = subprocess.run([sys.executable, "-m", "crawler", "crawl", "--distributed", "--config", str(config)],
                           cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    done.set()
    for proc in procs:
        proc.terminate()
        proc.wait(60)
    pages = sum(o.hits for o in outlets)
    for outlet in outlets:
        outlet.server.shutdown()
        outlet.server.server_close()
    return {"workers": workers, "exit": crawl.returncode, "seconds": round(seconds, 1), "pages": pages,
            "pages_per_minute": round(pages / seconds * 60, 1), "peak_rss_mb_per_worker": [p // 1024 for p in peaks],
            "summary_tail": crawl.stdout.splitlines()[-1:] + crawl.stderr.splitlines()[-2:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=40)
    parser.add_argument("--articles", type=int, default=250)
    parser.add_argument("--delay", type=float, default=0.5, help="robots.txt Crawl-delay of each outlet (s)")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "distributed.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = [run_once(n, args, Path(folder)) for n in (1, 2)]
    speedup = results[1]["pages_per_minute"] / max(results[0]["pages_per_minute"], 1e-9)  # type: ignore[operator]
    report = {"sources": args.sources, "articles": args.articles, "delay": args.delay, "runs": results,
              "speedup_2_over_1": round(speedup, 2), "goal": ">= 1.6x on 2 cores"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
