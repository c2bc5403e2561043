"""Open data: CSV with a BOM that Excel reads, JSON with its licence, public rows only."""

import csv
import io
import json

from django.test import Client
from django.urls import reverse


def get(name: str, fmt: str):
    response = Client().get(reverse("open_data:dataset", args=[name, fmt]))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_csv_is_utf8_with_a_bom_and_thai_text(showcase):
    response, body = get("products", "csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [(r["code"], r["name"], r["province"], r["kbo_years"]) for r in rows] == [
        ("500777", "ตะกร้าไม้ไผ่ลายดอกสัก", "เชียงใหม่", "2563")
    ]
    assert rows[0]["shop_links"] == "https://shop.example.com/otop/500777"
    assert "phone" not in rows[0] and "id_number" not in rows[0]


def test_json_has_the_dataset_licence_source_time_and_rows(showcase):
    _response, body = get("contest-results", "json")
    data = json.loads(body)
    assert set(data) == {"dataset", "licence", "source", "generated_at", "rows"}
    assert data["dataset"] == "contest-results"
    assert "CC BY 4.0" in data["licence"] and "GeoThai" in data["source"]
    assert [(r["contest_id"], r["rank"], r["tier"], r["score"]) for r in data["rows"]] == [
        (showcase["published"].pk, 1, "WINNER", "85.00")
    ]


def test_news_has_published_items_only(showcase):
    _response, body = get("news", "json")
    assert [r["title"] for r in json.loads(body)["rows"]] == ["ข่าวประชุม KBO"]
    _response, body = get("news", "csv")
    assert [r["title"] for r in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))] == [
        "ข่าวประชุม KBO"
    ]


def test_the_index_lists_each_dataset_with_its_row_count(showcase):
    response = Client().get(reverse("open_data:index"))
    counts = {d.name: n for d, n in response.context["datasets"]}
    assert counts == {"products": 1, "contest-results": 1, "news": 1}


def test_large_sets_stream_in_chunks(showcase, monkeypatch):
    from kbo.showcase import open_data
    from tests.showcase.conftest import develop, make_product

    for n in range(5):
        develop(make_product(showcase["producer"], f"5009{n:02}", f"ผ้าทอ {n}"), showcase["project"])
    monkeypatch.setattr(open_data, "CHUNK", 2)
    response = Client().get(reverse("open_data:dataset", args=["products", "csv"]))
    chunks = list(response.streaming_content)
    assert len(chunks) >= 3
    assert len(list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))) == 6


def test_an_unknown_dataset_or_format_is_not_found(showcase):
    client = Client()
    assert client.get("/open-data/producers.csv").status_code == 404
    assert client.get("/open-data/products.xlsx").status_code == 404
