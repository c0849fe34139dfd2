"""Record changes from git history, in words: which fields each commit changed.

`change_log(history, index)` turns the file changes that `history.read_history` found
into one `RecordChange` per commit and record, each with a short summary computed by
comparing the record's YAML before and after the commit ("amount added", "handover step
added", "confidence changed from reported to confirmed"). Commit messages are not used.
A commit that touches a record's file without changing any field (comments, layout) is
not a change of the record and is left out. Pure: no git, no rendering.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Any

import yaml

from ..i18n.wording import yen
from ..model.changelog import ChangeLog, RecordChange
from ..model.index import Index
from ..records.loader import MAX_BYTES
from ..records.schema import KINDS, is_id
from .git import FileChange, History

__all__ = ["change_log", "describe", "parse_version", "record_of_path"]

_ACTIONS = {"A": "added", "M": "changed", "D": "removed"}
_SHOW_VALUES_UP_TO = 30  # characters; longer values are only named ("notes changed")

_LABELS = {
    "amount_jpy": "amount",
    "fiscal_year": "fiscal year",
    "force": "receiving force",
    "exchange_of_notes": "exchange of notes",
    "local_name": "local name",
    "iso3": "country code",
    "designated_fiscal_year": "designation year",
    "in_force": "entry into force",
    "published": "publication date",
    "url": "address",
    "according_to": "attribution",
    "th": "Thai text",
}
_ITEM_LABELS = {  # list fields: what one element is called
    "items": "item",
    "sources": "source",
    "disputes": "contested fact",
    "readings": "reading",
}


def record_of_path(path: str) -> tuple[str, str] | None:
    """(kind, id) for `content/<kind>/<id>.yaml`, else None (pages, stray files)."""
    parts = PurePosixPath(path)
    if len(parts.parts) != 3 or parts.parts[0] != "content" or parts.parts[1] not in KINDS:
        return None
    if parts.suffix not in (".yaml", ".yml") or not is_id(parts.stem):
        return None
    return parts.parts[1], parts.stem


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOLS = {"true": True, "True": True, "false": False, "False": False}


class _HistoryLoader(_BaseLoader):
    """libyaml's fast loader, keeping dates and yes/no/on/off as written, as the record loader does."""


_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")


def _construct_int(_loader: Any, node: yaml.ScalarNode) -> int | str:
    return int(node.value.replace("_", "")) if _INT_RE.match(node.value) else node.value


_HistoryLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda _loader, node: node.value)
_HistoryLoader.add_constructor("tag:yaml.org,2002:bool", lambda _, node: _BOOLS.get(node.value, node.value))
_HistoryLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


_HEAD_FIELDS = frozenset({"title", "name", "fiscal_year", "recipient", "partner"})  # what a list names
_ANCHOR_EVENTS = (yaml.AliasEvent, yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


def _has_anchors(text: str) -> bool:
    """Anchors and aliases could make a small old version expand enormously; such a version is unread."""
    if "&" not in text and "*" not in text:
        return False
    return any(
        isinstance(e, _ANCHOR_EVENTS) and e.anchor is not None
        for e in yaml.parse(text, Loader=_HistoryLoader)
    )


def parse_version(text: str | None, fields: frozenset[str] | None = None) -> dict[str, Any] | None:
    """One historical version of a record as plain data (only `fields`, when given, which is faster);
    None when absent, too large, or not a plain YAML mapping."""
    if text is None or len(text) > MAX_BYTES:
        return None
    loader = _HistoryLoader(text)
    try:
        if _has_anchors(text):
            return None
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            return None
        if fields is not None:
            node = yaml.MappingNode(
                node.tag,
                [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value in fields],
            )
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError, RecursionError):  # unreadable, or numbers or nesting beyond bounds
        return None
    finally:
        loader.dispose()
    return data if isinstance(data, dict) else None


def _label(name: str) -> str:
    return _LABELS.get(name, name.replace("_", " "))


def _show(name: str, value: Any) -> str | None:
    """A value short enough to name in a summary, as readers read it; None when too long."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "amount_jpy" and isinstance(value, int):
        return yen(value)
    text = str(value)
    return text if len(text) <= _SHOW_VALUES_UP_TO and "\n" not in text else None


def _plural(label: str, count: int) -> str:
    return label if count == 1 else f"{count} {label}s"


def _element_label(name: str, element: Any) -> str:
    if name == "lifecycle" and isinstance(element, dict) and isinstance(element.get("stage"), str):
        return f"{element['stage']} step"
    return _ITEM_LABELS.get(name, f"{_label(name)} entry")


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _describe_list(name: str, old: list, new: list, prefix: str = "") -> list[str]:
    """`handover step added`, `2 sources removed`, `handover step date changed from 2025 to 2025-03`."""
    old_keys, new_keys = Counter(map(_key, old)), Counter(map(_key, new))
    gone, came = old_keys - new_keys, new_keys - old_keys
    labels = {_key(e): prefix + _element_label(name, e) for e in old + new}
    first: dict[str, int] = {}
    for position, element in enumerate(old + new):
        first.setdefault(labels[_key(element)], position)
    removed = Counter(labels[k] for k in gone.elements())
    added = Counter(labels[k] for k in came.elements())
    parts = []
    for label in sorted(set(removed) | set(added), key=lambda lb: (first[lb], lb)):
        both = min(removed[label], added[label])
        if both == 1 == removed[label] == added[label]:
            parts += _describe_pair(label, _only(gone, labels, label, old), _only(came, labels, label, new))
            continue
        counts = ((both, "changed"), (added[label] - both, "added"), (removed[label] - both, "removed"))
        parts += [f"{_plural(label, count)} {verb}" for count, verb in counts if count]
    if not parts and old != new:
        parts.append(f"{prefix}{_label(name)} reordered")
    return parts


def _only(keys: Counter, labels: dict[str, str], label: str, elements: list) -> Any:
    key = next(k for k in keys if labels[k] == label)
    return next(e for e in elements if _key(e) == key)


def _describe_pair(label: str, old: Any, new: Any) -> list[str]:
    """One element replaced by another: what changed inside it, when both are mappings."""
    if isinstance(old, dict) and isinstance(new, dict):
        return describe_mapping(old, new, f"{label} ") or [f"{label} changed"]
    return [f"{label} changed"]


def _describe_field(name: str, old: Any, new: Any, prefix: str = "") -> list[str]:
    label = f"{prefix}{_label(name)}"
    if isinstance(old, list | None) and isinstance(new, list | None):
        return _describe_list(name, old or [], new or [], prefix)
    if old is None:
        return [f"{label} added"]
    if new is None:
        return [f"{label} removed"]
    if isinstance(old, dict) and isinstance(new, dict):
        return describe_mapping(old, new, f"{label} ")
    before, after = _show(name, old), _show(name, new)
    if before is not None and after is not None:
        return [f"{label} changed from {before} to {after}"]
    return [f"{label} changed"]


def describe_mapping(old: dict, new: dict, prefix: str = "", order: list[str] | None = None) -> list[str]:
    """What differs between two mappings, field by field: `order` first, then any other field by name."""
    names = [n for n in (order or []) if n in old or n in new]
    names += sorted((set(old) | set(new)) - set(names))
    return [
        part
        for name in names
        if _key(old.get(name)) != _key(new.get(name))
        for part in _describe_field(name, old.get(name), new.get(name), prefix)
    ]


_SHARED_LAST = ("confidence", "disputes", "notes")


def describe(kind: str, old: dict, new: dict) -> tuple[str, ...]:
    """Which fields differ between two versions of a record: the kind's own fields in schema order, then
    the fields every kind shares."""
    own = [n for n in KINDS[kind].model_fields if n not in _SHARED_LAST]
    return tuple(describe_mapping(old, new, order=own + list(_SHARED_LAST)))


def _title(kind: str, id: str, data: dict | None) -> str:
    data = data or {}
    if kind == "budgets" and data.get("fiscal_year") is not None:
        return f"OSA budget, FY{data['fiscal_year']}"
    value = data.get("name" if kind == "recipients" else "title")
    return value if isinstance(value, str) and value.strip() else id


def _recipient(kind: str, id: str, data: dict | None, index: Index) -> str:
    """The recipient a record belongs to: itself, its `recipient` field, or its partner's country."""
    data = data or {}
    if kind == "recipients":
        return id
    if isinstance(data.get("recipient"), str):
        return data["recipient"]
    partner = data.get("partner")
    if isinstance(partner, dict) and isinstance(partner.get("iso3"), str):
        found = index.recipient_by_iso3.get(partner["iso3"])
        return found.id if found else ""
    return ""


_UNREADABLE = ("record changed (one of its versions could not be read as YAML)",)


def _describe_versions(kind: str, old: dict | None, new: dict | None) -> tuple[str, ...]:
    if old is None or new is None:
        return _UNREADABLE
    try:
        return describe(kind, old, new)
    except RecursionError:  # nesting deeper than Python's stack: never a valid record
        return _UNREADABLE


def _record_change(change: FileChange, index: Index) -> RecordChange | None:
    found = record_of_path(change.path)
    if found is None:
        return None
    kind, id = found
    action = _ACTIONS[change.status]
    fields = None if action == "changed" else _HEAD_FIELDS  # an addition or removal needs only its title
    old, new = parse_version(change.old, fields), parse_version(change.new, fields)
    if action == "changed":
        details = _describe_versions(kind, old, new)
        if not details:
            return None  # comments or layout only: the record itself did not change
    else:
        details = (f"record {action}",)
    current = new if action != "removed" else old
    return RecordChange(
        kind,
        id,
        change.path,
        change.commit,
        change.time,
        action,
        details,
        _title(kind, id, current),
        _recipient(kind, id, current, index),
    )


def change_log(history: History, index: Index) -> ChangeLog:
    """Every record change in `history`, newest first (history's order), described in words."""
    changes = tuple(c for c in (_record_change(fc, index) for fc in history.changes) if c is not None)
    names = {c.id: c.title for c in reversed(changes) if c.kind == "recipients"}
    names.update({e.id: e.record.name for e in index.dataset.of("recipients")})
    return ChangeLog(history.state, changes, names)
