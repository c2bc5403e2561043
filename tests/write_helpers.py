"""Helpers of the write and export matrices (tests/test_write_permissions.py,
tests/test_export_permissions.py): which routes accept writes, a fingerprint of the database,
a form scraper, and one world shared by a whole module (each test rolls back to it)."""

import hashlib
import inspect
from html.parser import HTMLParser

from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

WRITE_METHODS = {"post", "put", "patch", "delete"}
SAFE = {"GET", "HEAD", "OPTIONS"}
# Rows that any request may add or touch without changing the platform's data.
IGNORED_TABLES = {"django_session"}


def _method_lists(view) -> list[set[str]]:
    """The method lists of require_http_methods/require_POST/require_GET wrapping `view`."""
    found, seen = [], set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        for cell in getattr(view, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if (
                isinstance(value, list | tuple)
                and value
                and all(isinstance(x, str) and x.isupper() for x in value)
            ):
                found.append(set(value))
        view = getattr(view, "__wrapped__", None)
    return found


def write_methods(callback) -> set[str]:
    """The write methods a URL's view answers: DRF actions, a class view's handlers, or, for
    a function view, POST unless a decorator limits it to safe methods."""
    if actions := getattr(callback, "actions", None):  # a DRF viewset route
        return {m for m in actions if m in WRITE_METHODS}
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if cls is not None:
        return {m for m in WRITE_METHODS if m in cls.http_method_names and hasattr(cls, m)}
    allowed = None
    for methods in _method_lists(callback):
        allowed = methods if allowed is None else allowed & methods
    if allowed is None:
        return {"post"} if inspect.isfunction(inspect.unwrap(callback)) else set()
    return {m.lower() for m in allowed - SAFE}


def write_routes(patterns=None, namespace: str = "") -> dict[str, set[str]]:
    """{"namespace:name": write methods} for every URL whose view accepts a write."""
    found: dict[str, set[str]] = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            found.update(write_routes(entry.url_patterns, inner))
        elif isinstance(entry, URLPattern) and (methods := write_methods(entry.callback)):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            found[name or f"{namespace}:<unnamed {entry.pattern}>"] = methods
    # Django's admin (hundreds of generated routes, national staff only) is left out, as in
    # the read matrix.
    found = {k: v for k, v in found.items() if not k.startswith("admin:")}
    return found


def fingerprint(*objects) -> tuple:
    """Row counts of every table (one query) and a checksum of the given rows."""
    tables = sorted(set(connection.introspection.table_names()) - IGNORED_TABLES)
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(zip(tables, cursor.fetchone(), strict=True))
    digest = hashlib.sha256()
    for obj in objects:
        row = type(obj)._base_manager.filter(pk=obj.pk).values().first()
        digest.update(repr(sorted((row or {}).items())).encode())
    return counts, digest.hexdigest()


def differences(before: tuple, after: tuple) -> list[str]:
    changed = [f"{t}: {n} → {after[0][t]}" for t, n in before[0].items() if after[0][t] != n]
    if before[1] != after[1]:
        changed.append("the target row changed")
    return changed


class _Forms(HTMLParser):
    """The fields of each <form method="post"> of a page with their current values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._first: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "method": a.get("method", "")})
            self.forms[-1]["fields"] = {}
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("file", "submit", "button", "image"):
                fields.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select:
            if "selected" in a:
                fields[self._select].append(a.get("value", ""))
            self._first.setdefault(self._select, a.get("value", "") or None)
            if not self._first[self._select]:
                self._first[self._select] = a.get("value") or None
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            # A select with nothing chosen takes its first real option (a plausible answer).
            fields = self.forms[-1]["fields"]
            if not fields[self._select] and self._first.get(self._select):
                fields[self._select] = [self._first[self._select]]
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea][0] += data


def form_values(html: str, action: str) -> dict[str, list[str]]:
    """The current values of the POST form of `html` that submits to `action` (or to itself)."""
    parser = _Forms()
    parser.feed(html)
    posts = [f for f in parser.forms if f["method"].lower() == "post"]
    for form in posts:
        if form["action"] in ("", action, "."):
            return {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
    raise AssertionError(f"no POST form for {action} in the page")


def fixture_function(fixture):
    """The plain function behind a pytest fixture (to build the shared world once)."""
    return fixture._get_wrapped_function()
