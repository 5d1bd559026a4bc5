"""``nox -s bench``: docgen measured side by side with the tools it is compared with.

``python -m generator.bench`` runs B1-B4 (see ``cases.py``), prints the ratio table and
writes it into ``BENCHMARKS.md`` between the bench markers.  ``--profile B3`` runs one
step in-process under cProfile instead and prints where its time goes.
"""
