"""The identifier check before sharing, one module per detector (face: domain/deidentify.py)."""
