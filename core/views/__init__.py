"""One view per page: ``<page>_view(workspace, settings…)`` returns a frozen dataclass holding
everything that page shows (docs/ARCHITECTURE.md, "one typed view per page").

Views are plain data (DataFrames, dataclasses, strings): no chart, no widget. ``ui`` caches them
by workspace revision and settings (ui/view_cache.py) and builds the charts from their fields;
pages read fields, never string keys. Each idea is computed once, in core/analysis or
core/strategy; a view only gathers what its page needs.
"""
