"""Test data for the digest: articles, facts, mentions and changes written straight into the tables.

Independent of the store's save_article and the diff, so the digest's rendering and delivery
are tested in isolation: each call writes exactly the rows a test describes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count

from sqlalchemy import Engine, insert, select, update

from crawler.store.schema import article_urls, articles, changes, deliveries, fact_sources, facts, mentions

NOW = datetime(2025, 11, 10, 0, 0, tzinfo=UTC)


class DigestData:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._serial = count(1)

    def article(self, title: str, url: str | None = None, *, published: str = "2025-02-24",
                extra_urls: tuple[str, ...] = ()) -> int:
        serial = next(self._serial)
        with self.engine.begin() as conn:
            article_id = conn.execute(insert(articles).values(
                url=url, title=title, published=published, published_date=date.fromisoformat(published[:10]),
                text=f"{title} body {serial}", fingerprint=f"fp{serial:062d}", keywords=["투자"], fetched_at=NOW,
                path=None if url else f"seeds/{serial:03d}.txt",
            )).inserted_primary_key[0]
            for extra in ((url,) if url else ()) + extra_urls:
                conn.execute(insert(article_urls).values(url=extra, article_id=article_id))
        return int(article_id)

    def change(self, status: str, subject: str, amount: int | None, currency: str | None, *, article: int,
               kind: str = "capex", period: str = "2025", qualifier: str = "exact",
               evidence: str = "근거 문장", previous: tuple[int, str] | None = None,
               change_pct: float | None = None, direction: str | None = None,
               members: tuple[str, ...] | None = None, company_ko: str | None = None) -> int:
        """One change (and its fact, mention and fact source, created as needed); returns its id."""
        with self.engine.begin() as conn:
            fact_id = self._fact(conn, subject, kind, period, amount, currency, qualifier, status, members)
            mention_id = conn.execute(insert(mentions).values(
                article_id=article, position=next(self._serial), company=subject, company_ko=company_ko,
                members=list(members) if members else None, amount=amount, currency=currency,
                qualifier=qualifier, period=period, kind=kind, evidence=evidence, vague=False, conversions=[],
            )).inserted_primary_key[0]
            known = conn.execute(select(fact_sources.c.id).where(
                fact_sources.c.fact_id == fact_id, fact_sources.c.article_id == article)).first()
            if known is None:
                conn.execute(insert(fact_sources).values(fact_id=fact_id, article_id=article))
            return int(conn.execute(insert(changes).values(
                fact_id=fact_id, article_id=article, mention_id=mention_id, status=status, amount=amount,
                currency=currency, qualifier=qualifier, previous_amount=previous[0] if previous else None,
                previous_currency=previous[1] if previous else None, change_pct=change_pct,
                direction=direction, created_at=NOW,
            )).inserted_primary_key[0])

    def delivered(self, *change_ids: int) -> None:
        """Put changes into an already sent digest."""
        with self.engine.begin() as conn:
            delivery = conn.execute(insert(deliveries).values(
                message_id=f"<old{next(self._serial)}@example.com>", status="sent", subject="old", recipients=[],
                created_at=NOW, sent_at=NOW, transport="outbox")).inserted_primary_key[0]
            conn.execute(update(changes).where(changes.c.id.in_(change_ids)).values(delivery_id=delivery))

    def _fact(self, conn, subject, kind, period, amount, currency, qualifier, status, members) -> int:
        found = conn.execute(select(facts.c.id).where(
            facts.c.subject == subject, facts.c.kind == kind, facts.c.period == period)).scalar()
        if found is not None:
            return int(found)
        return int(conn.execute(insert(facts).values(
            subject=subject, kind=kind, period=period, amount=amount, currency=currency, qualifier=qualifier,
            status=status, updated_at=NOW, members=list(members) if members else None,
        )).inserted_primary_key[0])


def typical_week(data: DigestData) -> dict[str, int]:
    """New capex for three companies, a revision, a confirmation, a conflict and an equity stake."""
    chosun = data.article("알리바바, 3년간 AI 인프라에 3800억 위안 투자", "https://biz.chosun.com/it/2025/02/24/ali")
    mt = data.article("빅테크 4사, 올해 설비투자 3200억 달러", "https://news.mt.co.kr/mtview.php?no=2025020710")
    genews = data.article("알리바바 투자 재확인", "https://www.g-enews.com/article/1", published="2025-11-09")
    data.delivered(data.change("new", "Meta", 60_000_000_000, "USD", article=mt, evidence="메타는 600억 달러."))
    return {
        "alibaba": data.change("new", "Alibaba", 380_000_000_000, "CNY", article=chosun, period="2025-2027",
                               evidence="알리바바는 향후 3년간 3800억위안을 AI 인프라에 투자한다."),
        "alibaba_confirmed": data.change("confirmed", "Alibaba", 380_000_000_000, "CNY", article=genews,
                                         period="2025-2027", evidence="3800억 위안(약 74조원) 계획을 재확인했다."),
        "amazon": data.change("new", "Amazon", 100_000_000_000, "USD", article=mt,
                              evidence="아마존은 올해 1000억 달러를 투자할 계획이다."),
        "microsoft": data.change("revised", "Microsoft", 80_000_000_000, "USD", article=mt,
                                 previous=(64_000_000_000, "USD"), change_pct=25.0, direction="up",
                                 evidence="마이크로소프트는 800억 달러로 늘렸다."),
        "meta": data.change("conflict", "Meta", 65_000_000_000, "USD", article=genews,
                            previous=(60_000_000_000, "USD"), evidence="메타는 650억 달러를 쓴다."),
        "baidu": data.change("new", "Baidu", 4_000_000_000, "CNY", article=chosun, qualifier="approx",
                             period="2024H1", evidence="바이두는 약 40억 위안을 투자했다."),
        "stake": data.change("new", "Alibaba", 800_000_000, "USD", article=genews, kind="equity_investment",
                             period="", evidence="알리바바는 문샷AI에 8억 달러를 투자했다."),
        "revenue": data.change("new", "Alibaba", 280_200_000_000, "CNY", article=chosun, kind="revenue",
                               period="2024Q4", evidence="매출 2802억 위안"),
    }
