"""Sign-in throttling: after repeated failures a sign-in is refused for a while.

Counts live in Django's cache (shared between app processes when the cache is Redis or the
database): failures per (username, address) and per address. A success clears the
(username, address) count. Limits and the window come from settings.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger("kbo.security")


def _limits() -> tuple[int, int, int]:
    return (
        getattr(settings, "LOGIN_FAILURES_PER_USER", 5),
        getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 20),
        getattr(settings, "LOGIN_LOCKOUT_SECONDS", 15 * 60),
    )


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _keys(request, username: str) -> tuple[str, str]:
    who = hashlib.sha256(f"{username.strip().lower()}|{_address(request)}".encode()).hexdigest()
    where = hashlib.sha256(_address(request).encode()).hexdigest()
    return f"kbo:login-fail:user:{who}", f"kbo:login-fail:addr:{where}"


def is_blocked(request, username: str) -> bool:
    per_user, per_address, _window = _limits()
    user_key, address_key = _keys(request, username)
    counts = cache.get_many([user_key, address_key])
    return counts.get(user_key, 0) >= per_user or counts.get(address_key, 0) >= per_address


def record_failure(request, username: str) -> None:
    _per_user, _per_address, window = _limits()
    for key in _keys(request, username):
        cache.add(key, 0, window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
    log.warning("failed sign-in for %r from %s", username[:150], _address(request))


def record_success(request, username: str) -> None:
    cache.delete(_keys(request, username)[0])


def message() -> str:
    from django.utils.translation import gettext

    minutes = _limits()[2] // 60
    return gettext(
        "Too many failed sign-ins. Please wait {minutes} minutes and try again, or ask your "
        "administrator to reset your password."
    ).format(minutes=minutes)
