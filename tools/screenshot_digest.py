"""Render the digest of the replayed seeds and screenshot its HTML in headless Chromium.

    .venv/bin/python tools/screenshot_digest.py [--out bench/out] [--chromium /usr/bin/chromium]

Replays seeds/ into a fresh SQLite database (`python -m crawler replay`), renders the
pending changes exactly as `digest` would (FX table of config.toml), writes
<out>/digest.html, <out>/digest.txt and <out>/digest.png (900 px wide). Nothing is sent.
Needs Chromium (`apt-get install -y chromium`) and a Korean font (fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.config import load_config  # noqa: E402
from crawler.digest.deliver import build_pending_digest  # noqa: E402
from crawler.store import open_store  # noqa: E402

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--height", type=int, default=1800)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'seeds.db'}"
        subprocess.run([sys.executable, "-m", "crawler", "replay", "--db", db_url, str(ROOT / "seeds")],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        config = load_config(ROOT / "config.toml")
        store = open_store(db_url)
        try:
            digest = build_pending_digest(store.engine, settings=config.digest, fx_to_usd=config.fx_to_usd,
                                          today=datetime.now(UTC).astimezone(ZoneInfo(config.schedule.timezone)).date())
        finally:
            store.close()
        html_path, png_path = args.out / "digest.html", args.out / "digest.png"
        html_path.write_text(digest.html, encoding="utf-8")
        (args.out / "digest.txt").write_text(digest.text, encoding="utf-8")
        profile = Path(tmp) / "chromium-profile"
        subprocess.run([args.chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png_path}",
                        f"--window-size=900,{args.height}", html_path.resolve().as_uri()],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    print(f"{digest.subject}\n{html_path}\n{png_path} ({png_path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
