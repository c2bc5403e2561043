"""The knowledge-source directory: a need in Thai finds the right sources first; officers
add and change the sources of their province, audited."""

from auditlog.models import LogEntry
from django.urls import reverse

from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.network.services import source_save


def test_a_need_ranks_sources_whose_expertise_matches_first(client, kbo_network, people):
    courier = KnowledgeSource(kind="COMPANY", name="บริษัทรับส่งพัสดุ", description="ส่งกล่องพัสดุทั่วประเทศ")
    source_save(by=people["national"], source=courier, areas=[])
    page = client.get(reverse("network:sources"), {"q": "บรรจุภัณฑ์"}).context["page"]
    names = [s.name for s in page]
    assert names[:2] == sorted(names[:2]) and all("ออกแบบ" in n for n in names[:2])
    assert "บริษัทรับส่งพัสดุ" not in names


def test_the_directory_filters_by_area_and_province(client, kbo_network):
    page = client.get(reverse("network:sources"), {"area": "packaging", "province": "58"}).context[
        "page"
    ]
    assert [s.pk for s in page] == [kbo_network["source_b"].pk]


def test_an_officer_adds_a_source_of_their_province_with_its_areas(client_for, geo, people):
    response = client_for("officer_a").post(
        reverse("network:source_add"),
        {
            "kind": "LOCAL_WISDOM",
            "name": "แม่ครูบัวคำ",
            "home_province": geo["50"].pk,
            "description": "ย้อมผ้าด้วยครามและสีธรรมชาติ",
            "areas": [ExpertiseArea.objects.get(code="textiles").pk],
            "service_provinces": [geo["50"].pk],
            "listed": "on",
        },
    )
    source = KnowledgeSource.objects.get(name="แม่ครูบัวคำ")
    assert response.status_code == 302
    assert list(KnowledgeSource.objects.search("ย้อมคราม")) == [source]
    assert LogEntry.objects.get_for_object(source).filter(actor=people["officer_a"]).exists()


def test_an_officer_cannot_place_a_source_in_another_province(client_for, geo):
    response = client_for("officer_a").post(
        reverse("network:source_add"),
        {
            "kind": "EXPERT",
            "name": "ผู้เชี่ยวชาญ",
            "home_province": geo["58"].pk,
            "listed": "on",
        },
    )
    assert response.status_code == 200 and "home_province" in response.context["form"].errors


def test_new_search_words_for_an_area_find_its_sources(client_for, kbo_network):
    area = ExpertiseArea.objects.get(code="packaging")
    assert not KnowledgeSource.objects.search("ถุงซิปล็อก").exists()
    response = client_for("national").post(
        f"/admin/network/expertisearea/{area.pk}/change/",
        {
            "code": area.code,
            "name_th": area.name_th,
            "name_en": area.name_en,
            "keywords": area.keywords + " ถุงซิปล็อก",
            "sort_order": area.sort_order,
        },
    )
    assert response.status_code == 302
    assert set(KnowledgeSource.objects.search("ถุงซิปล็อก")) == {
        kbo_network["source_a"],
        kbo_network["source_b"],
    }
