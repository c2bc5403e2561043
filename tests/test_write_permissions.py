"""The write matrix: every route that accepts POST/PUT/PATCH/DELETE × every persona × objects
of both provinces. Allowed personas get their success answer and the write lands; everyone
else is refused and the database is unchanged (row counts of every table and a checksum of the
target rows). A new write route fails `test_every_write_route_is_listed` until it has a row
in tests/write_cases.py (or is listed there as reads-only or as an export).

One world (tests/test_permissions.py's) is built once for the module; each persona's request
runs in a savepoint that is rolled back, so every request sees the same world.
"""

import json

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

import tests.conftest as shared
import tests.test_permissions as read_matrix
from tests import write_cases
from tests.permission_cases import PERSONAS
from tests.write_cases import SUCCESS, Write, expected, url_kwargs
from tests.write_helpers import (
    differences,
    fingerprint,
    fixture_function,
    form_values,
    write_routes,
)

# Tables a request may touch without changing the platform's data.
READ_LOG = {"privacy_personaldataaccess"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The read matrix's world, built once; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        geo = fixture_function(shared.geo)(None)
        people = fixture_function(shared.people)(geo)
        registry = fixture_function(shared.registry)(people, geo)
        network = fixture_function(shared.kbo_network)(people, geo)
        made = fixture_function(read_matrix.world)(people, registry, network)
        made["people"] = people
        yield made
        transaction.set_rollback(True)


def client_of(world: dict, persona: str, **options) -> Client:
    client = Client(**options)
    if persona != "anonymous":
        client.force_login(world["people"][persona])
    return client


def send(client: Client, case: Write, url: str, data: dict):
    if case.api:
        return getattr(client, case.method)(url, json.dumps(data), content_type="application/json")
    return getattr(client, case.method)(url, data)


def build_data(case: Write, world: dict, url: str) -> dict:
    data: dict = {}
    if case.form:
        page = client_of(world, case.form_as).get(url)
        assert page.status_code == 200, f"{case.form_as} cannot open the form {url}"
        data = form_values(page.content.decode(), url)
    extra = case.data(world) if callable(case.data) else case.data
    return data | extra


def listed() -> set[str]:
    return (
        {case.name for case in write_cases.WRITES}
        | {name for name, _ in write_cases.READS_ONLY}
        | set(write_cases.EXPORTS)
    )


def test_every_write_route_is_listed():
    missing = set(write_routes()) - listed()
    assert missing == set(), "add these write routes to tests/write_cases.py"


def test_the_write_matrix_lists_no_route_that_is_gone():
    assert listed() - set(write_routes()) == set()


def test_a_new_write_route_fails_until_listed(settings):
    settings.ROOT_URLCONF = "tests.urls_with_extra"
    assert set(write_routes()) - listed() == {"extra:unlisted"}


CASES = write_cases.WRITES


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.name}{'[' + c.note + ']' if c.note else ''}" for c in CASES]
)
def test_write(case: Write, world, db):
    problems = run(case, world)
    assert not problems, f"{case.method.upper()} {case.name} [{case.note}]\n" + "\n".join(problems)


def run(case: Write, world: dict) -> list[str]:
    """Send the case's write as every persona (each in a rolled-back savepoint); the problems."""
    answers = expected(case)
    url = reverse(case.name, kwargs=url_kwargs(case, world))
    targets = case.target(world) if case.target else []
    problems = []
    for persona in PERSONAS:
        cache.clear()  # sign-in throttling counts failures in the cache
        with transaction.atomic():
            data = build_data(case, world, url)
            client = client_of(world, persona)
            before = fingerprint(*targets)
            response = send(client, case, url, data)
            changed = differences(before, fingerprint(*targets))
            transaction.set_rollback(True)
        want = answers[persona]
        if response.status_code != want:
            problems.append(f"{persona}: {response.status_code}, expected {want}{errors(response)}")
        elif want in SUCCESS and case.changes and not changed and persona in allowed(answers, case):
            problems.append(f"{persona}: answered {want} but nothing was written")
        elif persona not in allowed(answers, case) and changed:
            problems.append(f"{persona}: refused ({want}) but the database changed: {changed}")
        login = reverse("accounts:login")
        to_login = persona == "anonymous" and want == 302 and case.to_login
        if to_login and not response["Location"].startswith(login):
            problems.append(f"anonymous: sent to {response['Location']}, not to sign in")
    return problems


def errors(response) -> str:
    """The form errors of a page answered instead of a redirect (to explain a failure)."""
    if getattr(response, "data", None) is not None:
        return f" {response.data}"
    form = (response.context or {}).get("form") if response.status_code == 200 else None
    return f" {form.errors.as_data()}" if form is not None and form.errors else ""


def allowed(answers: dict[str, int], case: Write) -> set[str]:
    return {
        p
        for p, code in answers.items()
        if code in SUCCESS and p != "anonymous" and p not in case.form_refuses
    }


def test_posts_to_pages_that_only_read_change_nothing(world, db):
    """A POST to a page that only reads (its view accepts any method) writes nothing."""
    problems = []
    for name, note in write_cases.READS_ONLY:
        case = write_cases.read_case(name, note)
        kwargs = case.kwargs(world) if callable(case.kwargs) else case.kwargs
        url = reverse(name, kwargs=kwargs)
        for persona in ("anonymous", "officer_a", "national"):
            with transaction.atomic():
                client = client_of(world, persona)
                before = fingerprint()
                response = client.post(url, {"name": "x", "status": "PUBLISHED"})
                changed = [
                    d for d in differences(before, fingerprint()) if d.split(":")[0] not in READ_LOG
                ]
                transaction.set_rollback(True)
            if response.status_code >= 500 or changed:
                problems.append(f"{persona} POST {url}: {response.status_code} {changed}")
    assert not problems, "\n".join(problems)


def test_a_post_without_csrf_token_is_refused(world, db):
    """With CSRF checks on (as in production), a signed-in form and a session-authenticated
    API write without the token are refused, and nothing is written."""
    client = client_of(world, "officer_a", enforce_csrf_checks=True)
    producer = world["producer_a"]
    before = fingerprint(producer)
    page = client.post(
        reverse("registry:producer_edit", kwargs={"pk": producer.pk}), {"name": "ไม่มีโทเคน"}
    )
    api = client.patch(
        reverse("api:producer-detail", kwargs={"pk": producer.pk}),
        json.dumps({"name": "ไม่มีโทเคน"}),
        content_type="application/json",
    )
    assert (page.status_code, api.status_code) == (403, 403)
    assert differences(before, fingerprint(producer)) == []
