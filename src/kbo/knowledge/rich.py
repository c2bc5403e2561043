"""Rich text of knowledge items: what the editor may send is cleaned to a small allow-list
of HTML (nh3, the Ammonia sanitiser), and the plain words are read back for search.

Officers write in the browser's editor (Trix) or paste from a word processor; a body typed
with no tags at all is plain text, and its empty lines start paragraphs.
"""

import html
import re

import nh3

TAGS = {
    "p", "br", "div", "strong", "b", "em", "i", "u", "s", "del", "h2", "h3", "h4",
    "ul", "ol", "li", "blockquote", "pre", "code", "a", "table", "thead", "tbody", "tr",
    "th", "td", "hr", "sub", "sup",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}

_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_BLOCK_END = re.compile(r"</(p|div|h[2-4]|li|tr|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text or ""))


def from_plain(text: str) -> str:
    """Plain text to HTML paragraphs: an empty line starts a paragraph, a line break stays."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs if p)


def clean(text: str) -> str:
    """Safe HTML for a body: tags and attributes outside the allow-list are dropped (their
    text kept; scripts and styles with their content), links get rel="noopener noreferrer"."""
    if not (text or "").strip():
        return ""
    source = text if looks_like_html(text) else from_plain(text)
    return nh3.clean(
        source,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain(text: str) -> str:
    """The words of an HTML body, block ends as line breaks (for search and summaries)."""
    spaced = _BLOCK_END.sub("\n", text or "")
    words = nh3.clean(spaced, tags=set())
    return "\n".join(" ".join(html.unescape(line).split()) for line in words.splitlines()).strip()
