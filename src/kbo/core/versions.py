"""Data versions: one counter per area of data, so cached figures are correct across processes.

A cached value is stored under the versions of the data it was computed from
(`cached(..., depends=("registry", "programmes"))`). Every committed change to a watched
model bumps its area's counter, so the next reader computes afresh under a new key; old
entries are never read again and expire. The counters are rows in the database
(`DataVersion`), read on every cached lookup, so every web process and worker agrees.

Why this never serves old data under a new version: a change bumps only AFTER its
transaction commits (`transaction.on_commit`; a rolled-back change never bumps), and a
reader reads the versions BEFORE it computes. A reader that sees the new number therefore
computes from the committed change. The worst case is the short window between a commit and
its bump: a reader may then cache the NEW data under the OLD number, which is harmless.

Writes that bypass model signals (`QuerySet.update`, `bulk_create`, COPY, raw SQL) call
`bump(...)` themselves. After restoring a database backup, call `bump_all()` (or clear the
cache): a restore can rewind the counters to numbers already used for other data.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation

logger = logging.getLogger(__name__)
T = TypeVar("T")

# The watched data, in one place: app label (or "app_label.ModelName") -> version names.
# Every model of a listed app is watched, its auto-created many-to-many tables included.
WATCHED: dict[str, tuple[str, ...]] = {
    "geo": ("geo",),  # province and district names shown everywhere
    "registry": ("registry",),  # producers, products, stars, segments, certificates, sales, photos
    "network": ("network",),  # committee seats (a contest's detected conflicts)
    "programmes": ("programmes",),  # projects, activities, decisions, needs, plans
    "outcomes": ("outcomes",),  # KPIs
    "contests": ("contests",),  # contests, entries, judges, scores, results
    "showcase": ("showcase",),  # news
    "knowledge": ("knowledge",),  # knowledge items (the showcase's public ones)
}
NAMES = tuple(sorted({name for names in WATCHED.values() for name in names}))

# Cached entries live at most this long (a safety net; invalidation is by version).
TIMEOUT = 24 * 60 * 60
# Part of every key: change it when the shape of a cached value changes.
FORMAT = 1


def enabled() -> bool:
    return bool(getattr(settings, "KBO_FIGURES_CACHE", True))


def _model():
    return apps.get_model("core", "DataVersion")


def _first_version() -> int:
    """A new counter starts at the clock in microseconds, so a counter that is deleted and
    made again (a restored or flushed database) never repeats a number it had before."""
    return time.time_ns() // 1000


# Reading ---------------------------------------------------------------------------------


def current(*names: str) -> tuple[int, ...]:
    """The versions of `names`, in order, read in one query (a missing row is created)."""
    model = _model()
    found = dict(model.objects.filter(name__in=names).values_list("name", "version"))
    missing = [name for name in names if name not in found]
    if missing:
        model.objects.bulk_create(
            [model(name=name, version=_first_version()) for name in missing],
            ignore_conflicts=True,
        )
        found = dict(model.objects.filter(name__in=names).values_list("name", "version"))
    return tuple(found[name] for name in names)


# Bumping ---------------------------------------------------------------------------------


class _Bump:
    """An on-commit callback that bumps a set of names (merged while the transaction runs)."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self.done = False

    def __call__(self) -> None:
        self.done = True
        _apply(sorted(self.names))


def _apply(names: Sequence[str]) -> None:
    model = _model()
    now = timezone.now()
    changed = model.objects.filter(name__in=names).update(version=F("version") + 1, updated_at=now)
    if changed < len(names):
        # Two writers may both find a row missing; both changes are committed by now, so a
        # single new row (a number never used before) serves both.
        model.objects.bulk_create(
            [model(name=name, version=_first_version()) for name in names],
            ignore_conflicts=True,
        )


def bump(*names: str) -> None:
    """Mark the data of `names` changed: now, or when the current transaction commits.

    Within a transaction the names join a pending bump registered at the same or an outer
    savepoint (one UPDATE however many rows change); a savepoint or transaction that rolls
    back drops its bump with it.
    """
    if not names:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        _apply(sorted(set(names)))
        return
    savepoints = set(connection.savepoint_ids)
    for entry in connection.run_on_commit:  # (savepoint ids, callback, robust)
        registered_at, func = entry[0], entry[1]
        # A bump registered where it survives whenever this change does can carry it.
        if isinstance(func, _Bump) and not func.done and registered_at <= savepoints:
            func.names.update(names)
            return
    transaction.on_commit(_Bump(set(names)), robust=True)


def renumber_all() -> None:
    """After a restore: every counter jumps past any number it has had (the clock in
    microseconds), so no cached value from before the restore matches again, in any process."""
    from django.db.models import Value
    from django.db.models.functions import Greatest

    _model().objects.update(
        version=Greatest(F("version") + 1, Value(_first_version())), updated_at=timezone.now()
    )


def bump_all() -> None:
    """Mark every watched area changed (after a restore, or a load that bypassed the ORM)."""
    bump(*NAMES)


# Watching the models ---------------------------------------------------------------------

_names_of: dict[type[Model], tuple[str, ...]] = {}


def _watched_models() -> dict[type[Model], tuple[str, ...]]:
    found: dict[type[Model], tuple[str, ...]] = {}
    for label, names in WATCHED.items():
        if "." in label:
            found[apps.get_model(label)] = names
        else:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                found[model] = names
    return found


def _saved(sender, **kwargs) -> None:
    bump(*_names_of[sender])


def _m2m_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump(*_names_of[sender])


def connect() -> None:
    """Bump on every save, delete and many-to-many change of a watched model (CoreConfig)."""
    _names_of.update(_watched_models())
    for model in _names_of:
        uid = f"kbo.versions:{model._meta.label}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_saved, sender=model, dispatch_uid=uid)
        m2m_changed.connect(_m2m_changed, sender=model, dispatch_uid=uid)


# Caching ---------------------------------------------------------------------------------

_MISSING = object()


def stamp(*names: str) -> dict[str, int]:
    """{name: version} of `names` in one query: read once per request, before computing."""
    return dict(zip(names, current(*names), strict=True))


def key(parts: Sequence[Any], depends: Sequence[str], found: Mapping[str, int]) -> str:
    """A cache key for `parts` (what and for whom, e.g. panel, scope, year), the language
    and the versions of the data it depends on."""
    raw = repr(
        (
            FORMAT,
            translation.get_language(),
            tuple(parts),
            tuple((name, found[name]) for name in depends),
        )
    )
    return f"kbo:{parts[0]}:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def cached(
    parts: Sequence[Any],
    compute: Callable[[], T],
    *,
    depends: Sequence[str],
    known: Mapping[str, int] | None = None,
) -> T:
    """`compute()`, cached under `parts`, the language and the versions of `depends`.

    Pass `known` when the versions were read already (`stamp(...)` at the start of the
    request, BEFORE any data is read); they are read now otherwise. With `KBO_FIGURES_CACHE`
    off it simply computes.
    """
    if not enabled():
        return compute()
    found = known if known is not None else stamp(*depends)
    name = key(parts, depends, found)
    value = cache.get(name, _MISSING)
    if value is not _MISSING:
        return value
    value = compute()
    cache.set(name, value, TIMEOUT)
    return value
