"""The oracle: docgen's verdicts on job YAML set against the Azure ML SDK's ``load_job``.

``nox -s oracle`` runs ``python -m generator.oracle --out reports/oracle.md``.  For every
document (the generated fixtures, the pages' examples and the real AutoML image examples in
the shared corpus) it takes two verdicts:

* docgen: :class:`generator.validate.Validator` in process; valid iff it finds no issue, and
  a file it cannot read counts as rejected;
* the SDK: ``azure.ai.ml.load_job(path)._to_rest_object()``; any exception is a rejection.

Where the SDK's rejection comes from something outside the contract (component folders the
corpus lacks, a key its own schema declares but its classes cannot take), the document is
loaded again with that part set aside (:mod:`.setaside`), so an agreement is never an accident
of an unrelated failure.  Every disagreement is then put in a class by a check of its cause
(:mod:`.compare`); one that fits no class is "unexplained" and fails the session.

Modules: :mod:`.corpus` (which documents), :mod:`.verdicts` (docgen's verdict and the shape of
both), :mod:`.messages` (reading the SDK's exceptions), :mod:`.sdk` (the only module that
imports azure, lazily), :mod:`.setaside`, :mod:`.compare`, :mod:`.report`.
"""

from __future__ import annotations
