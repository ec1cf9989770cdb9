"""Copy-on-write overlays read like a copy of their base and never write it."""

from __future__ import annotations

import copy
from collections import defaultdict
from types import MappingProxyType

import pytest

from ingest.overlay import Overlay, OverlaySet


def _base() -> dict[str, set[int]]:
    return {"a": {1}, "b": {2, 3}}


def test_reads_fall_through_and_share_the_base_values() -> None:
    base = _base()
    view = Overlay(base, set)
    assert view.get("a") is base["a"]  # no copy for a read
    assert view.get("zz") is None
    assert view.get("zz", ()) == ()
    assert "b" in view
    assert "zz" not in view
    assert len(view) == 2
    assert list(view) == ["a", "b"]
    assert view.items() == [("a", {1}), ("b", {2, 3})]
    assert view.values() == [{1}, {2, 3}]
    assert view == base


def test_the_first_write_copies_the_key_and_later_writes_reuse_it() -> None:
    base = _base()
    view = Overlay(base, set)
    view["b"].add(4)
    assert view["b"] == {2, 3, 4}
    assert base["b"] == {2, 3}
    copied = view["b"]
    view["b"].add(5)
    assert view["b"] is copied
    assert view.get("b") == {2, 3, 4, 5}
    assert view.get("a") is base["a"]  # a key never written is still shared
    assert base == _base()


def test_new_keys_live_in_the_overlay_like_a_defaultdict() -> None:
    base = _base()
    view = Overlay(base, set)
    view["c"].add(9)
    view["d"] = {7}
    assert view.get("c") == {9}
    assert "c" in view
    assert "c" not in base
    assert len(view) == 4
    assert list(view) == ["a", "b", "c", "d"]  # a copied dict's order
    assert base == _base()


def test_it_reads_like_a_copy_written_the_same_way() -> None:
    base: defaultdict[str, list[int]] = defaultdict(list, {"x": [1], "y": [2]})
    view = Overlay(base, list)
    plain = copy.deepcopy(base)
    for key, value in [("y", 3), ("z", 4), ("x", 5), ("z", 6), ("w", 7)]:
        view[key].append(value)
        plain[key].append(value)
    assert dict(view.items()) == dict(plain)
    assert list(view) == list(plain)
    assert len(view) == len(plain)
    assert base == {"x": [1], "y": [2]}


def test_without_a_copy_values_are_immutable_and_indexing_only_reads() -> None:
    base = {1: "Ann"}
    view = Overlay(base)
    assert view[1] == "Ann"
    with pytest.raises(KeyError):
        view[2]
    assert view.setdefault(1, "Other") == "Ann"
    assert view.setdefault(2, "Bea") == "Bea"
    view[3] = "Cy"
    assert dict(view.items()) == {1: "Ann", 2: "Bea", 3: "Cy"}
    assert base == {1: "Ann"}


def test_the_base_is_only_ever_read() -> None:
    """A read-only base with frozen values: any write through would raise."""
    frozen = MappingProxyType({"a": frozenset({1}), "b": frozenset({2})})
    view = Overlay(frozen, set)
    view["a"].add(5)
    view["n"].add(6)
    assert view.get("a") == {1, 5}
    assert view.get("b") == frozenset({2})
    assert dict(frozen) == {"a": frozenset({1}), "b": frozenset({2})}


def test_deleting_is_refused_and_an_overlay_is_not_stacked() -> None:
    view = Overlay(_base(), set)
    with pytest.raises(TypeError):
        del view["a"]
    with pytest.raises(TypeError):
        view.pop("a")
    with pytest.raises(TypeError, match="overlay of an overlay"):
        Overlay(view, set)


def test_a_base_that_grows_is_seen_and_counted_once() -> None:
    """The cache may add a committed linker's rows to the base of a live clone."""
    base = _base()
    view = Overlay(base, set)
    view["c"].add(1)
    base["c"] = {1}
    base["e"] = {5}
    assert list(view) == ["a", "b", "c", "e"]
    assert len(view) == 4
    assert view.get("e") == {5}


def test_a_set_overlay() -> None:
    base = {("person", "ann"), ("person", "bea")}
    view = OverlaySet(frozenset(base))
    view.add(("person", "cy"))
    view.add(("person", "ann"))
    view.update([("organisation", "un")])
    assert ("person", "cy") in view
    assert ("person", "ann") in view
    assert ("person", "zed") not in view
    assert len(view) == 4
    assert set(view) == base | {("person", "cy"), ("organisation", "un")}
    assert list(view)[:2] == list(frozenset(base))  # the base's members first
    with pytest.raises(TypeError):
        view.discard(("person", "ann"))
    with pytest.raises(TypeError, match="overlay of an overlay"):
        OverlaySet(view)
    assert base == {("person", "ann"), ("person", "bea")}
