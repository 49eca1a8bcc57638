"""Admin for the migrations lab: the migration history page, and the models it migrated."""

from django.contrib import admin
from django.db.models import Count

from playground.labkit import labs
from playground.labkit.admin_mixins import DeletePreviewMixin
from playground.labkit.capture import run
from playground.migrations_lab.history import read_history, remove_add_instead_of_rename
from playground.migrations_lab.models import Release, ReleaseNote

LAB_SLUG = "migrations"
TEACHING_APP = "migrations_lab"
RENAME_MIGRATION = "0007_rename_note_summary_to_title"


def migrations_view(request):
    """Every migration of every app: applied when, its operations, its SQL, in dependency order."""
    app_filter = request.GET.get("app", "").strip()

    def read():
        history = read_history()
        rename = None
        if any(m.app_label == TEACHING_APP and m.name == RENAME_MIGRATION for m in history.migrations):
            rename = {
                "migration": history.get(TEACHING_APP, RENAME_MIGRATION),
                "remove_add_sql": remove_add_instead_of_rename(TEACHING_APP, RENAME_MIGRATION),
            }
        return history, rename

    # capture.run rolls back whatever happens: reading the history cannot change it,
    # and the page shows the statements it took to read it.
    capture = run(read, watch=["django_migrations"])
    context = {"capture": capture, "app_filter": app_filter, "error": None}
    if capture.exception is not None:
        context["error"] = f"The migration history could not be read: {capture.exception_path}: {capture.exception}"
        return labs.render_lab(request, LAB_SLUG, "migrations_lab/history.html", context)
    history, rename = capture.result
    shown = history.migrations
    if app_filter:
        if app_filter not in history.apps:
            context["error"] = f"No app labelled {app_filter!r} has migrations; showing every app."
            app_filter = ""
        else:
            shown = history.for_app(app_filter)
    context.update(
        {
            "history": history,
            "shown": shown,
            "app_filter": app_filter,
            # A teaching migration is one whose file says what it demonstrates.
            "teaching": [m for m in history.for_app(TEACHING_APP) if m.demonstrates.startswith("Demonstrates")]
            if app_filter in ("", TEACHING_APP)
            else [],
            "rename": rename if app_filter in ("", TEACHING_APP) else None,
            "statement_kinds": sorted({q.kind for q in capture.queries}),
        }
    )
    return labs.render_lab(request, LAB_SLUG, "migrations_lab/history.html", context)


labs.register(
    labs.Lab(
        app_label=TEACHING_APP,
        slug=LAB_SLUG,
        title="Migrations: history, SQL and what each teaches",
        description=(
            "Every migration of every app in the order migrate applies them, whether and when it ran "
            "(the django_migrations table), its operations and the SQL sqlmigrate prints — read only, "
            "never applied."
        ),
        view=migrations_view,
        order=50,
        permissions=("migrations_lab.view_release", "migrations_lab.view_releasenote"),
    )
)


class ReleaseNoteInline(admin.TabularInline):
    """Notes of a release (the renamed model and field of migrations 0007 and 0008)."""

    model = ReleaseNote
    fields = ["title", "body"]
    extra = 0


@admin.register(Release)
class ReleaseAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """A denormalised count next to the real one: stored ``note_count`` vs counted notes."""

    list_display = ["name", "version", "slug", "note_count", "notes_counted", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "version", "slug"]
    list_select_related = []
    prepopulated_fields = {"slug": ["name", "version"]}
    inlines = [ReleaseNoteInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(notes_counted=Count("notes"))

    @admin.display(description="notes (counted now)", ordering="notes_counted")
    def notes_counted(self, obj):
        # note_count was right when migration 0006 filled it; nothing keeps it in step
        # since, which is the cost of denormalising. This column shows the drift.
        return obj.notes_counted


@admin.register(ReleaseNote)
class ReleaseNoteAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Notes whose model and field were renamed by migrations, without losing a row."""

    list_display = ["title", "release", "created_at"]
    list_filter = ["release"]
    search_fields = ["title", "body"]
    list_select_related = ["release"]
    autocomplete_fields = ["release"]
