"""Copy-on-write views of a dict and a set, for cloning the linker's name index.

A linker clones the cached name index for every document and touches a handful
of its keys; copying every container made the clone O(graph). An overlay is
O(1) to make: reads fall through to the base, and writes land in the overlay.

The base is never written through an overlay. It may grow while an overlay is
in use (the name-index cache applies a committed linker's rows to it), so
`len` and iteration work out the union when asked rather than counting writes.
Nothing here deletes: the index only ever grows, and a delete would have to
hide a base key.
"""

from __future__ import annotations

from collections.abc import (
    Callable,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    MutableSet,
    Set,
)
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

_ABSENT: Any = object()


class Overlay(MutableMapping[K, V]):
    """A dict seen through a clone: the base's entries, shadowed by its own.

    `get`, `in`, iteration and `items` read the base where the overlay has no
    entry of its own, and hand out the base's values: callers only read those.
    `overlay[key]` is the way to write: with a `copy` (`set`, `list`: called
    with a value it copies it, with none it makes an empty one), the base's
    value is copied in first, or a new one made as a defaultdict would, so
    `overlay[key].add(x)` changes only the overlay's copy. Without a `copy`
    the values are taken as immutable (names) and `[]` only reads.
    """

    __slots__ = ("_base", "_copy", "_own")

    def __init__(
        self, base: Mapping[K, V], copy: Callable[..., V] | None = None
    ) -> None:
        if isinstance(base, Overlay):
            # One level keeps reads at two lookups; nothing clones a clone.
            raise TypeError("an overlay of an overlay: clone the pristine index")
        self._base = base
        self._copy = copy
        self._own: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        own = self._own.get(key, _ABSENT)
        if own is not _ABSENT:
            return own
        if self._copy is None:
            return self._base[key]
        base = self._base.get(key, _ABSENT)
        value = self._copy() if base is _ABSENT else self._copy(base)
        self._own[key] = value
        return value

    def get(self, key: K, default: Any = None) -> Any:
        """The value to read (the base's, shared, if the overlay has none)."""
        own = self._own.get(key, _ABSENT)
        if own is _ABSENT:
            return self._base.get(key, default)
        return own

    def __contains__(self, key: object) -> bool:
        return key in self._own or key in self._base

    def __setitem__(self, key: K, value: V) -> None:
        self._own[key] = value

    def __delitem__(self, key: K) -> None:
        raise TypeError("an overlay never deletes")

    def setdefault(self, key: K, default: Any = None) -> Any:
        """The value read for key, after storing default when it has none."""
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            self._own[key] = value = default
        return value

    def __iter__(self) -> Iterator[K]:
        # The order of a copied dict: the base's keys, then the ones added.
        yield from self._base
        yield from (key for key in self._own if key not in self._base)

    def __len__(self) -> int:
        return len(self._base) + sum(key not in self._base for key in self._own)

    def __repr__(self) -> str:
        return f"Overlay({dict(self.items())!r})"

    def items(self) -> Any:
        """(key, value) pairs to read, without copying any value in."""
        return [(key, self.get(key)) for key in self]

    def values(self) -> Any:
        """Values to read, without copying any in."""
        return [self.get(key) for key in self]


class OverlaySet(MutableSet[T]):
    """A set seen through a clone: the base's members and its own additions."""

    __slots__ = ("_added", "_base")

    def __init__(self, base: Set[T]) -> None:
        if isinstance(base, OverlaySet):
            raise TypeError("an overlay of an overlay: clone the pristine index")
        self._base = base
        self._added: set[T] = set()

    def __contains__(self, item: object) -> bool:
        return item in self._base or item in self._added

    def add(self, value: T) -> None:
        """Add a member to the overlay only."""
        if value not in self._base:
            self._added.add(value)

    def discard(self, value: T) -> None:
        """Not supported: the base is never written."""
        raise TypeError("an overlay never deletes")

    def __iter__(self) -> Iterator[T]:
        yield from self._base
        yield from (item for item in self._added if item not in self._base)

    def __len__(self) -> int:
        return len(self._base) + sum(item not in self._base for item in self._added)

    def __repr__(self) -> str:
        return f"OverlaySet({set(self)!r})"

    def update(self, items: Iterable[T]) -> None:
        """Add several members to the overlay only."""
        for item in items:
            self.add(item)
