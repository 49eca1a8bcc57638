"""The "before" admins: a changelist with an N+1 on purpose, the slow twin of a fixed admin.

A lesson marks such an admin with ``SlowTwinAdmin`` and names the fixed admin's model in
``fixed_twin``; the twin is read-only (it exists to be looked at with the debug toolbar's
N+1 panel), and the project-wide N+1 guards leave it out.
"""


class SlowTwinAdmin:
    """ModelAdmin mixin for a deliberately slow list: read-only, and labelled with its fixed twin."""

    fixed_twin = ""  # "relations.Blog": the model whose own admin is the fixed version

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "subtitle": f"deliberately slow: the N+1 that {self.fixed_twin}'s admin avoids",
        }
        return super().changelist_view(request, extra_context)
