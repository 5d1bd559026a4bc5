"""The reference-docs reader: markdown pages in the Azure ML dialect -> KeyTables."""

from generator.docs.reader import DocsReader, find_pages, read_page

__all__ = ["DocsReader", "find_pages", "read_page"]
