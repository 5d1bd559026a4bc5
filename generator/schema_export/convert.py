"""Convert the SDK's marshmallow schemas and fields to JSON Schema (draft-07).

Rules, each taken from how the SDK loads YAML:

* Schemas are read from their class declarations (``_declared_fields``), never
  from instances: instantiating a pipeline-node schema mutates field objects the
  standalone job schemas share, so instance state depends on what was built
  before.  Properties are keyed by the declared attribute name (or its
  ``data_key``), never by ``field.name``: several hyperparameters share one
  field object, whose ``name`` is whichever attribute bound it last.
* ``Meta.unknown = RAISE`` gives ``additionalProperties: false``.
* ``UnionField`` tries its branches in order and keeps the first that loads:
  ``anyOf``.  When every branch is an object with a required, single-valued
  ``type`` and no two branches share a value, ``discriminator`` records it.
* Inside a pipeline's AutoML node the SDK lets every value be a data-binding
  expression (``${{parent.inputs.x}}``), skipping the ``task_type`` and
  ``type`` attributes (``AutoMLNodeMixin.__init__``); pipeline inputs get the
  same treatment with nothing skipped (``InputsField``).  :class:`Scope`
  reproduces ``support_data_binding_expression_for_fields``.
* Field classes are matched exactly, by qualified name: an unknown class, schema
  option, validator or metadata key raises :class:`UnsupportedSdkConstruct`.

Object schemas become definitions keyed by :class:`DefinitionKey`; references
to them are placeholders until :mod:`generator.schema_export.naming` names them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.schema_export.sdk import (
    SdkObject,
    UnsupportedSdkConstruct,
    is_instance,
    missing_value,
    qualified_name,
    registered_schema_class,
    schema_base_class,
    sdk_attribute,
    unknown_is_raise,
)

JsonObject = dict[str, Any]

PLACEHOLDER_PREFIX = "definition-key:"
"""Prefix of the ``$ref`` placeholders that naming replaces."""

_FIELDS = "azure.ai.ml._schema.core.fields"
_DATA_BINDING_STR = f"{_FIELDS}.DataBindingStr"
_STUB_KEYS = ("type", "task")
_NODE_NAME_PATTERN = r"^[a-z_][a-z\d_]*$"  # azure.ai.ml._utils.utils.is_valid_node_name
_IGNORED_METADATA = frozenset(
    {
        "arm_type",  # Azure's resource-type tag: documents, constrains nothing
        "unknown",  # `unknown=` passed to a non-Nested field lands in metadata, unused
    }
)
_SDK_MAPPING_KEYS = ("type", "anyOf", "pattern", "format")


class Variant(str, enum.Enum):
    """How a definition's schema class is treated where it is used."""

    DECLARED = ""
    PIPELINE_NODE = "PipelineNode"
    DATA_BINDING = "DataBinding"
    STUB = "Stub"


@dataclass(frozen=True)
class DefinitionKey:
    """Identity of one definition: an SDK schema class under one treatment."""

    sdk_class: SdkObject
    variant: Variant = Variant.DECLARED
    skipped_attrs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Scope:
    """The SDK's data-binding expansion in force for the fields being converted.

    ``stack`` holds the names of the schema classes being expanded, as the SDK's
    ``schema_stack`` does: a schema nested inside itself is left as declared.
    """

    variant: Variant = Variant.DECLARED
    skipped_attrs: frozenset[str] = frozenset()
    stack: tuple[str, ...] = ()

    @property
    def binds(self) -> bool:
        """Whether values in this scope may be data-binding expressions."""
        return self.variant in (Variant.PIPELINE_NODE, Variant.DATA_BINDING)

    def entering(self, schema_cls: SdkObject) -> Scope:
        """The scope inside ``schema_cls``'s fields."""
        if not self.binds:
            return self
        if schema_cls.__name__ in self.stack:
            return DECLARED
        return Scope(self.variant, self.skipped_attrs, (*self.stack, schema_cls.__name__))

    def for_attribute(self, attr: str) -> Scope:
        """The scope of one declared attribute (skipped ones keep their declaration)."""
        return DECLARED if attr in self.skipped_attrs else self


DECLARED = Scope()
"""Fields as the SDK declares them: no data binding."""


@dataclass
class Converter:
    """Builds JSON Schema for SDK schema classes, collecting definitions.

    ``stub_classes`` are schema classes emitted as permissive objects that only
    check their ``type``/``task`` keys; ``binding_roots`` maps the qualified
    name of a base class whose ``__init__`` turns on data binding to the
    attributes it skips.
    """

    stub_classes: frozenset[SdkObject] = frozenset()
    binding_roots: dict[str, frozenset[str]] = field(default_factory=dict)
    definitions: dict[DefinitionKey, JsonObject] = field(default_factory=dict, init=False)
    keys: list[DefinitionKey] = field(default_factory=list, init=False)
    """Definition keys in discovery order; a placeholder ``$ref`` holds an index here."""
    _handlers: dict[str, Callable[[SdkObject, Scope], JsonObject]] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        self._handlers = self._handler_table()

    # -- schemas -----------------------------------------------------------

    def root_schema(self, schema_cls: SdkObject) -> JsonObject:
        """The object schema of a top-level schema class (not a definition)."""
        return self._object_body(*self._placement(schema_cls, DECLARED))

    def _reference(self, schema_cls: SdkObject, scope: Scope) -> JsonObject:
        """A placeholder ``$ref`` to the definition of ``schema_cls`` used in ``scope``."""
        key, body_scope = self._placement(schema_cls, scope)
        if key not in self.keys:
            self.keys.append(key)
            self.definitions[key] = self._object_body(key, body_scope)
        return self._placeholder(key)

    def _placeholder(self, key: DefinitionKey) -> JsonObject:
        """The placeholder ``$ref`` of a known key."""
        return {"$ref": f"{PLACEHOLDER_PREFIX}{self.keys.index(key)}"}

    def _placement(self, schema_cls: SdkObject, scope: Scope) -> tuple[DefinitionKey, Scope]:
        """Definition key of ``schema_cls`` used in ``scope``, and the scope of its fields."""
        if schema_cls in self.stub_classes:
            return DefinitionKey(schema_cls, Variant.STUB), DECLARED
        for base in schema_cls.__mro__:
            skipped = self.binding_roots.get(qualified_name(base))
            if skipped is not None:
                node_scope = Scope(Variant.PIPELINE_NODE, skipped, (schema_cls.__name__,))
                return DefinitionKey(schema_cls, Variant.PIPELINE_NODE, skipped), node_scope
        if scope.binds:
            return DefinitionKey(schema_cls, scope.variant, scope.skipped_attrs), scope
        return DefinitionKey(schema_cls), DECLARED

    def _object_body(self, key: DefinitionKey, scope: Scope) -> JsonObject:
        """``type: object`` schema of ``key``'s class, properties in declared order."""
        schema_cls = key.sdk_class
        stub = key.variant is Variant.STUB
        properties: JsonObject = {}
        required: list[str] = []
        for attr, sdk_field in declared_fields(schema_cls).items():
            name = sdk_field.data_key or attr
            if stub and not _is_stub_key(name, sdk_field):
                continue
            try:
                properties[name] = self._property_schema(sdk_field, scope.for_attribute(attr))
            except UnsupportedSdkConstruct as error:
                raise UnsupportedSdkConstruct(f"{schema_cls.__name__}.{attr}: {error}") from None
            if sdk_field.required:
                required.append(name)
        comment = qualified_name(schema_cls)
        if stub:
            comment += ": not expanded; only its type/task enums are checked"
        body: JsonObject = {"$comment": comment, "type": "object", "properties": properties}
        if required:
            body["required"] = required
        body["additionalProperties"] = stub or not unknown_is_raise(schema_cls)
        return body

    # -- fields ------------------------------------------------------------

    def _property_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """A property: its value schema plus default and readOnly."""
        schema = self._value_schema(sdk_field, scope)
        annotations: JsonObject = {}
        wrapped = scope.binds and _is_wrapped_by_binding(sdk_field)
        default = sdk_field.load_default
        if not wrapped and default is not missing_value() and not callable(default):
            annotations["default"] = _json_default(sdk_field, default)
        if sdk_field.dump_only:
            annotations["readOnly"] = True
        return _annotate(schema, annotations)

    def _value_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """Schema of a value marshmallow checks with ``deserialize`` (null rule applies)."""
        schema = self._bindable_schema(sdk_field, scope)
        return _nullable(schema) if sdk_field.allow_none else schema

    def _bindable_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """Type schema, or ``anyOf`` data binding and it where the SDK wraps the field."""
        if not (scope.binds and _is_wrapped_by_binding(sdk_field)):
            return self._type_schema(sdk_field, scope)
        inner = self._type_schema(sdk_field, DECLARED)
        description = inner.pop("description", None)
        inner = _unwrap(inner)
        wrapper: JsonObject = {"anyOf": [self._data_binding_reference(), inner]}
        if description is not None:
            wrapper["description"] = description
        return wrapper

    def _branch_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """Schema of a union branch (the SDK does not wrap literal branches)."""
        if scope.binds and _is_literal_for_binding(sdk_field):
            return self._type_schema(sdk_field, DECLARED)
        return self._type_schema(sdk_field, scope)

    def _type_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """Schema of what the field's class accepts, with its validators and metadata."""
        class_name = qualified_name(type(sdk_field))
        handler = self._handlers.get(class_name)
        if handler is None:
            raise UnsupportedSdkConstruct(f"no JSON Schema rule for field class {class_name}")
        schema = handler(sdk_field, scope)
        for validator in sdk_field.validators:
            schema.update(_validator_keywords(validator))
        return _with_metadata(schema, sdk_field.metadata)

    def _data_binding_reference(self) -> JsonObject:
        """``$ref`` to the data-binding expression string definition."""
        field_cls = sdk_attribute(_DATA_BINDING_STR)
        key = DefinitionKey(field_cls)
        if key not in self.keys:
            self.keys.append(key)
            self.definitions[key] = {"$comment": _DATA_BINDING_STR, **_sdk_mapping(field_cls())}
        return self._placeholder(key)

    # -- handlers ------------------------------------------------------------

    def _handler_table(self) -> dict[str, Callable[[SdkObject, Scope], JsonObject]]:
        """Field class (qualified name) -> handler."""
        primitive = {
            "marshmallow.fields.String": "string",
            "marshmallow.fields.Integer": "integer",
            "marshmallow.fields.Float": "number",
            "marshmallow.fields.Number": "number",
            "marshmallow.fields.Boolean": "boolean",
            f"{_FIELDS}.DumpableStringField": "string",
            f"{_FIELDS}.DumpableIntegerField": "integer",
            f"{_FIELDS}.DumpableFloatField": "number",
        }
        table: dict[str, Callable[[SdkObject, Scope], JsonObject]] = {
            name: _primitive_handler(json_type) for name, json_type in primitive.items()
        }
        for name in (
            "ArmStr",
            "ArmVersionedStr",
            "RegistryStr",
            "InternalRegistryStr",
            "LocalPathField",
            "DataBindingStr",
            "GitStr",
            "DateTimeStr",
            "VersionField",
        ):
            table[f"{_FIELDS}.{name}"] = _sdk_mapping_handler
        table["azure.ai.ml._schema.pipeline.pipeline_job_io.OutputBindingStr"] = (
            _sdk_mapping_handler
        )
        table["azure.ai.ml._schema.pipeline.pipeline_component.PipelineComponentFileRefField"] = (
            _sdk_mapping_handler
        )
        table["azure.ai.ml._schema.pipeline.pipeline_component.NodeNameStr"] = _node_name_handler
        table[f"{_FIELDS}.SerializeValidatedUrl"] = _url_handler
        table["marshmallow.fields.DateTime"] = _date_time_handler
        table[f"{_FIELDS}.StringTransformedEnum"] = _enum_handler
        table[f"{_FIELDS}.DumpableEnumField"] = _enum_handler
        table["marshmallow.fields.List"] = self._list_schema
        table["marshmallow.fields.Dict"] = self._dict_schema
        table[f"{_FIELDS}.NestedField"] = self._nested_schema
        table[f"{_FIELDS}.UnionField"] = self._union_schema
        table[f"{_FIELDS}.TypeSensitiveUnionField"] = self._union_schema
        table[f"{_FIELDS}.ExperimentalField"] = self._experimental_schema
        return table

    def _list_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """``fields.List``: array of the inner field's values."""
        return {"type": "array", "items": self._value_schema(sdk_field.inner, scope)}

    def _dict_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """``fields.Dict``: object whose values follow the value field, keys the key field."""
        schema: JsonObject = {"type": "object"}
        if sdk_field.key_field is not None:
            key_schema = self._type_schema(sdk_field.key_field, DECLARED)
            if key_schema != {"type": "string"}:
                schema["propertyNames"] = key_schema
        if sdk_field.value_field is None:
            schema["additionalProperties"] = True
        else:
            schema["additionalProperties"] = self._value_schema(sdk_field.value_field, scope)
        return schema

    def _nested_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """``NestedField``: reference to the nested schema's definition."""
        if sdk_field.only is not None or sdk_field.exclude:
            raise UnsupportedSdkConstruct(f"NestedField with only/exclude: {sdk_field!r}")
        schema_cls = nested_class(sdk_field)
        inner_scope = scope.entering(schema_cls)
        if not inner_scope.binds and _prebound(sdk_field):
            inner_scope = Scope(Variant.DATA_BINDING, frozenset(), (schema_cls.__name__,))
        reference = self._reference(schema_cls, inner_scope)
        return {"type": "array", "items": reference} if sdk_field.many else reference

    def _union_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """``UnionField``: first match wins, so ``anyOf`` in the SDK's order."""
        branches: list[JsonObject] = []
        if scope.binds:
            branches.append(self._data_binding_reference())
        for branch in sdk_field._union_fields:
            for schema in _flattened(self._branch_schema(branch, scope)):
                if schema not in branches:
                    branches.append(schema)
        if len(branches) == 1:
            return branches[0]
        union: JsonObject = {"anyOf": branches}
        if self._discriminated(branches):
            union["discriminator"] = {"propertyName": "type"}
        return union

    def _experimental_schema(self, sdk_field: SdkObject, scope: Scope) -> JsonObject:
        """``ExperimentalField``: the wrapped field (it only logs a warning)."""
        return self._bindable_schema(sdk_field.experimental_field, scope)

    def _discriminated(self, branches: list[JsonObject]) -> bool:
        """Every branch is a definition with a required, distinct, single ``type``."""
        values: list[object] = []
        for branch in branches:
            index = placeholder_index(branch.get("$ref")) if len(branch) == 1 else None
            body = self.definitions.get(self.keys[index]) if index is not None else None
            value = _single_type_value(body) if body is not None else None
            if value is None:
                return False
            values.append(value)
        return len(set(values)) == len(values)


# -- helpers without converter state ------------------------------------------


def placeholder_index(ref: object) -> int | None:
    """Index into :attr:`Converter.keys` of a placeholder ``$ref`` (None for anything else)."""
    if isinstance(ref, str) and ref.startswith(PLACEHOLDER_PREFIX):
        return int(ref.removeprefix(PLACEHOLDER_PREFIX))
    return None


def declared_fields(schema_cls: SdkObject) -> dict[str, SdkObject]:
    """Attribute -> field of a schema class, in declaration order, less ``Meta.exclude``."""
    if not issubclass(schema_cls, schema_base_class()):
        raise UnsupportedSdkConstruct(f"not a marshmallow schema: {schema_cls!r}")
    opts = schema_cls.opts
    if opts.fields or opts.additional or opts.include:
        raise UnsupportedSdkConstruct(f"Meta fields/additional/include on {schema_cls}")
    return {
        attr: sdk_field
        for attr, sdk_field in schema_cls._declared_fields.items()
        if attr not in opts.exclude
    }


def nested_class(sdk_field: SdkObject) -> SdkObject:
    """The schema class a ``Nested`` field points to."""
    nested = sdk_field.nested
    if isinstance(nested, str):
        if nested == "self":
            raise UnsupportedSdkConstruct("Nested('self') is not supported")
        return registered_schema_class(nested)
    if isinstance(nested, type):
        return nested
    if isinstance(nested, schema_base_class()):
        if nested.only is not None or nested.exclude:
            raise UnsupportedSdkConstruct(f"nested schema instance with only/exclude: {nested!r}")
        return type(nested)
    raise UnsupportedSdkConstruct(f"Nested field target {nested!r} is not a schema")


def _is_stub_key(name: str, sdk_field: SdkObject) -> bool:
    """Whether a stub keeps this property: a ``type``/``task`` string enum."""
    return name in _STUB_KEYS and is_instance(sdk_field, f"{_FIELDS}.StringTransformedEnum")


def _prebound(sdk_field: SdkObject) -> bool:
    """Whether the SDK made this nested schema data-binding aware when it built the field.

    ``InputsField(support_databinding=True)`` does so at import time, on the
    schema instance the field caches.
    """
    cached = sdk_field._schema
    return cached is not None and bool(getattr(cached, "_data_binding_supported", False))


def _is_literal_for_binding(sdk_field: SdkObject) -> bool:
    """The SDK's ``_is_literal``: union branches it leaves alone."""
    return not any(
        is_instance(sdk_field, name)
        for name in (
            f"{_FIELDS}.NestedField",
            "marshmallow.fields.List",
            "marshmallow.fields.Dict",
            f"{_FIELDS}.UnionField",
        )
    )


def _is_wrapped_by_binding(sdk_field: SdkObject) -> bool:
    """Whether ``_add_data_binding_to_field`` wraps the field in a union with a binding."""
    return _is_literal_for_binding(sdk_field) and not is_instance(
        sdk_field, f"{_FIELDS}.ExperimentalField"
    )


def _primitive_handler(json_type: str) -> Callable[[SdkObject, Scope], JsonObject]:
    """Handler for a field class that maps to one JSON type."""

    def handler(sdk_field: SdkObject, scope: Scope) -> JsonObject:
        return {"type": json_type}

    return handler


def _sdk_mapping(sdk_field: SdkObject) -> JsonObject:
    """The standard keywords of the field's own ``_jsonschema_type_mapping``.

    The SDK's string-like fields (ARM ids, registry paths, local paths, binding
    expressions) declare their JSON Schema there; Azure-only keys are dropped.
    """
    mapping: JsonObject = sdk_field._jsonschema_type_mapping()
    return {key: mapping[key] for key in _SDK_MAPPING_KEYS if key in mapping}


def _sdk_mapping_handler(sdk_field: SdkObject, scope: Scope) -> JsonObject:
    """Handler for fields that declare their own JSON Schema mapping."""
    return _sdk_mapping(sdk_field)


def _node_name_handler(sdk_field: SdkObject, scope: Scope) -> JsonObject:
    """Pipeline node names: lower-case Python identifiers."""
    return {"type": "string", "pattern": _NODE_NAME_PATTERN}


def _url_handler(sdk_field: SdkObject, scope: Scope) -> JsonObject:
    """``fields.Url``: a URI string."""
    return {"type": "string", "format": "uri"}


def _date_time_handler(sdk_field: SdkObject, scope: Scope) -> JsonObject:
    """``fields.DateTime``: an ISO 8601 date-time string."""
    return {"type": "string", "format": "date-time"}


def _enum_handler(sdk_field: SdkObject, scope: Scope) -> JsonObject:
    """``StringTransformedEnum``: the canonical (case-transformed) values."""
    values = [_plain(value) for value in sdk_field.allowed_values]
    if len(values) == 1:
        return {"type": "string", "const": values[0]}
    return {"type": "string", "enum": values}


def _validator_keywords(validator: SdkObject) -> JsonObject:
    """JSON Schema keywords for a marshmallow validator."""
    validate = "marshmallow.validate"
    if is_instance(validator, f"{validate}.Range"):
        return _range_keywords(validator)
    if is_instance(validator, f"{validate}.OneOf"):
        return {"enum": list(validator.choices)}
    if is_instance(validator, f"{validate}.Regexp"):
        return {"pattern": validator.regex.pattern}
    raise UnsupportedSdkConstruct(f"no JSON Schema rule for validator {type(validator)}")


def _range_keywords(validator: SdkObject) -> JsonObject:
    """``validate.Range`` as minimum/maximum (exclusive where declared)."""
    keywords: JsonObject = {}
    if validator.min is not None:
        keywords["minimum" if validator.min_inclusive else "exclusiveMinimum"] = validator.min
    if validator.max is not None:
        keywords["maximum" if validator.max_inclusive else "exclusiveMaximum"] = validator.max
    return keywords


def _with_metadata(schema: JsonObject, metadata: dict[str, Any]) -> JsonObject:
    """Add the field's documented metadata (description, pattern)."""
    unknown = set(metadata) - {"description", "pattern"} - _IGNORED_METADATA
    if unknown:
        raise UnsupportedSdkConstruct(f"no JSON Schema rule for field metadata {sorted(unknown)}")
    if "pattern" in metadata:
        if schema.get("type") != "string":
            raise UnsupportedSdkConstruct(f"pattern metadata on a non-string field: {schema}")
        schema["pattern"] = metadata["pattern"]
    if "description" in metadata:
        schema = _annotate(schema, {"description": metadata["description"]})
    return schema


def _json_default(sdk_field: SdkObject, default: object) -> object:
    """A declared default as JSON, in the canonical form of an enum field."""
    value = _plain(default)
    if isinstance(value, str) and is_instance(sdk_field, f"{_FIELDS}.StringTransformedEnum"):
        value = sdk_field.casing_transform(value)
    if value is not None and not isinstance(value, (str, int, float, bool)):
        raise UnsupportedSdkConstruct(f"default {default!r} has no JSON form")
    return value


def _plain(value: object) -> object:
    """An enum member as its value; anything else unchanged."""
    return value.value if isinstance(value, enum.Enum) else value


def _annotate(schema: JsonObject, annotations: JsonObject) -> JsonObject:
    """Add annotation keywords; a bare ``$ref`` is wrapped (draft-07 ignores siblings)."""
    if not annotations:
        return schema
    if "$ref" in schema:
        return {"allOf": [schema], **annotations}
    return {**schema, **annotations}


def _unwrap(schema: JsonObject) -> JsonObject:
    """Undo :func:`_annotate`'s ``allOf`` wrapper once its annotations are gone."""
    if list(schema) == ["allOf"] and len(schema["allOf"]) == 1:
        inner: JsonObject = schema["allOf"][0]
        return inner
    return schema


def _nullable(schema: JsonObject) -> JsonObject:
    """Also accept null (``allow_none``)."""
    if isinstance(schema.get("type"), str) and not {"enum", "const", "anyOf"} & set(schema):
        return {**schema, "type": [schema["type"], "null"]}
    if list(schema) == ["anyOf"]:
        return {"anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def _flattened(schema: JsonObject) -> Iterator[JsonObject]:
    """The branches of a bare ``anyOf`` (a union inside a union), else the schema."""
    if list(schema) == ["anyOf"]:
        yield from schema["anyOf"]
    else:
        yield schema


def _single_type_value(body: JsonObject) -> object:
    """The one value a definition's required ``type`` property allows, if so."""
    prop = body.get("properties", {}).get("type")
    if prop is None or "type" not in body.get("required", []):
        return None
    if "const" in prop:
        return prop["const"]
    enum_values = prop.get("enum", [])
    return enum_values[0] if len(enum_values) == 1 else None
