"""Knowledge where people need it: a case study drafted from a product's passport, the
passport's knowledge section, related knowledge beside the needs of a development plan, and
the materials of a training's sessions — each only as far as the reader may read."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kbo.knowledge.models import Item, Kind
from kbo.knowledge.services import item_publish, item_save
from kbo.network.models import ExpertiseArea
from kbo.programmes.models import Need
from kbo.trainings.models import Session, Training
from tests.matrix_plans import develop
from tests.programmes.conftest import make_project


@pytest.fixture
def developed(people, registry, kbo_network, geo):
    """Product A selected in Chiang Mai's project of 2565 (its sale of 2565, 120,000 baht, is
    the result year) with a packaging need and plan item; product B in Mae Hong Son's."""
    made = {**registry, **kbo_network}
    for key, code in (("a", "50"), ("b", "58")):
        project = make_project(geo[code], 2565, f"โครงการ KBO {key}")
        made[f"project_{key}"] = project
        made[key] = develop(project, registry[f"product_{key}"], people["national"])
    return made


def library_item(
    by, title, *, areas=(), visibility="PUBLIC", province=None, kind=Kind.TECHNIQUE, sessions=None
):
    item = item_save(
        by=by,
        item=Item(kind=kind, province=province, title=title, summary="สรุปสั้น ๆ"),
        areas=ExpertiseArea.objects.filter(code__in=areas),
        categories=["TEXTILE"],
        sessions=sessions,
    )
    if visibility != "DRAFT":
        item = item_publish(by=by, item=item, visibility=visibility)
    return item


def passport_url(product) -> str:
    return reverse("registry:product", args=[product.pk])


def draft_url(product) -> str:
    return reverse("knowledge:case_study_draft", args=[product.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# Drafting a case study from the passport -------------------------------------------------


def test_an_officer_drafts_a_case_study_carrying_the_products_recorded_numbers(
    client_for, developed
):
    product = developed["product_a"]
    client = client_for("officer_a")
    passport = client.get(passport_url(product)).content.decode()
    assert "120,000 บาท" in passport  # the sale of 2565 as the passport shows it
    assert f'action="{draft_url(product)}"' in passport

    response = client.post(draft_url(product))

    item = Item.objects.get(product=product)
    assert item.kind == Kind.CASE_STUDY and item.visibility == "DRAFT"
    assert response.status_code == 302
    assert response["Location"] == f"/knowledge/{item.pk}/edit/"
    assert "รายได้ปี 2565 (ปีที่พัฒนา): 120,000 บาท" in item.body
    assert "ออกแบบบรรจุภัณฑ์ใหม่" in item.body  # the need of its development
    assert product.name in item.title
    assert len(messages_of(response)) == 1


def test_posting_again_opens_the_products_case_study_rather_than_a_second_one(
    client_for, developed
):
    product = developed["product_a"]
    client = client_for("officer_a")
    first = client.post(draft_url(product))
    again = client.post(draft_url(product))
    assert Item.objects.filter(product=product).count() == 1
    assert again["Location"] == first["Location"]
    passport = client.get(passport_url(product)).content.decode()
    assert 'data-testid="open-case-study"' in passport
    assert 'data-testid="draft-case-study"' not in passport


@pytest.mark.parametrize(("persona", "status"), [("officer_b", 404), ("committee_a", 403)])
def test_only_the_provinces_editors_draft_a_case_study(client_for, developed, persona, status):
    product = developed["product_a"]
    assert client_for(persona).post(draft_url(product)).status_code == status
    assert not Item.objects.filter(product=product).exists()
    passport = client_for("committee_a").get(passport_url(product)).content.decode()
    assert 'data-testid="draft-case-study"' not in passport


def test_a_get_drafts_nothing(client_for, developed):
    product = developed["product_a"]
    assert client_for("officer_a").get(draft_url(product)).status_code == 405
    assert not Item.objects.filter(product=product).exists()


def test_a_product_never_selected_goes_back_to_its_passport_with_an_error(client_for, registry):
    product = registry["product_a"]
    client = client_for("officer_a")
    assert (
        'data-testid="draft-case-study"' not in client.get(passport_url(product)).content.decode()
    )

    response = client.post(draft_url(product), follow=True)

    assert response.redirect_chain[0][0] == f"{passport_url(product)}#knowledge"
    assert "ร่างกรณีศึกษาได้เฉพาะผลิตภัณฑ์ที่ได้รับคัดเลือกเข้าโครงการ KBO" in response.content.decode()
    assert not Item.objects.filter(product=product).exists()


# The passport's knowledge section -------------------------------------------------------------


def test_the_passport_shows_a_draft_case_study_only_to_those_who_may_read_it(
    client_for, developed, people
):
    product = developed["product_a"]
    client_for("officer_a").post(draft_url(product))
    item = Item.objects.get(product=product)

    def shown_to(persona: str) -> bool:
        html = client_for(persona).get(passport_url(product)).content.decode()
        return f'data-testid="knowledge-{item.pk}"' in html

    assert shown_to("officer_a") and shown_to("national")
    assert not shown_to("producer_a") and not shown_to("committee_a")
    item_publish(by=people["officer_a"], item=item, visibility="PROVINCE")
    assert shown_to("producer_a") and shown_to("committee_a")


def test_the_passport_relates_knowledge_of_its_needs_areas(client_for, developed, people):
    national = people["national"]
    packaging = library_item(national, "กล่องบรรจุผ้าทอ", areas=["packaging"])
    finance = library_item(national, "บัญชีครัวเรือน", areas=["finance"])
    html = client_for("producer_a").get(passport_url(developed["product_a"])).content.decode()
    section = html.split('id="knowledge"', 1)[1]
    assert packaging.title in section
    assert finance.title not in section


# Related knowledge beside the needs of a development plan ---------------------------------------


def test_a_packaging_need_in_a_plan_shows_packaging_knowledge(client_for, developed, people):
    national = people["national"]
    packaging = library_item(national, "เทคนิคออกแบบกล่องกระดาษ", areas=["packaging"])
    finance = library_item(national, "การทำบัญชีต้นทุน", areas=["finance"])
    draft_b = library_item(
        national,
        "บรรจุภัณฑ์ร่างของแม่ฮ่องสอน",
        areas=["packaging"],
        visibility="DRAFT",
        province=developed["product_b"].province,
    )
    need = developed["a"]["need"]
    url = reverse("programmes:participant", args=[developed["a"]["decision"].pk])

    html = client_for("committee_a").get(url).content.decode()

    cell = html.split(f'data-testid="need-knowledge-{need.pk}"', 1)[1].split("</td>", 1)[0]
    assert packaging.title in cell
    assert f'href="/knowledge/{packaging.pk}/"' in cell
    assert finance.title not in html
    assert draft_b.title not in html


def test_related_knowledge_in_a_plan_costs_one_query_per_area_not_per_need(
    client_for, developed, people
):
    library_item(people["national"], "เทคนิคออกแบบกล่องกระดาษ", areas=["packaging"])
    url = reverse("programmes:participant", args=[developed["a"]["decision"].pk])
    client = client_for("officer_a")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    decision = developed["a"]["decision"]
    for n in range(3):
        Need.objects.create(decision=decision, area="PACKAGING", description=f"กล่อง {n}")
    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()
    assert len(after) == len(before)
    assert html.count("เทคนิคออกแบบกล่องกระดาษ") == 4


# Materials of a training's sessions -----------------------------------------------------------


def test_a_session_lists_its_materials_the_reader_may_read(client_for, developed, people):
    national = people["national"]
    province_a = developed["product_a"].province
    training = Training.objects.create(
        project=developed["project_a"],
        title="การออกแบบบรรจุภัณฑ์",
        starts_on=dt.date(2022, 2, 14),
        ends_on=dt.date(2022, 2, 15),
    )
    session = Session.objects.create(training=training, day=dt.date(2022, 2, 14), topic="กล่อง")
    other = Session.objects.create(training=training, day=dt.date(2022, 2, 15), topic="ฉลาก")
    public = library_item(national, "เอกสารอบรมสาธารณะ", sessions=[session], kind=Kind.TRAINING)
    province = library_item(
        national,
        "สไลด์อบรมของจังหวัด",
        visibility="PROVINCE",
        province=province_a,
        sessions=[session, other],
        kind=Kind.TRAINING,
    )
    draft = library_item(
        national,
        "ร่างเอกสารอบรม",
        visibility="DRAFT",
        province=province_a,
        sessions=[session],
        kind=Kind.TRAINING,
    )
    url = reverse("trainings:training", args=[training.pk])

    html = client_for("committee_a").get(url).content.decode()

    materials = html.split(f'data-testid="materials-{session.pk}"', 1)[1].split("</div>", 1)[0]
    assert public.title in materials and province.title in materials
    assert draft.title not in html
    later = html.split(f'data-testid="materials-{other.pk}"', 1)[1].split("</div>", 1)[0]
    assert province.title in later and public.title not in later
    assert draft.title in client_for("officer_a").get(url).content.decode()


def test_plan_items_of_an_area_without_a_need_bring_their_knowledge(client_for, developed, people):
    from kbo.programmes.models import PlanItem

    national = people["national"]
    pricing = library_item(national, "การคำนวณต้นทุนและตั้งราคา", areas=["pricing"])
    packaging = library_item(national, "เทคนิคออกแบบกล่องกระดาษ", areas=["packaging"])
    decision = developed["a"]["decision"]
    PlanItem.objects.create(decision=decision, area="PRICE", action="คำนวณต้นทุนใหม่")
    url = reverse("programmes:participant", args=[decision.pk])

    html = client_for("officer_a").get(url).content.decode()

    block = html.split('data-testid="plan-knowledge"', 1)[1].split("</ul>", 1)[0]
    assert pricing.title in block
    # Packaging already has a need, whose row shows its knowledge.
    assert packaging.title not in block
