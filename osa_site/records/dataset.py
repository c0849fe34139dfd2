"""The validated records: each an `Entry` holding its typed model, all of them in a `Dataset`.

`Entry` is generic in its model, and `Dataset.of` and `Dataset.get` are typed per kind,
so `dataset.of("equipment")` gives `list[Entry[Equipment]]` and the type checker follows
`entry.record` into the renderers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, overload

from pydantic import BaseModel

from .loader import FieldPath, RawRecord
from .schema import Agreement, Analysis, Budget, Equipment, Milestone, Recipient, Source

__all__ = ["Entry", "Dataset", "source_refs"]

R = TypeVar("R", bound=BaseModel, covariant=True)


@dataclass(frozen=True)
class Entry(Generic[R]):
    """A validated record: its kind, id, file and model."""

    kind: str
    id: str
    path: str
    record: R
    raw: RawRecord


@dataclass(frozen=True)
class Dataset:
    """Every valid record, by kind then id, each kind sorted by id."""

    entries: dict[str, dict[str, Entry[Any]]]

    @overload
    def of(self, kind: Literal["recipients"]) -> list[Entry[Recipient]]: ...
    @overload
    def of(self, kind: Literal["equipment"]) -> list[Entry[Equipment]]: ...
    @overload
    def of(self, kind: Literal["agreements"]) -> list[Entry[Agreement]]: ...
    @overload
    def of(self, kind: Literal["milestones"]) -> list[Entry[Milestone]]: ...
    @overload
    def of(self, kind: Literal["budgets"]) -> list[Entry[Budget]]: ...
    @overload
    def of(self, kind: Literal["sources"]) -> list[Entry[Source]]: ...
    @overload
    def of(self, kind: Literal["analysis"]) -> list[Entry[Analysis]]: ...
    @overload
    def of(self, kind: str) -> list[Entry[Any]]: ...
    def of(self, kind: str) -> list[Entry[Any]]:
        return list(self.entries.get(kind, {}).values())

    @overload
    def get(self, kind: Literal["recipients"], id: str) -> Entry[Recipient] | None: ...
    @overload
    def get(self, kind: Literal["sources"], id: str) -> Entry[Source] | None: ...
    @overload
    def get(self, kind: str, id: str) -> Entry[Any] | None: ...
    def get(self, kind: str, id: str) -> Entry[Any] | None:
        return self.entries.get(kind, {}).get(id)

    def count(self) -> int:
        return sum(len(v) for v in self.entries.values())


def source_refs(model: BaseModel, loc: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every source id a record cites, with where it stands (walks nested models)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name == "sources":
            for i, ref in enumerate(value):
                yield loc + (name, i), ref
        elif isinstance(value, BaseModel):
            yield from source_refs(value, loc + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from source_refs(item, loc + (name, i))
