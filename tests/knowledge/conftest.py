import pytest


@pytest.fixture
def areas(db):
    from kbo.network.areas import ensure_areas
    from kbo.network.models import ExpertiseArea

    ensure_areas()  # seeded by a migration, but flushed by earlier transactional tests
    return {a.code: a for a in ExpertiseArea.objects.all()}


@pytest.fixture
def make_item(people, areas):
    """make_item(title, kind=..., province=..., visibility=..., areas=[codes], ...)"""
    from kbo.knowledge.models import Item
    from kbo.knowledge.services import item_save

    def build(title, *, area_codes=(), categories=(), by=None, **fields):
        fields.setdefault("kind", "TECHNIQUE")
        return item_save(
            by=by or people["national"],
            item=Item(title=title, **fields),
            areas=[areas[c] for c in area_codes],
            categories=list(categories),
        )

    return build
