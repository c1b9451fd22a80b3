from __future__ import annotations

import pytest

from crawler.urls import is_tracking_param, normalize_url

ARTICLE = "https://www.example.co.kr/news/articleView.html?idxno=123456"


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        ARTICLE + "&utm_source=naver&utm_medium=referral&utm_campaign=x",
        ARTICLE + "&fbclid=IwAR0abc",
        ARTICLE + "&gclid=Cj0KCQ&igshid=MzRl&mc_cid=1a2b&mc_eid=3c4d",
        ARTICLE + "#comment",
        ARTICLE + "&ref=home&from=main",
        "HTTPS://WWW.Example.CO.KR:443/news/articleView.html?UTM_Source=x&idxno=123456",
        "https://www.example.co.kr/news/articleView.html?utm_content=a&idxno=123456",
    ],
)
def test_tracking_variants_normalize_to_one_url(variant):
    assert normalize_url(variant) == ARTICLE


def test_real_parameters_are_kept_and_distinguish_articles():
    assert normalize_url(ARTICLE) != normalize_url(ARTICLE.replace("123456", "123457"))
    naver = "https://n.news.naver.com/mnews/article/read?oid=366&aid=0001054321&sid=101"
    assert normalize_url(naver) == "https://n.news.naver.com/mnews/article/read?aid=0001054321&oid=366&sid=101"


def test_korean_path_and_host_are_encoded_consistently():
    encoded = "https://xn--3e0b707e.kr/%EA%B8%B0%EC%82%AC?q=%ED%95%9C%EA%B8%80"
    assert normalize_url("https://한국.kr/기사?q=한글") == encoded
    assert normalize_url(encoded) == encoded


def test_non_default_port_and_path_case_kept():
    assert normalize_url("http://127.0.0.1:8000/News/1.html") == "http://127.0.0.1:8000/News/1.html"
    assert normalize_url("http://Example.com") == "http://example.com/"


def test_tracking_vocabulary():
    assert is_tracking_param("utm_term") and is_tracking_param("FBCLID")
    assert not is_tracking_param("idxno") and not is_tracking_param("page")
