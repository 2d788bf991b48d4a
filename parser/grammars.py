"""Loading the Lark grammars of ``grammar/``: one LALR parser per grammar and start rule.

Every grammar reads *line* tokens made beforehand: the envelope's by the
hand-written ``envelope/lexer.py`` (a document's content runs to the next
``</TEXT>``, found with ``str.find``, far faster than any regex), the 8-K text's
by ``lexing.Vocabulary`` from the grammar's own terminals. Lark only parses:
the lexer it is given passes the ready tokens through. Grammars may ``%import``
each other's terminals (``grammar/layout.lark`` holds the lines every region
shares).

Building a parser (lark reads the grammar, then works out its LALR table) costs
about 0.15 s of CPU for all of them, which every process would pay before its
first file: each CLI command, each worker of ``eightk extract``. So a parser
built once is kept in the user's cache folder (``user_cache.py``) as lark's own
serialized form, which loads in a tenth of the time; a missing, damaged or
unloadable one is built again, and a folder that cannot be written only means
building next time too.

Lark types stop here, in ``recovery.py`` and in the transformers: callers get
``model`` objects and ``Diagnostic``s, never a lark exception.
"""

from __future__ import annotations

import functools
import hashlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import lark as _lark
import msgspec
from lark import Lark, Token, Tree
from lark import Transformer as _LarkTransformer
from lark.grammar import Rule
from lark.lexer import Lexer, TerminalDef
from lark.load_grammar import PackageResource
from lark.visitors import Discard

from . import user_cache

_PACKAGE = f"{__package__}.grammar"


class PretokenizedLexer(Lexer):
    """A "lexer" whose input already is an iterator of tokens."""

    def __init__(self, lexer_conf: object) -> None:  # lark passes its conf
        pass

    def lex(self, data: Iterator[Token]) -> Iterator[Token]:  # type: ignore[override]
        return data


def grammar_text(name: str) -> str:
    """The text of ``grammar/<name>``: package data of the installed package (from a
    folder or a zip), else the top-level grammar/ of a checkout (an editable
    install maps the package to parser/, beside it)."""
    try:
        data = pkgutil.get_data(__package__, f"grammar/{name}") if __package__ else None
    except OSError:
        data = None
    if data is None:
        here = Path(__file__).resolve().parent.parent / "grammar" / name
        try:
            data = here.read_bytes()
        except OSError:
            raise FileNotFoundError(f"grammar/{name}") from None
    return data.decode("utf-8")


def _import_grammar(base_path: object, grammar_path: str) -> tuple[PackageResource, str]:
    """Lark's loader for ``%import layout (...)``: the other grammars of grammar/."""
    return PackageResource(_PACKAGE, grammar_path), grammar_text(grammar_path)


# What the parse table depends on besides the grammar (the lexer and the import
# loader below are code, the same in every run)
_TABLE_OPTIONS = {
    "parser": "lalr",
    # Positions come from the tokens themselves; lark's propagation would
    # only cost time (it was a quarter of the envelope's).
    "propagate_positions": False,
    "maybe_placeholders": False,
}
_STORED_FORMAT = "1"  # how ``_store`` lays a parser out; a change leaves old files unread


def build(name: str | None = None, start: str = "start", *, text: str | None = None,
          stored: bool = True, **options: object) -> Lark:
    """A new LALR parser for ``grammar/<name>`` (or for ``text``) from rule ``start``;
    ``options`` go to lark (tests build with ``strict=True``).

    Read from the cache folder when it was built before from the same grammar
    texts by the same lark; built and stored otherwise. Only a ``transformer``
    (which sets the callbacks, not the table) may come with a stored parser:
    other options, such as the tests' ``strict=True``, always build, and so does
    ``stored=False`` (a parser read back has no ``grammar`` attribute, which
    hypothesis' ``from_lark`` reads)."""
    source = text if text is not None else grammar_text(name or "")
    stored = stored and set(options) <= {"transformer"}
    file = f"{Path(name or 'inline').stem}.{start}.{_key(source, start)}" if stored else ""
    lark = _restore(file, options) if stored else None
    if lark is None:
        lark = Lark(source, start=start, lexer=PretokenizedLexer, import_paths=[_import_grammar],
                    **_TABLE_OPTIONS, **options)  # type: ignore[arg-type]
        if stored:
            _store(lark, file)
    _plain_rule_names(lark)
    return lark


def _key(source: str, start: str) -> str:
    """What a stored parser was built from: the grammar's text and those of the
    grammars it imports, the start rule, lark's version and the options. (Not
    eightk's version: it stays the same while a checkout's grammars change, and
    whatever else of eightk goes into a parser is in the key.)"""
    digest = hashlib.sha256()
    for part in (_STORED_FORMAT, _lark.__version__, repr(sorted(_TABLE_OPTIONS.items())), start,
                 *_texts(source)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def _texts(source: str, seen: set[str] | None = None) -> Iterator[str]:
    """``source`` and the text of each grammar of grammar/ it imports, recursively
    (lark's own, ``%import common ...``, are covered by its version)."""
    seen = set() if seen is None else seen
    yield source
    for name in re.findall(r"^[ \t]*%import[ \t]+(\w+)", source, re.MULTILINE):
        if name in seen:
            continue
        seen.add(name)
        try:
            imported = grammar_text(f"{name}.lark")
        except FileNotFoundError:
            continue
        yield from _texts(imported, seen)


# Lark's serialized form of a parser is plain data but for these two options,
# which are code: left out when stored, put back when read. Stored as msgpack,
# never pickle, so that reading a file of the cache folder cannot run code.
_CODE = {"lexer": PretokenizedLexer, "import_paths": [_import_grammar]}


def _store(lark: Lark, file: str) -> None:
    data, memo = lark.memo_serialize([TerminalDef, Rule])
    data["options"] = {key: value for key, value in data["options"].items()
                       if key not in _CODE and key != "transformer"}
    del data["parser"]["lexer_conf"]["lexer_type"]
    try:
        payload = msgspec.msgpack.encode({"data": data, "memo": memo}, enc_hook=_plain)
    except (TypeError, ValueError):  # something lark holds that is not data: not stored
        return
    user_cache.write("parsers", file, payload)


def _plain(value: object) -> str:
    """Lark names terminals and rules with its ``Token``, a ``str``."""
    if isinstance(value, str):
        return str(value)
    raise TypeError(f"not stored: {type(value).__name__}")


def _restore(file: str, options: dict[str, object]) -> Lark | None:
    payload = user_cache.read("parsers", file)
    if payload is None:
        return None
    try:
        stored = msgspec.msgpack.decode(payload)
        data = stored["data"]
        data["options"].update(_CODE)
        data["parser"]["lexer_conf"]["lexer_type"] = PretokenizedLexer
        return Lark._load_from_dict(data, stored["memo"], **options)
    except Exception:  # noqa: BLE001 - whatever is wrong with it, building is the answer
        return None


def _plain_rule_names(lark: Lark) -> None:
    """Make the rules' names plain strings, as the parse table's keys are.

    After each reduction the LALR parser looks the rule's name up in the table,
    and a walk looks a node's name up among the transformer's methods; lark's
    names are its ``Token``, whose Python ``__eq__`` then runs in every look-up
    (a ``str`` never calls it). A tree-building parser's callbacks are made again
    after, so its trees carry the plain names too."""
    parser = getattr(getattr(lark.parser, "parser", None), "parser", None)
    if parser is None or not hasattr(parser, "callbacks"):
        return  # not the LALR parser this module builds
    for rule in lark.rules:
        if type(rule.origin.name) is not str:
            rule.origin.name = str(rule.origin.name)
        if rule.alias is not None and type(rule.alias) is not str:
            rule.alias = str(rule.alias)
    if lark.options.transformer is None and not lark.options.lexer_callbacks:
        parser.callbacks = lark._callbacks = lark._parse_tree_builder.create_callback()


def load(name: str, start: str = "start") -> Lark:
    """The LALR parser for ``grammar/<name>`` from rule ``start``, built once per process."""
    # one cache entry whether ``start`` is given or not (``load("cover.lark")`` and
    # ``load("cover.lark", "start")`` built the cover's parser twice)
    return _load(name, start)


@functools.cache
def _load(name: str, start: str) -> Lark:
    return build(name, start)


@functools.cache
def shared_line(name: str) -> re.Pattern[str]:
    """A line kind of ``grammar/layout.lark`` (``NOT_APPLICABLE``), compiled, for a
    reader that checks a line against that kind alone."""
    lark = build(text=f"%import layout ({name})\nstart: {name}\n")
    (terminal,) = lark.terminals
    return re.compile(terminal.pattern.to_regexp())


def tokens_iter(tokens: Iterable[Token]) -> Iterator[Token]:
    return iter(tokens)


class Transformer(_LarkTransformer):
    """lark's ``Transformer`` with a plain recursive walk.

    The same order as lark's (depth first, left to right, a node's method after
    its children's; readers rely on it) and the same look-ups (a method per rule
    or token kind, else ``__default__`` / ``__default_token__``), for a third of
    the calls: lark's walk goes through a generator and two wrappers per node.
    An exception in a method propagates as it is (lark wraps it in VisitError).
    """

    def transform(self, tree: Tree) -> object:
        return self._walk(tree)

    def _walk(self, tree: Tree) -> object:
        children = []
        tokens = self.__visit_tokens__
        for child in tree.children:
            if isinstance(child, Tree):
                child = self._walk(child)
            elif tokens and isinstance(child, Token):
                method = getattr(self, child.type, None)
                child = self.__default_token__(child) if method is None else method(child)
            if child is not Discard:
                children.append(child)
        method = getattr(self, tree.data, None)
        if method is None:
            return self.__default__(tree.data, children, tree.meta)
        wrapper = getattr(method, "visit_wrapper", None)
        if wrapper is not None:
            return method.visit_wrapper(method, tree.data, children, tree.meta)
        return method(children)
