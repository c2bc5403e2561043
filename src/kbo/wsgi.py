"""The WSGI application gunicorn serves (`kbo serve`), prepared once per worker process.

gunicorn imports this module in each worker (no --preload), so `warm_up()` runs in each.
"""

import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbo.settings")
application = get_wsgi_application()

# Collect the youngest generation after this many new objects instead of 700: a request
# allocates tens of thousands, so fewer, cheaper passes (measured in docs/benchmarks.md).
GEN0_THRESHOLD = 50_000


def _populate_urls(resolver) -> None:
    resolver.reverse_dict  # noqa: B018 — builds the reverse map and imports every view
    for _prefix, child in resolver.namespace_dict.values():
        _populate_urls(child)


def _compile_templates() -> None:
    """Compile the platform's own templates into the cached loader (about 130 files)."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    package = Path(__file__).resolve().parent
    for folder in package.glob("**/templates"):
        for file in folder.glob("**/*.html"):
            try:
                get_template(file.relative_to(folder).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue


def warm_up() -> None:
    """Load what every request may need, then take it out of the garbage collector's reach.

    PyThaiNLP's word list (loaded on the first Thai segmentation) leaves about 565,000
    long-lived objects; every full collection walked them all (about 200 ms, inside a
    request). `gc.freeze()` moves everything alive now to the permanent generation.
    """
    from django.urls import get_resolver

    from kbo.search import tokenize

    tokenize("ผ้าทอมือ")  # newmm's dictionary and trie
    _populate_urls(get_resolver())
    _compile_templates()
    gc.collect()
    gc.freeze()
    _gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(GEN0_THRESHOLD, gen1, gen2)


warm_up()
