"""Thai word segmentation and text search, used by the other apps through this interface.

- `tokenize(text)`: the normalised words of a text (PyThaiNLP newmm).
- `document(*parts)`: the text to store in a model's `search_text` column.
- `matches(queryset, text, field="search_text")`: rows containing every query word.
- `trigram_index(table, field="search_text")`: migration operations for the PostgreSQL index.
- `lz4_compressed(table, field="search_text")`: migration operations storing a long search
  document with lz4 on PostgreSQL (scans of it decompress faster).
- `thai_order(field)`, `rank_by_name(queryset, text, field="name")`: Thai dictionary order.

See docs/search.md.
"""

from kbo.search.operations import lz4_compressed, trigram_index
from kbo.search.query import matches, rank_by_name, thai_order
from kbo.search.text import document, normalise, tokenize

__all__ = [
    "document",
    "lz4_compressed",
    "matches",
    "normalise",
    "rank_by_name",
    "thai_order",
    "tokenize",
    "trigram_index",
]
