"""The project pages: the rule in words, candidates with reasons, and decisions."""

from auditlog.models import LogEntry
from django.urls import reverse

from kbo.programmes.models import Decision, Project


def test_an_officer_opens_a_project_with_the_default_rule(client_for, registry, geo):
    client = client_for("officer_a")
    response = client.post(
        reverse("programmes:project_add"),
        {
            "province": geo["50"].pk,
            "fiscal_year": 2565,
            "name": "โครงการ KBO เชียงใหม่ 2565",
            "budget": "450000",
            "target_products": 20,
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302 and project.activities.count() == 3
    html = client.get(reverse("programmes:project", args=[project.pk])).content.decode()
    assert "กลุ่ม D" in html and "1–3 ดาว" in html  # the union, in words
    assert registry["product_a"].name in html  # D and 3 stars: a candidate


def test_a_committee_member_records_nothing_but_sees_the_candidates(client_for, registry, geo):
    project = Project.objects.create(province=geo["50"], fiscal_year=2565, name="p")
    from kbo.programmes.models import Criteria

    Criteria.objects.create(project=project, **Criteria.defaults())
    html = (
        client_for("committee_a")
        .get(reverse("programmes:project", args=[project.pk]))
        .content.decode()
    )
    assert registry["product_a"].name in html and 'name="status"' not in html


def test_a_decision_is_recorded_from_the_page_and_audited(client_for, registry, geo, people):
    project = Project.objects.create(
        province=geo["50"], fiscal_year=2565, name="p", target_products=0
    )
    from kbo.programmes.models import Criteria

    Criteria.objects.create(project=project, **Criteria.defaults())
    client = client_for("officer_a")
    url = reverse("programmes:decide", args=[project.pk, registry["product_a"].pk])
    refused = client.post(url, {"status": "SELECTED", "reason": "ตรงเกณฑ์"}, follow=True)
    assert not Decision.objects.exists() and "ยืนยัน" in refused.content.decode()
    client.post(url, {"status": "SELECTED", "reason": "ตรงเกณฑ์", "confirm": "on"})
    decision = Decision.objects.get()
    assert decision.decided_by == people["officer_a"]
    assert LogEntry.objects.get_for_object(decision).get().actor == people["officer_a"]


def test_candidates_are_paged_and_filtered_and_a_decision_keeps_the_page(client_for, registry, geo):
    from kbo.programmes.models import Criteria
    from kbo.registry.models import Product
    from kbo.search import document

    base = registry["product_a"]
    for n in range(60):
        name = f"ผ้าทอลายน้ำไหล {n:02d}" if n < 3 else f"น้ำพริกตาแดง {n:02d}"
        Product.objects.create(
            code=f"X{n:02d}",
            producer=base.producer,
            province=base.province,
            name=name,
            category="FOOD",
            current_segment="D",
            search_text=document(name),
        )
    project = Project.objects.create(province=geo["50"], fiscal_year=2565, name="p")
    Criteria.objects.create(project=project, **Criteria.defaults())
    client = client_for("officer_a")
    url = reverse("programmes:project", args=[project.pk])

    first = client.get(url).content.decode()
    assert first.count('class="decide"') == 50 and "หน้า 1 จาก 2" in first
    assert client.get(url, {"page": 2}).content.decode().count('class="decide"') == 11

    woven = client.get(url, {"q": "ลายน้ำไหล"}).content.decode()
    assert woven.count('class="decide"') == 3 and "น้ำพริกตาแดง" not in woven

    chosen = Product.objects.get(code="X05")
    back = f"{url}?page=2"
    response = client.post(
        reverse("programmes:decide", args=[project.pk, chosen.pk]),
        {"status": "RESERVE", "reason": "สำรอง", "next": back},
    )
    assert response.url == f"{back}#p-{chosen.pk}"
    reserve = client.get(url, {"show": "RESERVE"}).content.decode()
    assert reserve.count('class="decide"') == 1 and "X05" in reserve
    undecided = client.get(url, {"show": "UNDECIDED"}).content.decode()
    assert "X05" not in undecided
    outside = client.post(
        reverse("programmes:decide", args=[project.pk, chosen.pk]),
        {"status": "RESERVE", "next": "https://evil.example/"},
    )
    assert outside.url == f"{url}#p-{chosen.pk}"
