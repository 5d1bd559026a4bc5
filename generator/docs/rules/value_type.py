"""Rule: the type cell in the pages' vocabulary ("string", "const", "float", "string or object")."""

from __future__ import annotations

import re

from generator.docs.rules.row import TYPE, RowContext, RowFacts
from generator.model import ValueType

VOCABULARY: dict[str, ValueType] = {
    "string": ValueType.STRING,
    "str": ValueType.STRING,
    "uri": ValueType.STRING,
    "datetime": ValueType.STRING,
    "const": ValueType.CONST,
    "constant": ValueType.CONST,
    "integer": ValueType.INTEGER,
    "int": ValueType.INTEGER,
    "long": ValueType.INTEGER,
    "float": ValueType.NUMBER,
    "double": ValueType.NUMBER,
    "number": ValueType.NUMBER,
    "numeric": ValueType.NUMBER,
    "bool": ValueType.BOOLEAN,
    "boolean": ValueType.BOOLEAN,
    "object": ValueType.OBJECT,
    "dict": ValueType.OBJECT,
    "dictionary": ValueType.OBJECT,
    "map": ValueType.OBJECT,
    "array": ValueType.ARRAY,
    "list": ValueType.ARRAY,
    "null": ValueType.NULL,
}

_SEPARATORS = re.compile(r",|/|\bor\b|\band\b|\|")
_ARRAY_OF = re.compile(r"^(array|list)\s+of\b.*$")


def parse_type_words(text: str) -> tuple[list[ValueType], list[str]]:
    """Types named in ``text``, and the words that are not in the vocabulary."""
    cleaned = re.sub(r"\(.*?\)", " ", text.lower().replace("`", ""))
    types: list[ValueType] = []
    unknown: list[str] = []
    for word in _SEPARATORS.split(cleaned):
        word = word.strip().rstrip(".")
        if not word:
            continue
        if _ARRAY_OF.match(word):
            word = "array"
        found = VOCABULARY.get(word)
        if found is None:
            unknown.append(word)
        elif found not in types:
            types.append(found)
    return types, unknown


def value_type(ctx: RowContext, facts: RowFacts) -> None:
    cell = ctx.cell(TYPE)
    if cell is None or not cell.text:
        return
    facts.type_text = cell.text.replace("\n", " ")
    types, unknown = parse_type_words(cell.text)
    facts.types = types
    if unknown:
        ctx.report("type-unknown", f"type word(s) not understood: {', '.join(unknown)}")
