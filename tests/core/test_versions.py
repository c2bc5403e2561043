"""Data versions: a committed change to a watched model bumps its area's version once, a
rolled-back one never does, the versions live in the database (every process and connection
sees them), and `cached` serves a value until a version it depends on changes."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from kbo.accounts.models import User
from kbo.core import versions
from kbo.core.models import DataVersion
from kbo.geo.models import Province, Region
from kbo.showcase.models import News


@pytest.fixture
def committed(db):
    """The data made so far counts as committed: its pending on-commit callbacks run now."""
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, callback, _robust in pending:
        callback()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs the block's on-commit callbacks at its end, as a commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def figures_cache(settings):
    settings.KBO_FIGURES_CACHE = True
    cache.clear()
    yield
    cache.clear()


def test_current_reads_every_name_in_one_query(db, django_assert_num_queries):
    first = versions.current("registry", "geo")  # the rows are made on first use
    with django_assert_num_queries(1):
        assert versions.current("registry", "geo") == first
    assert versions.current("geo", "registry") == first[::-1]
    assert set(DataVersion.objects.values_list("name", flat=True)) >= {"registry", "geo"}


def test_a_new_counter_never_repeats_a_number_of_a_deleted_one(db):
    (old,) = versions.current("showcase")
    DataVersion.objects.filter(name="showcase").delete()  # e.g. a restored or flushed database
    (new,) = versions.current("showcase")
    assert new > old


def test_a_saved_change_bumps_its_area_when_it_commits(geo, committed, commit):
    before = versions.stamp("geo", "showcase")
    with commit() as callbacks:
        province = Province.objects.get(code="50")
        province.name_en = "Chiang Mai City"
        province.save()
        assert versions.stamp("geo", "showcase") == before  # not before the commit
    assert len(callbacks) == 1
    assert versions.stamp("geo", "showcase") == {**before, "geo": before["geo"] + 1}


def test_deletes_and_many_to_many_changes_bump_too(registry, committed, commit):
    before = versions.stamp("registry", "geo")
    with commit():
        registry["producer_b"].accounts.add(User.objects.create_user(username="helper"))
    assert versions.stamp("registry", "geo")["registry"] == before["registry"] + 1
    with commit():
        registry["product_b"].sales.all().delete()
    after = versions.stamp("registry", "geo")
    assert after == {"registry": before["registry"] + 2, "geo": before["geo"]}


def test_many_changes_in_one_transaction_bump_once(geo, committed, commit):
    (before,) = versions.current("geo")
    with commit() as callbacks:
        for n in range(5):
            Region.objects.create(code=f"r{n}", name_th=f"ภาค {n}", name_en=f"Region {n}")
    assert len(callbacks) == 1
    assert versions.current("geo") == (before + 1,)


def test_a_rolled_back_change_does_not_bump(geo, committed, commit):
    before = versions.stamp("geo", "showcase")
    with commit() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        Region.objects.create(code="gone", name_th="ภาคหาย", name_en="Gone")
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert versions.stamp("geo", "showcase") == before


def test_a_rolled_back_savepoint_drops_only_its_own_bump(geo, committed, commit):
    """The inner change rolls back (no bump for it); a later change of the same transaction
    still bumps, although a bump was registered, then dropped, before it."""
    before = versions.stamp("geo", "showcase")
    with commit(), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            News.objects.create(title="ร่าง", body="ร่าง", published_on="2020-01-01")
            Region.objects.create(code="gone", name_th="ภาคหาย", name_en="Gone")
            raise RuntimeError("the savepoint rolls back")
        Region.objects.create(code="kept", name_th="ภาคอยู่", name_en="Kept")
    after = versions.stamp("geo", "showcase")
    assert after == {"geo": before["geo"] + 1, "showcase": before["showcase"]}


def test_bump_all_bumps_every_watched_area(db, committed, commit):
    before = versions.stamp(*versions.NAMES)
    with commit():
        versions.bump_all()
    assert versions.stamp(*versions.NAMES) == {n: v + 1 for n, v in before.items()}
    assert {"registry", "programmes", "contests", "showcase", "geo"} <= set(versions.NAMES)


def test_cached_serves_the_value_until_a_version_it_depends_on_changes(
    db, committed, commit, figures_cache
):
    computed = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    def value() -> int:
        return versions.cached(("test-figure", 1), compute, depends=("registry", "geo"))

    assert value() == 1 and value() == 1
    with commit():
        versions.bump("showcase")  # not a dependency
    assert value() == 1
    with commit():
        versions.bump("geo")
    assert value() == 2 and value() == 2
    assert versions.cached(("test-figure", 2), compute, depends=("geo",)) == 3


def test_with_the_cache_off_it_computes_every_time(db, settings):
    settings.KBO_FIGURES_CACHE = False
    found = iter(range(10))
    assert versions.cached(("test-off",), lambda: next(found), depends=("geo",)) == 0
    assert versions.cached(("test-off",), lambda: next(found), depends=("geo",)) == 1


@pytest.mark.django_db(transaction=True)
def test_versions_are_shared_across_connections_and_commits(geo, figures_cache):
    """Real commits: another connection (as another web process would) commits a change; this
    one sees the new version, so what it cached before is not served again. A transaction
    rolled back for real bumps nothing."""
    before = versions.stamp("geo")
    assert versions.cached(("test-names",), lambda: "old", depends=("geo",)) == "old"
    errors: list[BaseException] = []

    def other_process() -> None:
        try:
            with transaction.atomic():
                Region.objects.create(code="far", name_th="ภาคไกล", name_en="Far")
                assert versions.stamp("geo") == before  # not until it commits
            with pytest.raises(RuntimeError), transaction.atomic():
                Region.objects.create(code="lost", name_th="ภาคหาย", name_en="Lost")
                raise RuntimeError("rolled back")
        except BaseException as error:  # reported to the test
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=other_process)
    thread.start()
    thread.join(timeout=60)
    assert errors == []
    assert versions.stamp("geo") == {"geo": before["geo"] + 1}
    assert versions.cached(("test-names",), lambda: "new", depends=("geo",)) == "new"
