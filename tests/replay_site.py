"""A local news site for offline crawl tests: a threaded HTTP server on 127.0.0.1.

    site = ReplaySite().start()          # ephemeral port; also reachable as "localhost"
    site.add("/rss.xml", body, content_type="application/rss+xml", etag='"v1"')
    site.url("/rss.xml")                 # http://127.0.0.1:PORT/rss.xml
    site.url("/x.html", host="localhost")  # the same server seen as another site
    site.hits("/rss.xml")                # how many times it was requested (any host)
    site.stop()

A route can answer conditionally (ETag / Last-Modified -> 304), fail with 500 a given
number of times before succeeding, wait before answering (a slow page), redirect, or
carry any status and headers. Routes may be bound to one host name ("localhost") so the
same server plays two sites. `build_news_site(site, seeds_dir)` fills it with the
standard scenario of tests/test_crawl_e2e.py (seed pages, feeds, sitemap, list page and
hostile cases); other tests can reuse it or add their own routes.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    fail_first: int = 0  # answer 500 this many times before succeeding
    delay: float = 0.0  # seconds to wait before answering
    served: int = 0


class ReplaySite:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[tuple[str | None, str], Route] = {}
        self.requests: Counter[tuple[str, str]] = Counter()
        self.request_headers: list[tuple[str, str, dict[str, str]]] = []
        self.request_times: list[tuple[float, str, str]] = []  # (time.monotonic(), host, path)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> ReplaySite:
        site = self

        class Handler(_Handler):
            replay = site

        self._server = _QuietServer((self.host, 0), Handler)
        self._port = int(self._server.server_address[1])
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="replay-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> ReplaySite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._port is not None, "start() the site first"
        return self._port  # still known after stop(), for assertions

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    # -- content --------------------------------------------------------------------------
    def add(self, path: str, body: bytes | str = b"", *, host: str | None = None, **options: object) -> Route:
        """Serve `body` at `path` (with its query, if any) on any host, or only on `host`."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, **options)  # type: ignore[arg-type]
        self.routes[(host, path)] = route
        return route

    def route_for(self, host: str, path: str) -> Route | None:
        bare = path.split("?", 1)[0]
        for key in ((host, path), (None, path), (host, bare), (None, bare)):
            if key in self.routes:
                return self.routes[key]
        return None

    # -- what was asked ---------------------------------------------------------------------
    def hits(self, path: str, host: str | None = None) -> int:
        """Requests for `path` (exact, with query) on `host` (or any host)."""
        with self._lock:
            return sum(n for (h, p), n in self.requests.items() if p == path and (host is None or h == host))

    def total_hits(self, host: str | None = None) -> int:
        with self._lock:
            return sum(n for (h, _), n in self.requests.items() if host is None or h == host)

    def reset_hits(self) -> None:
        with self._lock:
            self.requests.clear()
            self.request_headers.clear()
            self.request_times.clear()

    def _record(self, host: str, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests[(host, path)] += 1
            self.request_headers.append((host, path, headers))
            self.request_times.append((time.monotonic(), host, path))


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up (timeout, page too large) is what some tests provoke


class _Handler(BaseHTTPRequestHandler):
    replay: ReplaySite
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet server
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        host = (self.headers.get("Host") or self.replay.host).rsplit(":", 1)[0]
        path = urlsplit(self.path).path + (f"?{urlsplit(self.path).query}" if urlsplit(self.path).query else "")
        self.replay._record(host, path, {k.lower(): v for k, v in self.headers.items()})
        route = self.replay.route_for(host, path)
        if route is None:
            return self._send(404, b"<html><body>not found</body></html>", "text/html; charset=utf-8", {})
        if route.delay:
            time.sleep(route.delay)
        with self.replay._lock:
            route.served += 1
            failing = route.served <= route.fail_first
        if failing:
            return self._send(500, b"<html><body>server error</body></html>", "text/html; charset=utf-8", {})
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if self._not_modified(route):
            return self._send(304, b"", None, headers)
        self._send(route.status, route.body, route.content_type, headers)

    def _not_modified(self, route: Route) -> bool:
        if route.status != 200:
            return False
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            return True
        return bool(route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified)

    def _send(self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body) if status != 304 else 0))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or a page too large): that is the test
