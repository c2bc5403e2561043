"""Fixtures of the privacy tests: the shared personas and registry, and the dashboards'
hand-counted world (for statistics before and after an erasure)."""

import pytest
from rest_framework.test import APIClient

from tests.dashboards.conftest import dash  # noqa: F401


@pytest.fixture
def api_for(people):
    def build(persona: str) -> APIClient:
        client = APIClient()
        if persona != "anonymous":
            client.force_authenticate(people[persona])
        return client

    return build
