"""The knowledge library's forms: what an editor may choose, and the filters of the list."""

import datetime as dt

import pytest
from django.http import QueryDict

from kbo.knowledge.forms import FilterForm, ItemForm
from kbo.knowledge.models import Item
from kbo.network.models import KnowledgeSource


@pytest.fixture
def sessions(geo):
    from kbo.programmes.models import Project
    from kbo.trainings.models import Session, Training

    made = {}
    for key, code in (("a", "50"), ("b", "58")):
        project = Project.objects.create(
            province=geo[code], fiscal_year=2565, name=f"โครงการ {key}"
        )
        training = Training.objects.create(
            project=project,
            title=f"หลักสูตรบรรจุภัณฑ์ {key}",
            starts_on=dt.date(2022, 2, 14),
            ends_on=dt.date(2022, 2, 18),
        )
        made[key] = Session.objects.create(
            training=training, day=dt.date(2022, 2, 15), topic=f"การออกแบบกล่อง {key}"
        )
    return made


def test_an_officer_chooses_only_their_own_province_and_must_choose_one(people, geo):
    form = ItemForm(by=people["officer_a"], instance=Item())
    field = form.fields["province"]
    assert list(field.queryset) == [geo["50"]]
    assert field.required


def test_national_staff_may_leave_the_province_empty_for_a_national_item(people, geo):
    form = ItemForm(by=people["national"], instance=Item())
    field = form.fields["province"]
    assert not field.required
    assert {geo["50"], geo["58"]} <= set(field.queryset)


def test_the_sessions_offered_are_those_of_the_officers_province_labelled_in_full(people, sessions):
    form = ItemForm(by=people["officer_a"], instance=Item())
    field = form.fields["sessions"]
    assert list(field.queryset) == [sessions["a"]]
    label = field.label_from_instance(sessions["a"])
    assert "หลักสูตรบรรจุภัณฑ์ a" in label and "การออกแบบกล่อง a" in label and "2565" in label


def test_only_listed_knowledge_sources_are_offered_as_authors(people, kbo_network):
    hidden = kbo_network["source_a"]
    KnowledgeSource.objects.filter(pk=hidden.pk).update(listed=False)
    form = ItemForm(by=people["officer_a"], instance=Item())
    offered = set(form.fields["authors"].queryset)
    assert hidden not in offered and kbo_network["source_b"] in offered


def test_the_body_is_edited_in_trix_bound_to_a_hidden_input(people):
    html = str(ItemForm(by=people["national"], instance=Item())["body"])
    assert '<input type="hidden" name="body"' in html and 'id="id_body"' in html
    assert '<trix-editor input="id_body"' in html


def test_an_edit_form_starts_from_the_items_lists_and_version(people, geo, kbo_network):
    from kbo.knowledge.services import item_save
    from kbo.network.models import ExpertiseArea

    item = item_save(
        by=people["national"],
        item=Item(kind="TEMPLATE", province=geo["50"], title="แบบฟอร์ม"),
        areas=list(ExpertiseArea.objects.filter(code="packaging")),
        categories=["FOOD"],
        authors=[kbo_network["source_a"]],
    )
    form = ItemForm(by=people["officer_a"], instance=item)
    assert [a.code for a in form.initial["areas"]] == ["packaging"]
    assert form.initial["categories"] == ["FOOD"]
    assert form.initial["authors"] == [kbo_network["source_a"]]
    assert form.initial["version"] == 1


def test_the_visibility_filter_is_offered_to_editors_only(db):
    assert "visibility" in FilterForm(editor=True).fields
    assert "visibility" not in FilterForm(editor=False).fields


def test_an_unknown_filter_value_is_ignored_not_an_error(db):
    form = FilterForm(QueryDict("kind=NOPE&q=มผช"), editor=False)
    assert form.filters() == {"q": "มผช"}
