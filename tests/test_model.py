"""The model's structs: the ones the garbage collector does not track (``gc=False``,
to save memory on a dense body) can hold no list, nor any struct it tracks, so no
reference cycle can run through them."""

from __future__ import annotations

import msgspec
from eightk import model


def _structs() -> list[type[msgspec.Struct]]:
    return [v for v in vars(model).values()
            if isinstance(v, type) and issubclass(v, msgspec.Struct) and v is not msgspec.Struct]


def _containers(t: msgspec.inspect.Type) -> list[str]:
    """What in a field's type could hold a cycle: containers, structs the GC tracks."""
    if isinstance(t, msgspec.inspect.UnionType):
        return [c for member in t.types for c in _containers(member)]
    if isinstance(t, msgspec.inspect.StructType):
        return [] if t.cls.__struct_config__.gc is False else [t.cls.__name__]
    if isinstance(t, (msgspec.inspect.ListType, msgspec.inspect.DictType,
                      msgspec.inspect.SetType, msgspec.inspect.TupleType,
                      msgspec.inspect.VarTupleType, msgspec.inspect.AnyType)):
        return [type(t).__name__]
    return []


def test_untracked_structs_hold_nothing_a_cycle_could_run_through():
    untracked = [s for s in _structs() if s.__struct_config__.gc is False]
    assert {"Span", "Text", "Item", "Signature", "Label"} <= {s.__name__ for s in untracked}
    for struct in untracked:
        info = msgspec.inspect.type_info(struct)
        for field in info.fields:
            assert not _containers(field.type), (struct.__name__, field.name)


def test_structs_holding_lists_stay_tracked():
    for struct in _structs():
        info = msgspec.inspect.type_info(struct)
        if any(isinstance(f.type, msgspec.inspect.ListType) for f in info.fields):
            assert struct.__struct_config__.gc is not False, struct.__name__
