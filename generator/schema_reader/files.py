"""Loading schema files and following ``$ref`` between them, local files only.

One :class:`SchemaFiles` serves one read: it decodes and parses each file once
(so every node keeps its identity, which is how a ``$ref`` target is traced
back to its file and JSON pointer), hands files to a ``referencing`` registry
through a retrieve function that never touches the network, and turns every
failure into a one-line :class:`~generator.errors.InputError`.

Azure's published schemas may name each other by absolute
``https://azuremlschemas.azureedge.net/...`` URLs; such a URL is read from the
file of the same name beside the root schema, when there is one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from referencing import Registry, Resource, Specification
from referencing.exceptions import NoSuchAnchor, PointerToNowhere, Unresolvable
from referencing.jsonschema import DRAFT7, specification_with

from generator.errors import InputError
from generator.textfiles import read_text_file

if TYPE_CHECKING:  # the public package does not re-export the Resolver class
    from referencing._core import Resolver

Json = Any  # a parsed JSON value


@dataclass(frozen=True)
class Document:
    """One parsed schema file."""

    uri: str  # the file's own URI (file:///...), never shown to the user
    display: str  # the path shown in messages and Source.file
    contents: dict[str, Json]
    specification: Specification[Json]

    @property
    def resource(self) -> Resource[Json]:
        return self.specification.create_resource(self.contents)


@dataclass(frozen=True)
class Located:
    """A schema node, where it is (file and JSON pointer) and how to resolve its ``$ref``."""

    schema: Json
    file: str
    pointer: str
    resolver: Resolver[Json]  # with the base URI in force at this node
    specification: Specification[Json]

    def child(self, *segments: str | int) -> Located:
        """The node below this one at ``segments`` (keywords, names or list indexes)."""
        schema = self.schema
        pointer = self.pointer
        for segment in segments:
            schema = schema[segment]
            pointer = f"{pointer}/{escape_pointer(str(segment))}"
        resolver = self.resolver
        if own_id(self.specification, schema) is not None:
            resolver = resolver.in_subresource(self.specification.create_resource(schema))
        return Located(schema, self.file, pointer, resolver, self.specification)

    def each(self, keyword: str) -> list[Located]:
        """The nodes of a list-valued keyword (``allOf``, ``anyOf``, ...); none if absent."""
        value = self.schema.get(keyword) if isinstance(self.schema, dict) else None
        if not isinstance(value, list):
            return []
        return [self.child(keyword, index) for index in range(len(value))]


class _Unavailable(Exception):
    """Raised by the retrieve function: the URI names no local schema file."""


def escape_pointer(segment: str) -> str:
    """One JSON pointer segment (RFC 6901 escaping)."""
    return segment.replace("~", "~0").replace("/", "~1")


def own_id(specification: Specification[Json], schema: Json) -> str | None:
    """The base URI a schema node sets (``$id``, or ``id`` in draft-04), if a usable one."""
    if not isinstance(schema, dict):
        return None
    declared = schema.get("$id", schema.get("id"))
    if not isinstance(declared, str):  # e.g. a draft-04 property map with a key named "id"
        return None
    found = specification.create_resource(schema).id()
    return found or None


# How a JSON root that is not an object is named in the error.
_JSON_KINDS: dict[type, str] = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def parse_file(path: Path, display: str) -> dict[str, Json]:
    """The JSON object in ``path``; bad encoding, bad JSON or a non-object root is fatal."""
    text = read_text_file(path, display, what="schema")
    try:
        contents = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg} (column {error.colno})"
        raise InputError(message, file=display, line=error.lineno) from None
    if not isinstance(contents, dict):
        kind = _JSON_KINDS.get(type(contents), "a scalar")
        message = f"the schema root must be a JSON object, not {kind}"
        raise InputError(message, file=display, line=1)
    return contents


def _specification(contents: dict[str, Json]) -> Specification[Json]:
    """The dialect the file declares in ``$schema``; draft-07 when absent or unknown."""
    dialect = contents.get("$schema")
    if not isinstance(dialect, str):
        return DRAFT7
    return specification_with(dialect, default=DRAFT7)


class SchemaFiles:
    """The files one read touches, each parsed once, and where each node of them is."""

    def __init__(self, root: Path, display: str) -> None:
        self._root_path = root.resolve()
        self._root_display = display
        self._by_uri: dict[str, Document] = {}
        self._where: dict[int, tuple[Document, str]] = {}
        self.root = self._load(self._root_path)

    def root_node(self) -> Located:
        """The root schema, ready to resolve ``$ref`` (relative to its file or its ``$id``)."""
        document = self.root
        # ``retrieve`` is an attrs alias of a private field, which mypy cannot see.
        registry: Registry[Json] = Registry(retrieve=self._retrieve)  # type: ignore[call-arg]
        registry = registry.with_resource(document.uri, document.resource)
        resolver = registry.resolver(base_uri=document.uri)
        if own_id(document.specification, document.contents) is not None:
            resolver = resolver.in_subresource(document.resource)
        return Located(document.contents, document.display, "", resolver, document.specification)

    def follow(self, node: Located) -> Located:
        """The node that ``node``'s ``$ref`` points to; a dangling one is fatal."""
        ref = node.schema["$ref"]
        where = f"{node.pointer}/$ref"
        if not isinstance(ref, str):
            raise InputError("$ref must be a string", file=node.file, pointer=where)
        try:
            resolved = node.resolver.lookup(ref)
        except Unresolvable as error:
            raise _ref_error(ref, error, node.file, where) from None
        except (TypeError, AttributeError):  # the pointer walks into a number or a string
            raise InputError(
                f"dangling $ref {ref!r}: the pointer passes through a value that is not an "
                "object or an array",
                file=node.file,
                pointer=where,
            ) from None
        target = self._where.get(id(resolved.contents))
        if target is None:  # a value with no identity of its own (a scalar)
            raise InputError(
                f"$ref {ref!r} does not point to a schema", file=node.file, pointer=where
            )
        document, pointer = target
        return Located(
            resolved.contents, document.display, pointer, resolved.resolver, document.specification
        )

    def _load(self, path: Path) -> Document:
        uri = path.as_uri()
        known = self._by_uri.get(uri)
        if known is not None:
            return known
        display = self._display(path)
        contents = parse_file(path, display)
        document = Document(uri, display, contents, _specification(contents))
        self._by_uri[uri] = document
        identifier = own_id(document.specification, contents)
        if identifier is not None:
            self._by_uri.setdefault(identifier, document)
        self._index(document, contents, "")
        return document

    def _index(self, document: Document, node: Json, pointer: str) -> None:
        """Remember the file and pointer of every object and array in ``document``."""
        if isinstance(node, dict):
            self._where[id(node)] = (document, pointer)
            for key, value in node.items():
                self._index(document, value, f"{pointer}/{escape_pointer(key)}")
        elif isinstance(node, list):
            self._where[id(node)] = (document, pointer)
            for index, value in enumerate(node):
                self._index(document, value, f"{pointer}/{index}")

    def _display(self, path: Path) -> str:
        """``path`` as shown to the user: relative to the root schema's displayed folder."""
        if path == self._root_path:
            return self._root_display
        relative = os.path.relpath(path, self._root_path.parent)
        return os.path.normpath(os.path.join(os.path.dirname(self._root_display), relative))

    def _retrieve(self, uri: str) -> Resource[Json]:
        """The registry's retrieve function: local files only, never the network."""
        known = self._by_uri.get(uri)
        if known is not None:
            return known.resource
        return self._load(self._local_path(uri)).resource

    def _local_path(self, uri: str) -> Path:
        parts = urlsplit(uri)
        if parts.scheme == "file":
            path = Path(url2pathname(parts.path))
            if not path.is_file():
                raise _Unavailable(f"no such file {self._display(path)}")
            return path
        if parts.scheme in ("http", "https"):
            return self._sibling_of_url(uri, parts.path)
        raise _Unavailable("not a local file; docgen never fetches schemas from the network")

    def _sibling_of_url(self, uri: str, url_path: str) -> Path:
        """An ``http(s)`` URL read from the file of the same name beside the root schema."""
        name = unquote(url_path.rsplit("/", 1)[-1])
        sibling = self._root_path.parent / name
        if name and sibling.is_file():
            return sibling
        raise _Unavailable(
            f"{uri} is not a local file and there is no {name or 'file'!s} beside the root "
            "schema; docgen never fetches schemas from the network"
        )


def _ref_error(ref: str, error: Unresolvable, file: str, pointer: str) -> InputError:
    """The InputError for a ``$ref`` that resolves to nothing, naming the deepest cause.

    A referenced file that is itself malformed reports its own error (its file
    and line), not the ``$ref`` that led to it.
    """
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, InputError):
            return cause
        if isinstance(cause, _Unavailable):
            return InputError(f"dangling $ref {ref!r}: {cause}", file=file, pointer=pointer)
        cause = cause.__cause__
    if isinstance(error, PointerToNowhere):
        reason = "nothing is at that JSON pointer"
    elif isinstance(error, NoSuchAnchor):
        reason = "no such anchor"
    else:
        reason = "it cannot be resolved"
    return InputError(f"dangling $ref {ref!r}: {reason}", file=file, pointer=pointer)
