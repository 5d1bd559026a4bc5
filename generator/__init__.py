"""docgen: read the Azure ML job YAML reference (docs and JSON schema), check, emit."""

__version__ = "0.1.0"
