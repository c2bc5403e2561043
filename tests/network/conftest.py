import pytest


@pytest.fixture(autouse=True)
def _expertise_areas(db):
    """The taxonomy a migration seeds; transactional tests elsewhere flush it away."""
    from kbo.network.areas import ensure_areas

    ensure_areas()
