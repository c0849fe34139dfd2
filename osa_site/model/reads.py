"""What one renderer read from the index, so that a later build can tell whether its page would
come out the same (render/memo.py uses it).

`tracked(index, log)` is a view of an index that holds the same data and notes in `log` the
address of every value read through it:

- a field that is not a mapping, whole: `("as_of",)`;
- one key of a mapping field, or the whole mapping when it is iterated or counted:
  `("cited_by", "mofa-2023-x")`, `("cited_by",)`;
- one record, or every record of a kind when the kind is listed:
  `("dataset", "equipment", "2023-x")`, `("dataset", "equipment")`.

A key that is absent is noted too, so a record or key that appears later is seen. The index's
methods read through the same view (`index.recipient(id)` notes that recipient). `changed` compares
the values at the noted addresses in two indexes: a renderer that reads only through the view and
its own arguments gives the same text when none of them changed.
"""

from __future__ import annotations

from collections.abc import Collection, ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import fields
from typing import Any

from ..records.dataset import Dataset
from .index import Index

__all__ = ["ReadLog", "tracked", "changed", "Address"]

Address = tuple[Any, ...]
_MISSING = object()
_INDEX_FIELDS = frozenset(f.name for f in fields(Index))


class ReadLog:
    """The addresses read through one tracked view."""

    __slots__ = ("addresses",)

    def __init__(self) -> None:
        self.addresses: set[Address] = set()


def _read(value: Any, address: Address, log: ReadLog) -> Any:
    """A value read at `address`: a mapping comes back tracked, anything else is noted whole."""
    if isinstance(value, dict):
        return TrackedMapping(value, address, log)
    log.addresses.add(address)
    return value


class TrackedMapping(Mapping[Any, Any]):
    """A read-only mapping over a dict of the index that notes which keys were read."""

    __slots__ = ("_data", "_address", "_log")

    def __init__(self, data: dict[Any, Any], address: Address, log: ReadLog):
        self._data, self._address, self._log = data, address, log

    def __getitem__(self, key: Any) -> Any:
        if key not in self._data:
            self._log.addresses.add((*self._address, key))
            raise KeyError(key)
        return _read(self._data[key], (*self._address, key), self._log)

    def __contains__(self, key: object) -> bool:
        self._log.addresses.add((*self._address, key))
        return key in self._data

    def __iter__(self) -> Iterator[Any]:
        self._log.addresses.add(self._address)
        return iter(self._data)

    def __len__(self) -> int:
        self._log.addresses.add(self._address)
        return len(self._data)

    # Listing a mapping reads all of it (noted once, at its own address): its values come as they are.
    def keys(self) -> KeysView[Any]:
        self._log.addresses.add(self._address)
        return self._data.keys()

    def values(self) -> ValuesView[Any]:
        self._log.addresses.add(self._address)
        return self._data.values()

    def items(self) -> ItemsView[Any, Any]:
        self._log.addresses.add(self._address)
        return self._data.items()


class _TrackedDataset(Dataset):
    """A dataset whose `entries` (and so `of`, `get` and `count`) are read through a TrackedMapping."""

    def __getattribute__(self, name: str) -> Any:
        if name == "entries":
            entries = object.__getattribute__(self, "entries")
            return TrackedMapping(entries, ("dataset",), object.__getattribute__(self, "_log"))
        return object.__getattribute__(self, name)


class _TrackedIndex(Index):
    """An index whose fields are read through `_read` (its methods read through it too)."""

    def __getattribute__(self, name: str) -> Any:
        if name not in _INDEX_FIELDS:
            return object.__getattribute__(self, name)
        if name == "dataset":
            return object.__getattribute__(self, "_dataset")
        return _read(object.__getattribute__(self, name), (name,), object.__getattribute__(self, "_log"))


def tracked(index: Index, log: ReadLog) -> Index:
    """A view of `index` (the same data, not a copy of it) that notes every read in `log`."""
    dataset = object.__new__(_TrackedDataset)
    object.__setattr__(dataset, "entries", index.dataset.entries)
    object.__setattr__(dataset, "_log", log)
    view = object.__new__(_TrackedIndex)
    view.__dict__.update(vars(index), _log=log, _dataset=dataset)
    return view


def _value_at(index: Index, address: Address) -> Any:
    head, *keys = address
    value: Any = index.dataset.entries if head == "dataset" else getattr(index, head)
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return _MISSING
        value = value[key]
    return value


def changed(addresses: Collection[Address], before: Index, after: Index) -> bool:
    """Whether any value read at `addresses` differs between the two indexes."""
    return any(_value_at(before, address) != _value_at(after, address) for address in addresses)
