"""The KBO network API: public networks, committees and knowledge sources; meetings scoped
to the user's province; filters; a fixed number of queries per list."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from kbo.network.models import Attendance, ExpertiseArea, KnowledgeSource, Term
from kbo.network.services import meeting_save, seat_add, source_save


@pytest.fixture
def api():
    return APIClient()


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_networks_give_province_chair_and_members_by_sector(api, kbo_network):
    body = api.get("/api/v1/networks/").json()
    assert body["count"] == 2
    chiang_mai = body["results"][0]
    assert chiang_mai["province"] == "50" and chiang_mai["province_name_th"] == "เชียงใหม่"
    assert chiang_mai["founded_year"] == 2549 and chiang_mai["status"] == "ACTIVE"
    assert chiang_mai["secretariat"] == "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่"
    assert chiang_mai["chair"]["person_name"] == "นายผู้ว่า a"
    assert chiang_mai["members"] == 2
    assert chiang_mai["members_by_sector"] == {"GOVERNMENT": 1, "EDUCATION": 1}


def test_networks_filter_by_province(api, kbo_network):
    body = api.get("/api/v1/networks/", {"province": "58"}).json()
    assert [n["province"] for n in body["results"]] == ["58"]
    assert api.get("/api/v1/networks/", {"province": "5"}).status_code == 400


def test_a_network_counts_only_its_current_term(api, kbo_network, people):
    old = kbo_network["term_a"]
    new = Term.objects.create(network=old.network, starts_on=dt.date(2023, 10, 1))
    seat_add(by=people["national"], term=new, person=kbo_network["source_a"], role="CHAIR",
             sector="EDUCATION")  # fmt: skip
    body = api.get(f"/api/v1/networks/{old.network_id}/").json()
    assert body["current_term"]["id"] == new.pk and body["members"] == 1
    assert body["members_by_sector"] == {"EDUCATION": 1}
    assert body["chair"]["person"] == kbo_network["source_a"].pk


def test_a_member_who_served_two_terms_has_two_seats(api, kbo_network, people):
    person = kbo_network["source_a"]
    new = Term.objects.create(network=kbo_network["network_a"], starts_on=dt.date(2023, 10, 1))
    seat_add(by=people["national"], term=new, person=person, role="VICE_CHAIR", sector="EDUCATION")
    body = api.get("/api/v1/committee-members/", {"person": person.pk}).json()
    assert body["count"] == 2
    assert [s["term_starts_on"] for s in body["results"]] == ["2023-10-01", "2019-10-01"]
    assert {s["role"] for s in body["results"]} == {"VICE_CHAIR", "MEMBER"}


def test_committee_members_filter_by_province_and_term(api, kbo_network):
    body = api.get("/api/v1/committee-members/", {"province": "58"}).json()
    assert body["count"] == 2 and {s["province"] for s in body["results"]} == {"58"}
    body = api.get("/api/v1/committee-members/", {"term": kbo_network["term_a"].pk}).json()
    assert {s["person_name"] for s in body["results"]} == {"นายผู้ว่า a", "ผศ.ดร.ออกแบบ a"}


@pytest.fixture
def sources(kbo_network, people, geo):
    def add(name, codes, description, home="50", served=()):
        return source_save(
            by=people["national"],
            source=KnowledgeSource(kind="EXPERT", name=name, description=description,
                                   home_province=geo[home], phone="0812345678"),
            areas=ExpertiseArea.objects.filter(code__in=codes),
            service_provinces=[geo[code] for code in served],
        )  # fmt: skip

    return {
        "label": add("ภญ.ฉลาก", ["food_safety"], "จัดทำฉลากโภชนาการและขอ อย.", served=["58"]),
        "online": add("คุณขายดี", ["ecommerce"], "สอนขายออนไลน์", home="58"),
        "hidden": KnowledgeSource.objects.create(kind="EXPERT", name="ไม่เปิดเผย", listed=False),
    }


def test_knowledge_sources_are_ranked_by_relevance(api, sources):
    body = api.get("/api/v1/knowledge-sources/", {"q": "บรรจุภัณฑ์"}).json()
    names = [s["name"] for s in body["results"]]
    assert names[:2] == ["ผศ.ดร.ออกแบบ a", "ผศ.ดร.ออกแบบ b"]
    assert "คุณขายดี" not in names
    scores = [s["relevance"] for s in body["results"]]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    body = api.get("/api/v1/knowledge-sources/", {"q": "ฉลากโภชนาการ"}).json()
    assert body["results"][0]["name"] == "ภญ.ฉลาก"


def test_knowledge_source_search_pages_keep_the_ranking_and_count(api, sources):
    everything = api.get("/api/v1/knowledge-sources/", {"q": "บรรจุภัณฑ์"}).json()
    ranked = [(s["name"], s["relevance"]) for s in everything["results"]]
    paged = []
    for page in range(1, everything["count"] + 1):
        body = api.get("/api/v1/knowledge-sources/", {"q": "บรรจุภัณฑ์", "page_size": 1, "page": page})
        assert body.json()["count"] == everything["count"] == len(ranked) >= 2
        paged += [(s["name"], s["relevance"]) for s in body.json()["results"]]
    assert paged == ranked
    assert api.get("/api/v1/knowledge-sources/", {"q": "บรรจุภัณฑ์", "page": 2}).status_code == 404


def test_knowledge_sources_filter_by_area_and_province(api, sources):
    def names(**params):
        body = api.get("/api/v1/knowledge-sources/", params).json()
        return {s["name"] for s in body["results"]}

    assert names(area="ecommerce") == {"คุณขายดี"}
    assert names(area="ecommerce,food_safety") == {"คุณขายดี", "ภญ.ฉลาก"}
    assert names(area="packaging", province="58") == {"ผศ.ดร.ออกแบบ b"}
    served = {"นายผู้ว่า b", "ผศ.ดร.ออกแบบ b", "คุณขายดี", "ภญ.ฉลาก"}  # ภญ.ฉลาก serves 58
    assert names(province="58") == served
    assert "ไม่เปิดเผย" not in names()
    assert (
        api.get("/api/v1/knowledge-sources/", {"area": "packaging"}).json()["results"][0][
            "relevance"
        ]
        is None
    )


def test_contact_details_are_for_signed_in_users(api, sources, people):
    pk = sources["label"].pk
    assert api.get(f"/api/v1/knowledge-sources/{pk}/").json()["phone"] == ""
    body = signed_in(people["producer_a"]).get(f"/api/v1/knowledge-sources/{pk}/").json()
    assert body["phone"] == "0812345678" and body["areas"][0]["code"] == "food_safety"


def test_meetings_need_a_token(api, kbo_network):
    assert api.get("/api/v1/meetings/").status_code == 401


def test_meetings_are_private_to_their_province(kbo_network, people):
    client = signed_in(people["officer_b"])
    body = client.get("/api/v1/meetings/").json()
    assert [m["province"] for m in body["results"]] == ["58"]
    assert client.get(f"/api/v1/meetings/{kbo_network['meeting_a'].pk}/").status_code == 404
    national = signed_in(people["national"]).get("/api/v1/meetings/").json()
    assert national["count"] == 2


def test_a_meeting_gives_agenda_and_attendance_counts(kbo_network, people):
    meeting = kbo_network["meeting_a"]
    chair, member = kbo_network["chair_seat_a"], kbo_network["member_seat_a"]
    meeting.chair = chair
    meeting_save(
        by=people["officer_a"], meeting=meeting,
        agenda=[{"title": "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "resolution": "ที่ประชุมรับทราบ"}],
        attendance={chair.pk: (Attendance.Status.PRESENT, ""),
                    member.pk: (Attendance.Status.REPRESENTED, "นางสาวผู้แทน")},
    )  # fmt: skip
    body = signed_in(people["officer_a"]).get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert body["name"] == "ครั้งที่ 1/2563" and body["held_on"] == "2020-01-13"
    assert body["chair_name"] == "นายผู้ว่า a"
    assert body["agenda"] == [{"order": 1, "title": "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
                               "detail": "", "resolution": "ที่ประชุมรับทราบ"}]  # fmt: skip
    assert (body["present"], body["absent"], body["represented"]) == (1, 0, 1)


def grow(kbo_network, people, n: int) -> None:
    """n more members on each term, n more sources and n more agenda items."""
    for key in ("a", "b"):
        term = kbo_network[f"term_{key}"]
        for i in range(n):
            person = source_save(
                by=people["national"],
                source=KnowledgeSource(kind="EXPERT", name=f"สมาชิก {key}{i}", sector="PRIVATE"),
                areas=ExpertiseArea.objects.filter(code__in=["marketing", "packaging"]),
                service_provinces=[term.network.province],
            )
            seat_add(by=people["national"], term=term, person=person, role="MEMBER",
                     sector="PRIVATE")  # fmt: skip
        meeting = kbo_network[f"meeting_{key}"]
        meeting_save(by=people["national"], meeting=meeting,
                     agenda=[{"title": f"วาระ {i}"} for i in range(n + 1)])  # fmt: skip


@pytest.mark.parametrize(
    "url",
    ["/api/v1/networks/", "/api/v1/committee-members/", "/api/v1/knowledge-sources/",
     "/api/v1/knowledge-sources/?q=บรรจุภัณฑ์&province=50", "/api/v1/meetings/"],
)  # fmt: skip
def test_lists_run_a_fixed_number_of_queries(url, kbo_network, people,
                                             django_assert_max_num_queries):  # fmt: skip
    client = signed_in(people["national"])
    with django_assert_max_num_queries(8) as small:
        assert client.get(url).status_code == 200
    grow(kbo_network, people, 5)
    with django_assert_max_num_queries(len(small)) as big:
        body = client.get(url).json()
    assert len(big) == len(small) and body["count"] >= 2
