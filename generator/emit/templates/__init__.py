"""Source files the emitters copy or render into ``generated/`` (``runtime.py`` is copied as is)."""
