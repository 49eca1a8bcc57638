"""The django-debug-toolbar panel: "N+1: 2 relations, 48 extra queries" in the sidebar, the fixes inside.

Enabled in settings.py only where the toolbar itself is (DEBUG on, not under tests). It
reads what the SQL panel recorded during the request, so it must come after it in
``DEBUG_TOOLBAR_PANELS``; measuring the fixes runs after the response is built, when the
SQL panel records nothing more, and inside transactions that are rolled back.
"""

from debug_toolbar.panels import Panel

from playground.labkit.toolbar_n_plus_one import diagnose


class NPlusOnePanel(Panel):
    """Which relation the page loads row by row, and the change that stops it (with its measured cost)."""

    title = "N+1 queries: what repeats, and the fix"
    nav_title = "N+1"
    template = "labkit/toolbar/n_plus_one.html"

    @property
    def nav_subtitle(self) -> str:
        stats = self.get_stats()
        if not stats.get("relations"):
            return "none found"
        relations = stats["relations"]
        return f"N+1: {relations} relation{'s' if relations != 1 else ''}, {stats['extra']} extra queries"

    def generate_stats(self, request, response):
        try:
            sql_panel = self.toolbar.get_panel_by_id("SQLPanel")
        except KeyError:
            self.record_stats({"findings": [], "relations": 0, "extra": 0, "total": 0, "no_sql_panel": True})
            return
        # The SQL panel's own list, filled while the view ran (its stats may not be generated yet).
        self.record_stats(diagnose(sql_panel._queries, response))
