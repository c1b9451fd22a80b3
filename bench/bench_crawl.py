"""Crawl benchmark: a generated local news site, the full crawl, against `scrapy bench`.

    .venv/bin/python bench/bench_crawl.py [--sizes 2000 10000] [--out bench/out/crawl.json]

For each size N a fresh local site serves a sitemap index (children of 1,000 URLs) and N
synthetic Korean articles with capex sentences; `python -m crawler crawl` runs against
it (fetch, extract, keyword match, mentions, store, diff) with no delay, no
AutoThrottle and high concurrency, into a fresh SQLite database, under /usr/bin/time -v
for its peak resident memory. `scrapy bench` runs on the same machine in the same run.
Goals: crawl rate >= 0.5 x scrapy bench's; peak memory at the largest size <= 1.2 x at
the smallest. Results go to bench/out/crawl.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 1000
COMPANIES = ["삼성전자", "SK하이닉스", "네이버", "카카오", "LG전자", "현대자동차", "마이크로소프트", "아마존",
             "알리바바", "텐센트"]
SITES = ["평택", "용인", "청주", "세종", "춘천", "안산", "구미", "광주", "부산", "인천"]
FILLER = ("업계에서는 이번 투자가 국내 반도체와 인공지능 생태계 전반의 경쟁력을 높이는 계기가 될 것으로 보고 있다. "
          "회사 측은 구체적인 일정과 세부 계획을 이사회 승인 이후 순차적으로 공개할 예정이라고 설명했다.")


def article_html(i: int) -> bytes:
    company, site = COMPANIES[i % len(COMPANIES)], SITES[(i // 10) % len(SITES)]
    amount = 1000 + (i * 37) % 9000
    title = f"{company}, {site} 데이터센터에 {amount}억원 투자 (기사 {i})"
    paragraphs = [
        f"{company}는 {site}에 새 데이터센터를 짓는 데 {amount}억원을 투자한다고 {1 + i % 28}일 밝혔다.",
        f"이번 설비투자는 인공지능 서버와 클라우드 인프라 증설을 위한 것으로, 기사 번호 {i}번의 내용이다.",
        FILLER, FILLER,
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="2025-0{1 + i % 9}-1{i % 10}T09:00:00+09:00"></head>'
            f"<body><nav><a href='/'>홈</a></nav><article><h1>{title}</h1>{body}</article>"
            "<footer>Copyright 벤치뉴스. 무단 전재 및 재배포 금지.</footer></body></html>").encode()


class BenchSite:
    """Serves /robots.txt, /sitemap.xml (index), /sitemap-K.xml and /a/I.html for I < size."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.article_hits = 0
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802
                body, kind = site.page(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str) -> tuple[bytes | None, str]:
        if path == "/robots.txt":
            return b"User-agent: *\nAllow: /\n", "text/plain"
        if path == "/sitemap.xml":
            children = "".join(f"<sitemap><loc>{self.base}/sitemap-{k}.xml</loc></sitemap>"
                               for k in range((self.size + CHUNK - 1) // CHUNK))
            return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"{children}</sitemapindex>").encode(), "application/xml"
        match = re.fullmatch(r"/sitemap-(\d+)\.xml", path)
        if match:
            first = int(match.group(1)) * CHUNK
            urls = "".join(f"<url><loc>{self.base}/a/{i}.html</loc><lastmod>2025-06-01</lastmod></url>"
                           for i in range(first, min(first + CHUNK, self.size)))
            return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"{urls}</urlset>").encode(), "application/xml"
        match = re.fullmatch(r"/a/(\d+)\.html", path)
        if match and int(match.group(1)) < self.size:
            with self._lock:
                self.article_hits += 1
            return article_html(int(match.group(1))), "text/html; charset=utf-8"
        return None, "text/html"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def bench_config(site: BenchSite, db: Path, size: int) -> str:
    return f"""[database]
url = "sqlite:///{db}"

[crawl]
download_delay = 0.0
autothrottle = false
concurrent_requests = 32
concurrent_per_domain = 32
timeout = 60.0
retries = 0
max_items_per_source = {size + 1}
max_child_sitemaps = {size // CHUNK + 1}
max_seconds = 7200.0

[[sources]]
name = "bench"
sitemaps = ["{site.base}/sitemap.xml"]
allowed_domains = ["127.0.0.1"]
"""


def run_crawl(size: int, folder: Path) -> dict[str, object]:
    site = BenchSite(size)
    try:
        config = folder / f"bench-{size}.toml"
        config.write_text(bench_config(site, folder / f"bench-{size}.db", size), encoding="utf-8")
        command = ["/usr/bin/time", "-v", sys.executable, "-m", "crawler", "crawl", "--config", str(config)]
        started = time.monotonic()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        seconds = time.monotonic() - started
    finally:
        site.stop()
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))  # type: ignore[union-attr]
    if done.returncode != 0:
        raise SystemExit(f"crawl of {size} articles failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-2000:]}")
    return {"articles": size, "pages_fetched": site.article_hits, "seconds": round(seconds, 1),
            "pages_per_minute": round(site.article_hits / seconds * 60, 1), "peak_rss_mb": round(peak_kb / 1024, 1),
            "summary": done.stdout.strip().splitlines()}


def run_scrapy_bench() -> dict[str, object]:
    scrapy = Path(sys.executable).parent / "scrapy"
    with tempfile.TemporaryDirectory() as empty:  # outside the project: Scrapy's own defaults
        env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        done = subprocess.run([str(scrapy), "bench"], cwd=empty, capture_output=True, text=True, env=env)
    rates = [float(r) for r in re.findall(r"Crawled \d+ pages \(at (\d+) pages/min\)", done.stderr)]
    count = re.search(r"'response_received_count': (\d+)", done.stderr)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", done.stderr)
    overall = int(count.group(1)) / float(elapsed.group(1)) * 60 if count and elapsed else None
    steady = sorted(rates[1:])[len(rates[1:]) // 2] if len(rates) > 1 else None  # median, first second dropped
    return {"pages_per_minute_overall": round(overall, 1) if overall else None,
            "pages_per_minute_median_logstats": steady, "returncode": done.returncode}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "crawl.json")
    args = parser.parse_args()
    scrapy_bench = run_scrapy_bench()
    print(f"scrapy bench: {scrapy_bench}", flush=True)
    crawls = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            result = run_crawl(size, Path(folder))
            print(f"crawl {size}: {result['pages_fetched']} pages in {result['seconds']} s = "
                  f"{result['pages_per_minute']} pages/min, peak RSS {result['peak_rss_mb']} MB", flush=True)
            crawls.append(result)
    reference = scrapy_bench["pages_per_minute_overall"]
    largest = max(crawls, key=lambda c: c["articles"])  # type: ignore[arg-type, return-value]
    smallest = min(crawls, key=lambda c: c["articles"])  # type: ignore[arg-type, return-value]
    report = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "scrapy_bench": scrapy_bench,
        "crawls": crawls,
        "rate_ratio": round(largest["pages_per_minute"] / reference, 3) if reference else None,  # type: ignore[operator]
        "memory_ratio": round(largest["peak_rss_mb"] / smallest["peak_rss_mb"], 3),  # type: ignore[operator]
        "goals": {"rate_ratio_at_least": 0.5, "memory_ratio_at_most": 1.2},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("rate_ratio", "memory_ratio", "goals")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
