"""Schemathesis against /api/v1/schema/: generated requests to every operation, as a national
administrator and as a provincial officer, never get a server error and match the schema."""

import schemathesis
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
