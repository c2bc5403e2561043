from auditlog.models import LogEntry
from django.urls import reverse

from kbo.accounts.models import Membership, Role, User


def new_person(**extra):
    return {
        "username": "boonma",
        "first_name": "บุญมา",
        "last_name": "ทองดี",
        "email": "b@example.org",
        "phone": "0812345678",
        "role": "committee",
        "province": "",
        "organisation": "มหาวิทยาลัยแม่โจ้",
        "password": "Tong-dee-2569!",
        **extra,
    }


def test_an_officer_adds_a_committee_member_in_their_province(client_for, people, geo):
    response = client_for("officer_a").post(
        reverse("accounts:person_add"), new_person(province=geo["50"].pk)
    )
    membership = Membership.objects.get(user__username="boonma")
    assert response.status_code == 302
    assert (membership.role, membership.province.code) == (Role.COMMITTEE, "50")
    assert membership.user.check_password("Tong-dee-2569!")
    entry = LogEntry.objects.get_for_object(membership).get()
    assert entry.actor == people["officer_a"] and entry.action == LogEntry.Action.CREATE


def test_an_officer_cannot_add_people_to_another_province(client_for, geo):
    response = client_for("officer_a").post(
        reverse("accounts:person_add"), new_person(province=geo["58"].pk)
    )
    assert response.status_code == 200 and "province" in response.context["form"].errors
    assert not User.objects.filter(username="boonma").exists()


def test_an_officer_cannot_create_a_national_administrator(client_for, geo):
    response = client_for("officer_a").post(
        reverse("accounts:person_add"), new_person(role="national_admin", province=geo["50"].pk)
    )
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="boonma").exists()


def test_a_weak_password_is_refused_with_the_reason(client_for, geo):
    response = client_for("officer_a").post(
        reverse("accounts:person_add"), new_person(province=geo["50"].pk, password="12345678")
    )
    assert response.context["form"].errors["password"]
    assert not User.objects.filter(username="boonma").exists()


def test_the_people_list_shows_only_the_officers_province(client_for):
    html = client_for("officer_a").get(reverse("accounts:people")).content.decode()
    assert "producer_a" in html and "producer_b" not in html


def test_the_people_list_filters_by_role(client_for):
    response = client_for("national").get(reverse("accounts:people"), {"role": "judge"})
    assert [m.user.username for m in response.context["page"]] == ["judge_a"]


def test_changing_a_membership_is_audited_and_shown_in_thai(client_for, people):
    membership = people["producer_a"].memberships.get()
    client = client_for("officer_a")
    response = client.post(
        reverse("accounts:membership_edit", args=[membership.pk]),
        {"role": "committee", "organisation": "วิสาหกิจชุมชน", "is_active": "on"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.COMMITTEE
    entry = LogEntry.objects.get_for_object(membership).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == people["officer_a"] and entry.changes_dict["role"] == [
        "producer",
        "committee",
    ]

    html = client.get(
        reverse("accounts:history", args=["accounts.membership", membership.pk])
    ).content.decode()
    assert (
        "<strong>บทบาท</strong>: Producer → Committee member" not in html
    )  # labels are translated
    assert "<strong>บทบาท</strong>: ผู้ผลิต OTOP → กรรมการเครือข่าย" in html
    assert "แก้ไข" in html and "สมชาย" in html  # what happened, and who did it


def test_nobody_changes_their_own_membership(client_for, people):
    own = people["officer_a"].memberships.get()
    assert (
        client_for("officer_a").get(reverse("accounts:membership_edit", args=[own.pk])).status_code
        == 403
    )


def test_preferences_save_thai_digits_and_language(client_for, people):
    client = client_for("officer_a")
    response = client.post(
        reverse("accounts:preferences"),
        {
            "first_name": "สมชาย",
            "last_name": "ใจดี",
            "email": "",
            "phone": "",
            "thai_digits": "on",
            "language": "en",
        },
    )
    assert response.cookies["kbo_language"].value == "en"
    people["officer_a"].refresh_from_db()
    assert people["officer_a"].thai_digits is True


def test_sign_in_with_the_login_form(client, people):
    from tests.conftest import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": "judge_a", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"].username == "judge_a"


def test_a_forgotten_password_can_be_reset_by_email(client, people, mailoutbox):
    people["officer_a"].email = "somchai@example.org"
    people["officer_a"].save()
    client.post(reverse("accounts:password_reset"), {"email": "somchai@example.org"})
    assert len(mailoutbox) == 1
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/" in line
    )
    form = client.get(link.split("testserver", 1)[1], follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Somchai-new-2569", "new_password2": "Somchai-new-2569"},
    )
    assert response.status_code == 302
    people["officer_a"].refresh_from_db()
    assert people["officer_a"].check_password("Somchai-new-2569")
