"""A small store for the web view's tests, with every value the pages must show written down.

Five articles from three outlets: SK hynix's 2025 plan (20조 원, then raised to 25조 원:
revised +25.0%), Alibaba's 3,800억 위안 for 2025-2027 (confirmed by a second outlet),
Naver's 1조 원 (another outlet says 1조5000억 원 the same day: a conflict, the
known value kept) and a Kakao equity investment of 100억 원; the first SK hynix article's
title and evidence carry `<script>`, and it is syndicated at a second URL (a copy).
Two crawl runs of "hankyung" (the newer failed with an error) and one of "etnews".
"""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.models import Article, ExtractResult, Mention
from crawler.store import Store
from crawler.store.crawlstate import SourceRunStats, record_source_run

JO = 10**12
EOK = 10**8
SCRIPT = "<script>alert('x')</script>"
HYNIX_1 = "https://www.hankyung.com/article/2025030111"
HYNIX_COPY = "https://news.daum.net/v/20250301120000"
HYNIX_2 = "https://www.etnews.com/20250601000222"
ALIBABA_1 = "https://biz.chosun.com/it/2025/02/24/alibaba"
ALIBABA_2 = "https://www.hankyung.com/article/2025031099"
NAVER = "https://www.etnews.com/20250415000333"
NAVER_OTHER = "https://www.hankyung.com/article/2025041577"  # the same day, another value: a conflict
KAKAO = "https://www.etnews.com/20240901000444"

# USD equivalents at the default [fx] rates (KRW 1/1400, CNY 1/7.2), computed by hand:
USD = {"Alibaba": "US$52.8bn", "SK hynix": "US$17.9bn", "Naver": "US$714.3mn", "Kakao": "US$7.1mn"}
BY_USD = ["Alibaba", "SK hynix", "Naver", "Kakao"]
HYNIX_EVIDENCE_1 = f"SK하이닉스는 {SCRIPT} 올해 용인 클러스터에 20조 원을 투자한다."
HYNIX_EVIDENCE_2 = "SK하이닉스는 올해 투자 규모를 25조 원으로 늘렸다."


def _save(store: Store, url: str, title: str, published: str, source: str, mentions: tuple[Mention, ...],
          body: tuple[str, ...]) -> None:
    article = Article(body=body, title=title, published=published, url=url)
    store.save_article(ExtractResult(article, ("투자",), mentions), source=source)


def fill(store: Store) -> None:
    hynix_20 = Mention("SK hynix", 20 * JO, "KRW", period="2025", kind="capex", evidence=HYNIX_EVIDENCE_1,
                       company_ko="SK하이닉스")
    hynix_25 = Mention("SK hynix", 25 * JO, "KRW", period="2025", kind="capex", evidence=HYNIX_EVIDENCE_2,
                       company_ko="SK하이닉스")
    alibaba = Mention("Alibaba", 3800 * EOK, "CNY", period="2025-2027", kind="capex",
                      evidence="알리바바는 향후 3년간 3800억 위안을 AI 인프라에 투자한다.", company_ko="알리바바")
    naver = Mention("Naver", 1 * JO, "KRW", period="2025", kind="capex", evidence="네이버는 올해 1조 원을 투자한다.")
    kakao = Mention("Kakao", 100 * EOK, "KRW", period="2024", kind="equity_investment",
                    evidence="카카오는 AI 스타트업에 100억 원을 투자했다.")
    hynix_body = (HYNIX_EVIDENCE_1, "용인 반도체 클러스터 첫 팹은 2027년 가동을 목표로 한다.")
    _save(store, ALIBABA_1, "알리바바, 3년간 AI 인프라에 3800억 위안", "2025-02-24", "chosunbiz", (alibaba,),
          (alibaba.evidence, "클라우드와 AI 인프라에 쓰인다."))
    _save(store, HYNIX_1, f"SK하이닉스 {SCRIPT} 용인에 20조", "2025-03-01", "hankyung", (hynix_20,), hynix_body)
    _save(store, HYNIX_COPY, "SK하이닉스 용인에 20조 (전재)", "2025-03-01", "daum", (hynix_20,), hynix_body)
    _save(store, ALIBABA_2, "알리바바 투자 재확인", "2025-03-10", "hankyung", (alibaba,),
          (alibaba.evidence, "시장은 투자 확대를 반겼다."))
    _save(store, NAVER, "네이버 데이터센터 1조", "2025-04-15", "etnews", (naver,), (naver.evidence,))
    naver_other = Mention("Naver", 15 * JO // 10, "KRW", period="2025", kind="capex",
                          evidence="네이버는 올해 1조5000억 원을 투자한다.")
    _save(store, NAVER_OTHER, "네이버 1.5조 투자", "2025-04-15", "hankyung", (naver_other,), (naver_other.evidence,))
    _save(store, HYNIX_2, "SK하이닉스, 올해 투자 25조로 확대", "2025-06-01", "etnews", (hynix_25,),
          (HYNIX_EVIDENCE_2,))
    _save(store, KAKAO, "카카오 AI 스타트업 투자", "2024-09-01", "etnews", (kakao,), (kakao.evidence,))
    june_1 = datetime(2025, 6, 1, tzinfo=UTC)
    record_source_run(store.engine, None, SourceRunStats("hankyung", june_1, new_articles=2, newest_item_at=june_1))
    record_source_run(store.engine, None, SourceRunStats("hankyung", datetime(2025, 6, 2, 0, 0, tzinfo=UTC),
                                                         errors=("https://www.hankyung.com/feed/it: HTTP 503",),
                                                         error_count=1, ok=False))
    record_source_run(store.engine, None, SourceRunStats("etnews", datetime(2025, 6, 2, 0, 0, tzinfo=UTC),
                                                         new_articles=3, newest_item_at=june_1))
