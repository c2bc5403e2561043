"""Permission-matrix rows for the public showcase and open data (see tests/test_permissions.py).

Everything public answers 200 to everybody, signed in or not; what is not public (a product not
developed in KBO, its photos, a contest whose results are not published, a draft news item)
answers 404 to everybody except, for a draft, those who manage it (a preview). News is written
by the officers of its province and national staff: others get 403 on "add", and 404 on an
item of a province they do not manage.

Knowledge items (tests/matrix_knowledge.py's world): PUBLIC ones are public; a PROVINCE item
sends the anonymous visitor to sign in and is not there (404) for a signed-in user without a
role in its province; national province-only items are for anyone with a role; drafts are
never in the showcase (404 even for their editors). Files follow their item, but a file is
not there (404) for the anonymous visitor rather than a sign-in.
"""

from tests.permission_cases import Case, answers, signed_in

PUBLIC = answers(200)
NOT_PUBLIC = answers(404)
NEWS_A = signed_in(404, officer_a=200, national=200)
# Province A's and B's PROVINCE items: any role in the province reads them.
READ_A = signed_in(200, officer_b=404)
READ_B = signed_in(404, officer_b=200, national=200)


def _pk(key: str):
    return lambda w: {"pk": w[key].pk}


CASES: list[Case] = [
    Case("showcase:index", PUBLIC),
    Case("showcase:products", PUBLIC),
    Case("showcase:product", PUBLIC, lambda w: {"code": w["product_a"].code}),
    Case("showcase:product", PUBLIC, lambda w: {"code": w["product_b"].code}, note="province B"),
    Case(
        "showcase:product",
        NOT_PUBLIC,
        lambda w: {"code": w["showcase_hidden"].code},
        note="not developed in KBO",
    ),
    Case("showcase:photo", PUBLIC, _pk("showcase_photo_a")),
    Case("showcase:photo", NOT_PUBLIC, _pk("showcase_photo_b"), note="not developed in KBO"),
    Case("showcase:province", PUBLIC, {"code": "50"}),
    Case("showcase:province", NOT_PUBLIC, {"code": "99"}, note="no such province"),
    Case("showcase:contests", PUBLIC),
    Case("showcase:contest", PUBLIC, _pk("contest_a_published"), note="published"),
    Case("showcase:contest", NOT_PUBLIC, _pk("contest_a_closed"), note="closed"),
    Case("showcase:contest", NOT_PUBLIC, _pk("contest_a"), note="preparing"),
    Case("showcase:news", PUBLIC),
    Case("showcase:news_detail", PUBLIC, _pk("news_a"), note="published"),
    Case(
        "showcase:news_detail",
        answers(404, officer_a=200, national=200),
        _pk("news_a_draft"),
        note="draft",
    ),
    Case("showcase:news_photo", PUBLIC, _pk("news_a"), note="published"),
    Case(
        "showcase:news_photo",
        answers(404, officer_a=200, national=200),
        _pk("news_a_draft"),
        note="draft",
    ),
    Case("showcase:news_add", signed_in(403, officer_a=200, officer_b=200, national=200)),
    Case("showcase:news_edit", NEWS_A, _pk("news_a")),
    Case(
        "showcase:news_edit",
        signed_in(404, officer_b=200, national=200),
        _pk("news_b"),
        note="province B",
    ),
    Case(
        "showcase:news_edit",
        signed_in(404, national=200),
        _pk("news_national"),
        note="national news",
    ),
    Case("showcase:knowledge", PUBLIC),
    Case("showcase:knowledge_item", PUBLIC, _pk("knowledge_public_a"), note="public A"),
    Case("showcase:knowledge_item", PUBLIC, _pk("knowledge_public_b"), note="public B"),
    Case(
        "showcase:knowledge_item", PUBLIC, _pk("knowledge_national_public"), note="national public"
    ),
    Case("showcase:knowledge_item", READ_A, _pk("knowledge_province_a"), note="province A"),
    Case("showcase:knowledge_item", READ_B, _pk("knowledge_province_b"), note="province B"),
    Case(
        "showcase:knowledge_item",
        signed_in(200),
        _pk("knowledge_national_province"),
        note="national, province-only",
    ),
    Case("showcase:knowledge_item", NOT_PUBLIC, _pk("knowledge_draft_a"), note="draft A"),
    Case("showcase:knowledge_item", NOT_PUBLIC, _pk("knowledge_draft_b"), note="draft B"),
    Case("showcase:knowledge_file", PUBLIC, _pk("knowledge_file_public_a"), note="public A"),
    Case("showcase:knowledge_file", PUBLIC, _pk("knowledge_file_public_b"), note="public B"),
    Case(
        "showcase:knowledge_file",
        {**READ_A, "anonymous": 404},
        _pk("knowledge_file_province_a"),
        note="province A",
    ),
    Case(
        "showcase:knowledge_file",
        {**READ_B, "anonymous": 404},
        _pk("knowledge_file_province_b"),
        note="province B",
    ),
    Case("showcase:knowledge_file", NOT_PUBLIC, _pk("knowledge_file_draft_a"), note="draft A"),
    Case("showcase:knowledge_file", NOT_PUBLIC, _pk("knowledge_file_draft_b"), note="draft B"),
    Case("showcase:sitemap", PUBLIC),
    Case("open_data:index", PUBLIC),
    Case("open_data:dataset", PUBLIC, {"name": "products", "fmt": "csv"}),
    Case("open_data:dataset", PUBLIC, {"name": "contest-results", "fmt": "json"}),
    Case("open_data:dataset", PUBLIC, {"name": "news", "fmt": "csv"}),
    Case("open_data:dataset", NOT_PUBLIC, {"name": "producers", "fmt": "csv"}, note="unknown"),
    Case("open_data:dataset", NOT_PUBLIC, {"name": "news", "fmt": "xml"}, note="unknown format"),
]


def png() -> bytes:
    """A 1×1 PNG."""
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )


def world(made: dict) -> dict:
    """Product A developed in project A (with a photo; the other matrices develop product B
    too), a product of province B never developed (with a photo); published and draft news of
    province A, published news of B, and national news."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from kbo.programmes.models import Decision
    from kbo.registry.models import Product, ProductPhoto
    from kbo.showcase.models import News

    Decision.objects.get_or_create(
        project=made["project_a"],
        product=made["product_a"],
        defaults={"status": Decision.Status.SELECTED},
    )
    other = made["product_b"]
    hidden = Product.objects.create(
        code="580099",
        producer=other.producer,
        province=other.province,
        name="ผ้าทอที่ยังไม่ได้พัฒนา",
        category="TEXTILE",
    )
    found: dict = {"showcase_hidden": hidden}
    for key, product in (("a", made["product_a"]), ("b", hidden)):
        photo = ProductPhoto(product=product, caption=f"ภาพ {key}")
        photo.image.save(f"photo_{key}.png", ContentFile(png()), save=True)
        found[f"showcase_photo_{key}"] = photo
    for key, province, status in (
        ("news_a", made["product_a"].province, "PUBLISHED"),
        ("news_a_draft", made["product_a"].province, "DRAFT"),
        ("news_b", made["product_b"].province, "PUBLISHED"),
        ("news_national", None, "PUBLISHED"),
    ):
        news = News(
            province=province,
            title=f"ข่าว {key}",
            body="ย่อหน้าแรก\n\nย่อหน้าที่สอง",
            published_on=dt.date(2020, 1, 13),
            status=status,
        )
        news.photo.save(f"{key}.png", ContentFile(png()), save=True)
        found[key] = news
    return found
