"""Where the window finds copies: export_copy (made in export_actions, typeset in pdf_layout)."""

from __future__ import annotations

from reflectjournal.ui.copies.export_actions import ExportHooks, export_copy

__all__ = ["ExportHooks", "export_copy"]
