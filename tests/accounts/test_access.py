from kbo.accounts import access
from kbo.accounts.models import Membership


def test_scope_limits_rows_to_the_users_provinces(people, geo):
    rows = Membership.objects.all()
    codes = {m.province.code for m in access.scope(rows, people["officer_a"]) if m.province}
    assert codes == {"50"}


def test_national_staff_see_every_province(people):
    assert (
        access.scope(Membership.objects.all(), people["national"]).count()
        == Membership.objects.count()
    )


def test_an_anonymous_visitor_sees_nothing_private(people):
    from django.contrib.auth.models import AnonymousUser

    assert access.scope(Membership.objects.all(), AnonymousUser()).count() == 0


def test_an_ended_membership_gives_no_access(people, geo):
    officer = people["officer_a"]
    officer.memberships.update(is_active=False)
    access.forget(officer)
    assert access.province_ids(officer) == set()
    assert not access.can_manage_province(officer, geo["50"].pk)
