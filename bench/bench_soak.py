"""Soak benchmark: the real daemon runs many crawl cycles on the local replay site; does it grow?

    .venv/bin/python bench/bench_soak.py [--cycles 100] [--interval 1] [--out bench/out/soak.json]

Starts the replay news site (tests/replay_news.py) on 127.0.0.1, then `python scheduler.py`
with `crawl_interval_seconds` (and a digest every 20 s), waits for `--cycles` finished
crawls and samples the daemon process's resident memory (VmRSS of /proc/<pid>/status,
the daemon only, not its crawl subprocesses) after every cycle. A new article appears
on the site every 10 cycles, so crawls keep finding and storing something. Reports RSS
at cycle 10 and at the last cycle (goal: growth under 10%) and writes a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.store import open_store  # noqa: E402
from crawler.store.runs import last_runs  # noqa: E402
from tests.replay_news import build_news_site  # noqa: E402
from tests.replay_site import ReplaySite  # noqa: E402

FINISHED = re.compile(r"capexwatch\.daemon: crawl finished exit=")
GOAL_GROWTH_PCT = 10.0


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def write_config(folder: Path, site_config: str, interval: float) -> Path:
    path = folder / "config.toml"
    path.write_text(
        site_config
        + '\n[digest]\nto = ["analyst@example.com"]\noutbox = "outbox"\n'
        + f'\n[schedule]\ntimezone = "UTC"\ncrawl_interval_seconds = {interval}\n'
        + "digest_interval_seconds = 20\ncrawl_timeout = 120\n",
        encoding="utf-8",
    )
    return path


def add_article(site: ReplaySite, number: int) -> None:
    """A new article behind a new list-page link (list pages carry no validators: always re-read)."""
    body = (f"<html><head><title>소크 {number}</title></head><body><article><h1>소크 기사 {number}</h1>"
            f"<p>테스트전자는 {number}번째 데이터센터 건립에 {number}000억원을 투자한다고 밝혔다.</p>"
            "<p>회사 측은 구체적인 일정과 세부 계획을 이사회 승인 이후 순차적으로 공개할 예정이라고 설명했다.</p>"
            "</article></body></html>")
    site.add(f"/news/soak-{number}.html", body)
    links = "".join(f'<li><a href="/news/soak-{n}.html">소크 {n}</a></li>' for n in range(1, number + 1))
    site.add("/list.html", f"<html><body><ul>{links}</ul></body></html>")


def soak(cycles: int, interval: float, work: Path) -> dict:
    site = ReplaySite().start()
    scenario = build_news_site(site, ROOT / "seeds")
    db_url = f"sqlite:///{work / 'soak.db'}"
    config = write_config(work, scenario.config(db_url), interval)
    log_file = work / "daemon.log"
    samples: dict[int, int] = {}
    started = time.monotonic()
    with open(work / "daemon.stderr", "wb") as output:
        daemon = subprocess.Popen([sys.executable, str(ROOT / "scheduler.py"), "--config", str(config),
                                   "--log-file", str(log_file)], cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        try:
            done = 0
            while done < cycles:
                if daemon.poll() is not None:
                    raise RuntimeError(f"daemon exited with {daemon.returncode}; see {log_file}")
                text = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
                finished = len(FINISHED.findall(text))
                while done < min(finished, cycles):
                    done += 1
                    samples[done] = rss_kb(daemon.pid)
                    if done % 10 == 0:
                        add_article(site, done // 10)
                        print(f"cycle {done}: daemon RSS {samples[done]} kB", file=sys.stderr)
                time.sleep(0.2)
        finally:
            daemon.send_signal(signal.SIGTERM)
            exit_code = daemon.wait(timeout=180)
            site.stop()
    elapsed = time.monotonic() - started
    store = open_store(db_url)
    runs = last_runs(store.engine, limit=10_000)
    store.close()
    return summarize(samples, cycles, elapsed, exit_code, runs)


def summarize(samples: dict[int, int], cycles: int, elapsed: float, exit_code: int, runs: list) -> dict:
    at_10, at_end = samples[min(10, cycles)], samples[cycles]
    growth = 100.0 * (at_end - at_10) / at_10
    crawls = [r for r in runs if r.kind == "crawl"]
    return {
        "cycles": cycles,
        "rss_kb_at_cycle_10": at_10,
        "rss_kb_at_last_cycle": at_end,
        "rss_kb_min": min(samples.values()),
        "rss_kb_max": max(samples.values()),
        "rss_growth_pct_10_to_last": round(growth, 2),
        "goal_growth_pct": GOAL_GROWTH_PCT,
        "goal_met": growth < GOAL_GROWTH_PCT,
        "seconds": round(elapsed, 1),
        "seconds_per_cycle": round(elapsed / cycles, 2),
        "crawl_outcomes": dict(Counter(r.outcome for r in crawls)),
        "digest_outcomes": dict(Counter(r.outcome for r in runs if r.kind == "digest")),
        "new_articles_total": sum(int(r.counts.get("new_articles", 0)) for r in crawls),
        "crawl_errors_not_ok": sorted({e for r in crawls if r.outcome != "ok" for e in r.errors})[:8],
        "daemon_exit_code": exit_code,
        "rss_kb_by_cycle": {str(k): v for k, v in sorted(samples.items()) if k == 1 or k % 10 == 0},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=100)
    parser.add_argument("--interval", type=float, default=1.0, help="crawl_interval_seconds (default 1)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "soak.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="capexwatch-soak-") as work:
        result = soak(max(10, args.cycles), args.interval, Path(work))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "rss_kb_by_cycle"}, indent=2))
    return 0 if result["goal_met"] and result["daemon_exit_code"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
