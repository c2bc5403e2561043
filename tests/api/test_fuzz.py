"""Schemathesis against /api/v1/schema/: generated requests to every operation, as a national
administrator and as a provincial officer, never get a server error and match the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kbo.wsgi import application

# The schema view needs no database; the generated requests run inside each test's.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes "old" connections around each request; inside a test's
    transaction that would close the test's own connection (Django's test client does the
    same disconnecting)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def call_as(case, user):
    token = Token.objects.get_or_create(user=user)[0].key
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_as_national_administrator(case, registry, kbo_network, people):
    call_as(case, people["national"])


@schema.parametrize()
@FUZZ
def test_as_provincial_officer(case, registry, kbo_network, people):
    call_as(case, people["officer_a"])
