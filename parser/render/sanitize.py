"""Make a filing's HTML safe to show: no scripts, no external resources, no forms.

``eightk report`` shows the original rendering of a region of an HTML 8-K next to
the text layout eightk read. Filings are untrusted, so the HTML is rebuilt from an
allow-list: it is parsed the way a browser parses it (lexbor, through
selectolax), every element not on the list is unwrapped (its text stays) or, for
what is active or hidden (``script``, ``iframe``, ``svg``, ``template``,
``ix:header``, form controls ...), dropped with its content; every attribute not
on the list goes (``on*``, ``href``, ``src`` except a ``data:`` raster image,
``action`` ...), and CSS keeps no ``url()``, ``@import``, ``image-set()`` or
``expression()``. The result is serialised by the same parser, so what the
browser reads back is the tree that was checked.

This is one of three walls: the report puts the result in an ``<iframe
sandbox="">`` (no script, no form, no navigation) under a Content-Security-Policy
that allows no fetch at all, so a miss here still cannot run or load anything.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Presentational elements a filing is made of; anything else is unwrapped or dropped.
_KEEP = _names("""
    a abbr acronym address article aside b bdi bdo big blockquote br caption center cite code col
    colgroup dd del dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i
    img ins kbd li main mark nav ol p pre q rp rt ruby s samp section small span strike strong sub
    sup table tbody td tfoot th thead tr tt u ul var wbr
""")
# Dropped with everything inside: active content, other namespaces (mXSS), text that
# browsers parse as raw text, what is hidden, and form controls.
_DROP = _names("""
    script noscript style iframe frame frameset object embed applet param template svg math
    xmp plaintext noembed noframes textarea title head meta link base input button select option
    optgroup datalist output keygen canvas audio video source track picture portal dialog slot
    ix:header ix:hidden ix:exclude xml
""")
_ATTRIBUTES = _names("""
    align valign width height colspan rowspan border cellpadding cellspacing bgcolor color face size
    nowrap dir lang style class start type span alt title clear hspace vspace
""")

_DATA_IMAGE = re.compile(r"data:image/(?:png|gif|jpe?g|webp|bmp);base64,[A-Za-z0-9+/=\s]*\Z",
                         re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_CSS_IMPORT = re.compile(r"@import[^;{}]*;?", re.IGNORECASE)
_CSS_URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_ACTIVE = re.compile(
    r"(?:-webkit-)?image-set\s*\(|expression\s*\(|behaviou?r\s*:|-moz-binding|javascript:"
    r"|cross-fade\s*\(|@namespace|@font-face|src\s*:",
    re.IGNORECASE,
)


def clean_css(css: str) -> str:
    """CSS with nothing that can fetch or run: escapes (which can spell ``url``) and
    comments removed, ``url()`` kept only for ``data:`` raster images, ``@import``,
    ``image-set()``, ``expression()`` and ``@font-face`` defused."""
    css = _CSS_COMMENT.sub("", css).replace("\\", "").replace("<", "").replace(">", " ")
    css = _CSS_IMPORT.sub("", css)
    css = _CSS_URL.sub(lambda m: m.group(0) if _DATA_IMAGE.match(m.group(2)) else "none", css)
    return _CSS_ACTIVE.sub("x-blocked(", css)


def _clean_attributes(node) -> None:
    attrs = node.attrs
    for name in list(node.attributes):
        value = attrs[name] or ""
        key = name.lower()
        if key == "src" and node.tag == "img" and _DATA_IMAGE.match(value.strip()):
            continue
        if key not in _ATTRIBUTES:
            del attrs[name]
        elif key == "style":
            attrs[name] = clean_css(value)


def sanitize_html(html: str) -> str:
    """The body of ``html`` rebuilt from the allow-list (the inner HTML of ``<body>``)."""
    tree = LexborHTMLParser(html)
    body = tree.body
    if body is None:
        return ""
    drop, unwrap = [], []
    stack = [body.child] if body.child is not None else []
    while stack:
        node = stack.pop()
        if node.next is not None:
            stack.append(node.next)
        if node.is_comment_node:
            drop.append(node)
            continue
        if not node.is_element_node:
            continue
        tag = (node.tag or "").lower()
        if tag in _DROP or tag.startswith(("ix:head", "xbrli:", "link:")):
            drop.append(node)
            continue
        if tag in _KEEP:
            _clean_attributes(node)
        else:
            unwrap.append(node)
        if node.child is not None:
            stack.append(node.child)
    for node in drop:
        node.decompose()
    for node in reversed(unwrap):  # innermost first, so every node is still in the tree
        node.unwrap()
    return body.inner_html or ""


_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)


def document_css(html: str, limit: int = 65536) -> str:
    """The document's own style sheets (``<style>`` blocks), cleaned, up to ``limit``
    characters: class rules are how some filings lay out their cover page."""
    out: list[str] = []
    size = 0
    for match in _STYLE_BLOCK.finditer(html):
        css = clean_css(match.group(1))
        size += len(css)
        if size > limit:
            break
        out.append(css)
    return "\n".join(out)


CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def sandbox_head(css: str = "") -> str:
    """The start of a page for an ``<iframe sandbox srcdoc>``, with its own CSP; a
    region's body HTML follows it."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<style>body{{margin:8px;font-family:'Times New Roman',serif}}\n{css}</style>"
        "</head><body>"
    )
