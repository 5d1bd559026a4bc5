"""Lazy access to the SDK: the only place that imports azure-ai-ml and marshmallow.

The SDK is imported by name at call time, never at module import time, so the
rest of the package type-checks and imports without it.  SDK objects are typed
as :data:`SdkObject` (``Any``): their classes come from a package that is not a
dependency of the project.
"""

from __future__ import annotations

import importlib
from importlib import metadata
from typing import Any

SdkObject = Any
"""A marshmallow field or schema object, or a class of one, from the SDK."""

SDK_DISTRIBUTION = "azure-ai-ml"
MARSHMALLOW_DISTRIBUTION = "marshmallow"


class UnsupportedSdkConstruct(Exception):
    """The SDK declares something the converter has no rule for.

    Raised instead of emitting a permissive ``{}`` so that a new field class,
    validator or schema option is noticed when the SDK is upgraded.
    """


def sdk_attribute(dotted_path: str) -> SdkObject:
    """Return the object named ``package.module.Name`` (imports the module)."""
    module_name, _, name = dotted_path.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def qualified_name(cls: type) -> str:
    """``module.QualName`` of a class: the stable key of the converter's rules."""
    return f"{cls.__module__}.{cls.__qualname__}"


def distribution_versions() -> str:
    """The versions of the SDK and marshmallow in use, for provenance comments."""
    sdk = metadata.version(SDK_DISTRIBUTION)
    marshmallow = metadata.version(MARSHMALLOW_DISTRIBUTION)
    return f"{SDK_DISTRIBUTION}=={sdk} (marshmallow=={marshmallow})"


def is_instance(obj: SdkObject, dotted_path: str) -> bool:
    """``isinstance`` against a class named by its dotted path."""
    return isinstance(obj, sdk_attribute(dotted_path))


def missing_value() -> SdkObject:
    """marshmallow's ``missing`` sentinel (no default declared)."""
    return sdk_attribute("marshmallow.utils.missing")


def schema_base_class() -> SdkObject:
    """``marshmallow.Schema``."""
    return sdk_attribute("marshmallow.Schema")


def registered_schema_class(name: str) -> SdkObject:
    """A schema class referred to by name (``NestedField("ChoiceSchema")``)."""
    return sdk_attribute("marshmallow.class_registry.get_class")(name, all=False)


def unknown_is_raise(schema_cls: SdkObject) -> bool:
    """Whether the schema rejects unknown keys (``Meta.unknown = RAISE``)."""
    return bool(schema_cls.opts.unknown == sdk_attribute("marshmallow.RAISE"))
