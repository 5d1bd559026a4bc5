"""The emitters: documented jobs -> ``generated/``; ``generate.py`` runs them in order."""
