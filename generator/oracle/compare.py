"""docgen's verdict against the SDK's, and the class of every disagreement.

Each class is given only when its cause is checked on the document itself:

* ``range``: docgen rejects only for a documented range (the pydantic/jsonschema range
  message), the SDK accepts: it checks no ranges.
* ``coerce``: docgen rejects only for a type, at a value the SDK turns into that type (a
  number given as a string, a float for an integer).
* ``enum-case``: docgen rejects only for an enumeration, at a value that equals an allowed
  value but for letter case; the SDK's enums ignore case.
* ``post-load``: docgen accepts, and the SDK fails after marshmallow loaded the document, on a
  key its schema leaves optional (``KeyError: 'training_data'``, ``missing ... argument:
  'sampling_algorithm'``).
* ``missing-files`` / ``unbuildable-key``: docgen accepts, and the SDK accepts too once the
  causes in :mod:`.setaside` are set aside.

When both reject but the SDK only for a set-aside cause (it accepts the rest), the agreement is
an accident: it is counted as a disagreement and classed by docgen's reason.  Anything else
is ``unexplained``.  A fixture's index rule must match the class given for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.oracle.corpus import Document
from generator.oracle.messages import missing_key, one_line
from generator.oracle.setaside import MISSING_FILES, UNBUILDABLE_KEY
from generator.oracle.verdicts import MISSING, DocgenIssue, DocgenVerdict, SdkRun

RANGE = "range"
COERCE = "coerce"
ENUM_CASE = "enum-case"
POST_LOAD = "post-load"
UNEXPLAINED = "unexplained"

CLASSES: dict[str, str] = {
    RANGE: "docgen stricter: the docs state a range the SDK does not check",
    COERCE: "SDK coerces the value",
    ENUM_CASE: "SDK enums are case-insensitive",
    POST_LOAD: "SDK rejects after loading (post-load checks the schema cannot express)",
    MISSING_FILES: "SDK needs files the corpus lacks (local paths not on disk)",
    UNBUILDABLE_KEY: "SDK cannot build a key its own schema declares (an SDK bug)",
    UNEXPLAINED: "unexplained",
}
EXPLAINED = tuple(k for k in CLASSES if k != UNEXPLAINED)
FIXTURE_RULE = {RANGE: "range", COERCE: "type", ENUM_CASE: "enum"}
MIN_AGREEMENT = 0.99

RANGE_MESSAGE = re.compile(
    r"should be (greater|less) than|is (less|greater) than (or equal to )?the (minimum|maximum)"
)
TYPE_MESSAGE = re.compile(r"valid (integer|number)|is not of type '(integer|number)'")
QUOTED = re.compile(r"'([^']*)'")


@dataclass(frozen=True)
class Outcome:
    document: Document
    docgen: DocgenVerdict
    sdk: SdkRun
    agree: bool
    klass: str | None = None  # a key of CLASSES, for a disagreement
    why: str = ""  # the evidence for the class (or why an agreement is unconfirmed)
    unconfirmed: bool = False  # an agreement the SDK reached for an unrelated reason

    @property
    def title(self) -> str:
        return CLASSES[self.klass] if self.klass else ""


def compare(document: Document, docgen: DocgenVerdict, sdk: SdkRun) -> Outcome:
    if docgen.valid == sdk.as_is.accepted:
        if docgen.valid or sdk.rerun is None or not sdk.rerun.accepted:
            return Outcome(document, docgen, sdk, agree=True)
        klass, why = _docgen_stricter(document, docgen)
        return Outcome(
            document, docgen, sdk, False, klass, f"{why}; the SDK rejects only what was set aside"
        )
    if not docgen.valid:
        klass, why = _docgen_stricter(document, docgen)
    else:
        klass, why = _sdk_stricter(sdk, docgen)
    return Outcome(document, docgen, sdk, False, klass, why)


def mark_unconfirmed(outcomes: list[Outcome]) -> list[Outcome]:
    """Agreements on a rejection where the SDK rejects exactly as it rejects a document docgen
    accepts: the SDK's reason is not the document's own fault (a fixture built on a base the
    SDK already refuses), so the agreement confirms nothing.  They are flagged, not hidden."""
    accepted_by_docgen: dict[tuple[object, ...], list[Document]] = {}
    for outcome in outcomes:
        rest = outcome.sdk.rest
        if outcome.docgen.valid and not rest.accepted:
            accepted_by_docgen.setdefault(_signature(outcome), []).append(outcome.document)
    marked: list[Outcome] = []
    for outcome in outcomes:
        bases = accepted_by_docgen.get(_signature(outcome), [])
        if outcome.agree and not outcome.docgen.valid and bases:
            here = outcome.document.path.parent.parent
            base = min(bases, key=lambda d: (d.path.parent.parent != here, d.shown)).shown
            outcome = replace(
                outcome,
                unconfirmed=True,
                why=f"the SDK rejects it exactly as it rejects `{base}`, which docgen accepts",
            )
        marked.append(outcome)
    return marked


def _signature(outcome: Outcome) -> tuple[object, ...]:
    rest = outcome.sdk.rest
    return (rest.accepted, rest.error_type, rest.first_line, rest.errors)


def _docgen_stricter(document: Document, docgen: DocgenVerdict) -> tuple[str, str]:
    if docgen.unreadable or not docgen.issues:
        return UNEXPLAINED, "docgen cannot read the file, the SDK can"
    found = [(issue, _issue_class(issue)) for issue in docgen.issues]
    for issue, cause in found:
        if cause is None:
            return UNEXPLAINED, f"no class fits docgen's issue at `{issue.path}`"
    klass, why = found[0][1] or (UNEXPLAINED, "")
    others = sorted({c[0] for _, c in found if c is not None and c[0] != klass})
    if others:
        why += f" (other issues: {', '.join(others)})"
    if document.rule is not None and FIXTURE_RULE.get(klass) != document.rule:
        return UNEXPLAINED, f"the fixture breaks `{document.rule}`, but docgen's issue is {why}"
    return klass, why


def _issue_class(issue: DocgenIssue) -> tuple[str, str] | None:
    value = issue.value
    shown = f"`{issue.path}` is {value!r}"
    if value is MISSING:
        return None
    if RANGE_MESSAGE.search(issue.message) and _is_number(value):
        return RANGE, f"{shown}: {one_line(issue.message, 80)}; the SDK checks no range"
    if TYPE_MESSAGE.search(issue.message):
        wants_integer = "integer" in issue.message
        if isinstance(value, str) and _is_number_text(value):
            return COERCE, f"{shown}, a number as a string; the SDK converts it"
        if wants_integer and isinstance(value, float):
            return COERCE, f"{shown}, a float for an integer; the SDK converts it"
    if isinstance(value, str):
        allowed = [v for v in QUOTED.findall(issue.message) if v != value]
        for option in allowed:
            if option.lower() == value.lower():
                return ENUM_CASE, f"{shown}; the allowed value is {option!r}"
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_number_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip().lower() not in ("nan", "inf", "-inf", "+inf", "infinity")


def _sdk_stricter(sdk: SdkRun, docgen: DocgenVerdict) -> tuple[str, str]:
    if sdk.causes and sdk.rerun is not None and sdk.rerun.accepted:
        kinds = list(dict.fromkeys(c.kind for c in sdk.causes))
        texts = ", ".join(c.text for c in sdk.causes)
        return kinds[0], f"set aside: {texts}; the SDK accepts the rest"
    verdict = sdk.rest
    key = missing_key(verdict.error_type, verdict.first_line)
    if key is not None and key not in docgen.keys:
        return POST_LOAD, (
            f"`{key}` is missing; load_job needs it after its schema loaded the document "
            f"({verdict.error_type})"
        )
    if sdk.rerun is not None:
        return UNEXPLAINED, (
            f"with the causes set aside, the SDK still rejects: {verdict.error_type}: "
            f"{verdict.detail}"
        )
    return (
        UNEXPLAINED,
        f"the SDK rejects what docgen accepts: {verdict.error_type}: {verdict.detail}",
    )


@dataclass
class Summary:
    documents: int = 0
    agreements: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    by_group: dict[str, tuple[int, int]] = field(default_factory=dict)  # documents, agreements
    fixture_mismatches: list[Outcome] = field(default_factory=list)  # docgen vs index.json
    unconfirmed: int = 0  # agreements the SDK reached for an unrelated reason

    @property
    def explained(self) -> int:
        return sum(n for k, n in self.by_class.items() if k != UNEXPLAINED)

    @property
    def unexplained(self) -> int:
        return self.by_class.get(UNEXPLAINED, 0)

    @property
    def disagreements(self) -> int:
        return self.documents - self.agreements

    @property
    def agreement(self) -> float:
        return self.agreements / self.documents if self.documents else 0.0

    @property
    def rest(self) -> int:
        """The documents left once the explained disagreements are set aside."""
        return self.documents - self.explained

    @property
    def rest_agreement(self) -> float:
        return self.agreements / self.rest if self.rest else 0.0

    @property
    def passed(self) -> bool:
        return (
            self.documents > 0
            and self.unexplained == 0
            and not self.fixture_mismatches
            and self.rest_agreement >= MIN_AGREEMENT
        )


def summarize(outcomes: list[Outcome]) -> Summary:
    summary = Summary(documents=len(outcomes))
    for outcome in outcomes:
        group = outcome.document.group
        seen, agreed = summary.by_group.get(group, (0, 0))
        summary.by_group[group] = (seen + 1, agreed + outcome.agree)
        if outcome.agree:
            summary.agreements += 1
            summary.unconfirmed += outcome.unconfirmed
        else:
            klass = outcome.klass or UNEXPLAINED
            summary.by_class[klass] = summary.by_class.get(klass, 0) + 1
        expect = outcome.document.expect
        if expect is not None and (expect == "valid") != outcome.docgen.valid:
            summary.fixture_mismatches.append(outcome)
    summary.by_class = {k: summary.by_class[k] for k in CLASSES if k in summary.by_class}
    return summary


__all__ = [
    "CLASSES",
    "EXPLAINED",
    "UNEXPLAINED",
    "Outcome",
    "Summary",
    "compare",
    "mark_unconfirmed",
    "summarize",
]
