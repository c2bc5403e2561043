"""The demo news load twice without duplicates."""

from kbo.showcase import demo
from kbo.showcase.models import News


def test_demo_news_are_published_in_chiang_mai_and_idempotent(geo):
    first = demo.load()
    again = demo.load()
    assert (first["news_created"], again["news_created"]) == (3, 0)
    items = News.objects.order_by("published_on")
    assert [(n.province.code, n.status) for n in items] == [("50", "PUBLISHED")] * 3
    assert "1/2563" in items[0].title and "5 วัน" in items[1].title
    assert "CONTEST" in items[2].title
