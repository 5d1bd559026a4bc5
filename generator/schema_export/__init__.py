"""Export JSON Schemas from the marshmallow schemas of the Azure ML Python SDK.

Azure publishes its job JSON schemas by converting the marshmallow schemas of
``azure-ai-ml`` to JSON Schema; this package does the same conversion for the
AutoML image jobs and the pipeline job that holds them, so that the files in
``docs_src/schemas/`` are the contract the SDK really enforces.

Only ``nox -s import-schemas`` runs it (``python -m generator.schema_export
docs_src/schemas``), in a virtualenv that has the pinned SDK.  Nothing else in
the project imports this package, and it imports the SDK (and marshmallow)
lazily, through :mod:`generator.schema_export.sdk`, so that type checking and
linting work without the SDK installed.
"""
