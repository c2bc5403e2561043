"""News: the public reads published items; the province's officers and national staff write."""

import datetime as dt

from auditlog.models import LogEntry
from django.urls import reverse

from kbo.showcase.models import News


def form_data(province_code: str = "50", **extra) -> dict:
    from kbo.geo.models import Province

    data = {
        "province": Province.objects.get(code=province_code).pk,
        "title": "อบรม 5 วัน พัฒนาผลิตภัณฑ์",
        "published_on": "2020-06-26",
        "body": "วันที่ 1–2 ตลาดอาเซียน\n\nวันที่ 5 ประกวด",
        "status": "PUBLISHED",
    }
    return {**data, **extra}


def test_the_list_shows_published_news_only(showcase, client_for):
    response = client_for("anonymous").get(reverse("showcase:news"))
    assert [n.title for n in response.context["page"].object_list] == ["ข่าวประชุม KBO"]


def test_a_news_item_shows_its_paragraphs(showcase, client_for):
    response = client_for("anonymous").get(
        reverse("showcase:news_detail", args=[showcase["news"].pk])
    )
    assert response.context["news"].paragraphs == ["ย่อหน้าหนึ่ง", "ย่อหน้าสอง"]


def test_an_officer_adds_news_of_their_province_with_an_audit_row(showcase, client_for, people):
    response = client_for("officer_a").post(reverse("showcase:news_add"), form_data())
    item = News.objects.get(title="อบรม 5 วัน พัฒนาผลิตภัณฑ์")
    assert response.status_code == 302
    assert response["Location"] == reverse("showcase:news_detail", args=[item.pk])
    assert (item.province.code, item.created_by, item.updated_by) == (
        "50",
        people["officer_a"],
        people["officer_a"],
    )
    assert LogEntry.objects.get_for_object(item).get().actor == people["officer_a"]
    assert (
        client_for("anonymous").get(reverse("showcase:news_detail", args=[item.pk])).status_code
        == 200
    )


def test_an_officer_cannot_write_for_another_province(showcase, client_for):
    response = client_for("officer_a").post(reverse("showcase:news_add"), form_data("58"))
    assert response.status_code == 200  # the form again, with the province refused
    assert "province" in response.context["form"].errors
    assert not News.objects.filter(title="อบรม 5 วัน พัฒนาผลิตภัณฑ์").exists()


def test_national_staff_write_national_news(showcase, client_for):
    data = form_data(title="ข่าวระดับประเทศ")
    data["province"] = ""
    client_for("national").post(reverse("showcase:news_add"), data)
    assert News.objects.get(title="ข่าวระดับประเทศ").province is None


def test_an_officer_must_name_a_province(showcase, client_for):
    data = form_data(title="ไม่มีจังหวัด")
    data["province"] = ""
    client_for("officer_a").post(reverse("showcase:news_add"), data)
    assert not News.objects.filter(title="ไม่มีจังหวัด").exists()


def test_an_officer_edits_and_publishes_a_draft(showcase, client_for, people):
    draft = showcase["draft"]
    client_for("officer_a").post(
        reverse("showcase:news_edit", args=[draft.pk]), form_data(title="ประกาศผลการประกวด")
    )
    draft.refresh_from_db()
    assert (draft.title, draft.status, draft.updated_by) == (
        "ประกาศผลการประกวด",
        "PUBLISHED",
        people["officer_a"],
    )


def test_others_may_not_add_or_edit(showcase, client_for):
    for persona in ("committee_a", "judge_a", "producer_a"):
        assert client_for(persona).get(reverse("showcase:news_add")).status_code == 403
        url = reverse("showcase:news_edit", args=[showcase["news"].pk])
        assert client_for(persona).post(url, form_data(title="x")).status_code == 404
    assert (
        client_for("officer_b")
        .get(reverse("showcase:news_edit", args=[showcase["news"].pk]))
        .status_code
        == 404
    )
    assert News.objects.get(pk=showcase["news"].pk).title == "ข่าวประชุม KBO"


def test_the_project_must_be_of_the_news_province(showcase, client_for, geo):
    from kbo.programmes.models import Activity, Project

    other = Project.objects.create(province=geo["58"], fiscal_year=2563, name="โครงการ B")
    response = client_for("national").post(
        reverse("showcase:news_add"), form_data(title="ผิดโครงการ", project=other.pk)
    )
    assert "project" in response.context["form"].errors
    activity = Activity.objects.create(project=showcase["project"], kind="CONTEST")
    client_for("officer_a").post(
        reverse("showcase:news_add"), form_data(title="ข่าวการประกวด", activity=activity.pk)
    )
    item = News.objects.get(title="ข่าวการประกวด")
    assert (item.project, item.activity) == (showcase["project"], activity)


def test_a_draft_is_previewed_by_its_managers_only(showcase, client_for):
    url = reverse("showcase:news_detail", args=[showcase["draft"].pk])
    assert client_for("officer_a").get(url).status_code == 200
    assert client_for("officer_b").get(url).status_code == 404
    assert client_for("anonymous").get(url).status_code == 404


def test_summary_is_the_first_paragraph_cut_short():
    item = News(title="t", body=("ก" * 300) + "\n\nสอง", published_on=dt.date(2020, 1, 1))
    assert len(item.summary) == 198 and item.summary.endswith("…")
