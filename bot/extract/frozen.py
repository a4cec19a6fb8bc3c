"""A cheaper constructor for the small frozen dataclasses the extractor creates by the hundred.

``@dataclass(frozen=True)`` generates an ``__init__`` that sets every field
with ``object.__setattr__`` (its ``__setattr__`` refuses assignments), which
makes a ``DateSpan`` or a ``PersonMention`` several times dearer to create
than the tuple of its values. ``fast_init`` replaces that ``__init__`` with
one that fills the instance dictionary in a single step. Everything else is
the dataclass's own: fields, defaults, ``__eq__``, ``__hash__``, ``__repr__``,
immutability, ``dataclasses.replace`` and ``asdict``.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

_T = TypeVar("_T", bound=type)


def fast_init(cls: _T) -> _T:
    """Class decorator, applied above ``@dataclass(frozen=True)``."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.frozen and params.init, cls
    assert not hasattr(cls, "__post_init__"), cls
    assert "__slots__" not in cls.__dict__, cls
    fields = [f for f in dataclasses.fields(cls) if f.init]
    assert all(f.default_factory is dataclasses.MISSING for f in fields), cls
    assert len(fields) == len(dataclasses.fields(cls)), cls
    defaults = {f"_default_{f.name}": f.default for f in fields}
    signature = ", ".join(
        f.name if f.default is dataclasses.MISSING else f"{f.name}=_default_{f.name}"
        for f in fields
    )
    values = ", ".join(f"{f.name!r}: {f.name}" for f in fields)
    source = (
        f"def __init__(self, {signature}):\n    _set_attribute(self, '__dict__', {{{values}}})\n"
    )
    namespace: dict[str, object] = {}
    exec(source, {"_set_attribute": object.__setattr__, **defaults}, namespace)  # noqa: S102
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]
    return cls
