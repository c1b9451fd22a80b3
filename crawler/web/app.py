"""The read-only analyst view: a Starlette app over the store, pages rendered on the server.

Routes (GET and HEAD only; any other method is 405, nothing writes):
  /                  the facts table: filter, search, sort, pages (crawler/web/params.py)
  /facts.csv, .jsonl the current filter as `facts export` prints it
  /facts/{id}        one fact: every change with date, evidence, outlet, link; copies folded
  /companies/{name}  a company's capex chart (SVG) and timeline of changes
  /sources           each source's health, last runs, last errors, newest article
  /static/style.css  the only asset (no CDN, no script)
A bad filter is a 400 page naming the parameter, an unknown fact or company a 404 page,
anything else a 500 page without a traceback. Templates autoescape everything, and every
response carries a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crawler.config import Config
from crawler.digest import wording
from crawler.store import Store
from crawler.store.crawlstate import source_health
from crawler.store.facts import list_facts
from crawler.store.factsio import facts_to_csv, facts_to_jsonl
from crawler.store.runs import last_runs
from crawler.web import queries, views
from crawler.web.chart import capex_chart
from crawler.web.params import SORTS, BadFilter, parse_filter

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
READ = ["GET", "HEAD"]
HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class SafetyHeaders:
    """Adds HEADERS to every response, error pages included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *((k.encode(), v.encode()) for k, v in HEADERS.items())]
            await send(message)

        await self.app(scope, receive, sending if scope["type"] == "http" else send)


class WebView:
    """The pages, over one opened store and the configuration."""

    def __init__(self, config: Config, store: Store) -> None:
        self.config, self.store = config, store
        self.root = urlsplit(config.web.base_url).path.rstrip("/") if config.web.base_url else ""

    def render(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("title", "")
        html = _ENV.get_template(template).render(root=self.root, labels=views.labels(), when=self.when,
                                              status_labels=wording.labels()["statuses"], safe_url=wording.safe_url,
                                              **context)
        return HTMLResponse(html, status_code=status)

    def when(self, moment: datetime) -> str:
        """A stored time in the schedule's time zone: '2026-11-22 08:00'."""
        aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment  # SQLite gives naive UTC
        return f"{aware.astimezone(ZoneInfo(self.config.schedule.timezone)):%Y-%m-%d %H:%M}"

    def _items(self) -> list[views.FactItem]:
        with self.store.reading() as conn:
            rows = queries.fact_rows(conn)
        return [views.fact_item(row, self.config.fx_to_usd) for row in rows]

    def facts_page(self, request: Request) -> Response:
        chosen = parse_filter(request.query_params.multi_items())
        selected = views.select_items(self._items(), chosen)
        page = views.paged(selected, chosen.page, self.config.web.page_size)
        if page is None:
            raise BadFilter(f"page {chosen.page} is past the last page of this filter")
        return self.render("facts.html", filter=chosen, page=page, sorts=SORTS, title="투자 발표 목록")

    def facts_download(self, request: Request) -> Response:
        chosen = parse_filter((k, v) for k, v in request.query_params.multi_items() if k != "page")
        order = {item.row.fact_id: n for n, item in enumerate(views.select_items(self._items(), chosen))}
        with self.store.reading() as conn:
            known = [f for f in list_facts(conn) if f.fact_id in order]
        chosen_facts = sorted(known, key=lambda f: order[f.fact_id or 0])
        csv = request.url.path.endswith(".csv")
        body = facts_to_csv(chosen_facts) if csv else facts_to_jsonl(chosen_facts)
        kind = "text/csv" if csv else "application/x-ndjson"
        name = "capexwatch-facts." + ("csv" if csv else "jsonl")
        return Response(body, media_type=f"{kind}; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}"'})

    def fact_page(self, request: Request) -> Response:
        fact_id = _id(request.path_params["fact_id"])
        with self.store.reading() as conn:
            row = queries.fact_row(conn, fact_id) if fact_id else None
            if row is None or fact_id is None:
                raise HTTPException(404, f"사실 #{request.path_params['fact_id']}은(는) 없습니다 (unknown fact id)")
            history = queries.changes_of(conn, [fact_id])
            stating = queries.stating_articles(conn, fact_id)
        item = views.fact_item(row, self.config.fx_to_usd)
        return self.render("fact.html", item=item, changes=[views.change_item(c) for c in history],
                           articles=[views.article_link(a) for a in stating],
                           imported=[(s, wording.safe_url(s)) for s in row.import_sources],
                           title=f"{item.name} · {item.period}")

    def company_page(self, request: Request) -> Response:
        subject = request.path_params["subject"]
        with self.store.reading() as conn:
            rows = queries.company_rows(conn, subject)
            if not rows:
                raise HTTPException(404, f"알려진 회사가 아닙니다: {subject} (unknown company)")
            history = queries.changes_of(conn, [r.fact_id for r in rows])
        items = [views.fact_item(r, self.config.fx_to_usd) for r in rows]
        return self.render("company.html", name=items[0].name, items=items, chart=capex_chart(items),
                           changes=[views.change_item(c) for c in reversed(history)], title=items[0].name)

    def sources_page(self, request: Request) -> Response:
        if request.query_params:
            raise BadFilter(f"the sources page takes no parameters, not {', '.join(request.query_params)}")
        configured = [s.name for s in self.config.sources if s.enabled]
        with self.store.reading() as conn:
            names = list(dict.fromkeys([*configured, *queries.run_sources(conn)]))
            activity = queries.source_activity(conn, names)
        health = source_health(self.store.engine, stale_days=self.config.crawl.stale_days,
                               failing_runs=self.config.crawl.failing_runs, names=names)
        return self.render("sources.html", health=health, activity=activity, runs=last_runs(self.store.engine, 10),
                           configured=set(configured), title="수집 출처 상태")

    def stylesheet(self, request: Request) -> Response:
        return Response((HERE / "static" / "style.css").read_bytes(), media_type="text/css; charset=utf-8",
                        headers={"cache-control": "max-age=3600"})


def _id(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


def create_app(config: Config, store: Store) -> ASGIApp:
    """The web view over `store` (opened by the caller, who closes it)."""
    web = WebView(config, store)

    async def bad_filter(request: Request, exc: Exception) -> Response:
        return web.render("error.html", 400, code=400, message=str(exc), title="잘못된 요청")

    async def http_error(request: Request, exc: Exception) -> Response:
        code = getattr(exc, "status_code", 500)
        message = getattr(exc, "detail", "") if code == 404 else "이 주소에서는 읽기만 할 수 있습니다."
        title = "찾을 수 없음" if code == 404 else "오류"
        return web.render("error.html", code, code=code, message=message, title=title)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("web: %s failed", request.url.path)
        message = "서버 오류가 났습니다 (details in the log)."
        return web.render("error.html", 500, code=500, message=message, title="오류")

    routes = [
        Route("/", web.facts_page, methods=READ), Route("/facts", web.facts_page, methods=READ),
        Route("/facts.csv", web.facts_download, methods=READ), Route("/facts.jsonl", web.facts_download, methods=READ),
        Route("/facts/{fact_id}", web.fact_page, methods=READ),
        Route("/companies/{subject:path}", web.company_page, methods=READ),
        Route("/sources", web.sources_page, methods=READ), Route("/static/style.css", web.stylesheet, methods=READ),
    ]
    app = Starlette(routes=routes, exception_handlers={BadFilter: bad_filter, HTTPException: http_error,
                                                       Exception: server_error})
    return SafetyHeaders(app)
