"""The "Start here" tour: the playground's flows in order, each with a real object and a progress check.

The toolkit knows no lesson, so the lessons declare the steps, from their admin modules:

    tour.register(tour.Step(
        order=1, title="Delete a parent with CASCADE children",
        look_for="Two sentences on what to look at.",
        links=lambda: [("Delete the “Cascade demo” parent", url_of_a_looked_up_object)],
        done=tour.logged(Parent, DELETION, "you deleted a parent"),
    ))

``links`` is called on every request and looks its objects up (never a hard-coded id: the demo
data may be reloaded with other keys). ``done`` answers from what the database records — the
admin's own history (``LogEntry``) of this user — and returns a sentence, or None while the step
is still to do. Steps the database cannot see (reading a page) have no check and say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from playground.labkit import labs
from playground.labkit.demo import DemoDataError, load_demo_data

SLUG = "start-here"
SESSION_RELOADED = "tour.demo_reloaded"


@dataclass(frozen=True)
class Step:
    order: int
    title: str
    look_for: str
    links: Callable[[], list[tuple[str, str]]]
    done: Callable | None = None  # done(request) -> sentence or None; None: the database cannot tell
    form: str = ""  # a template with a form of the step's own (the demo reload button)


_steps: dict[int, Step] = {}


def register(step: Step) -> Step:
    if step.order in _steps and _steps[step.order].title != step.title:
        raise ValueError(f"Tour step {step.order} is already {_steps[step.order].title!r}.")
    _steps[step.order] = step
    return step


def steps() -> list[Step]:
    return [_steps[order] for order in sorted(_steps)]


def logged(models, action_flag: int | None, sentence: str, message_contains: str = "") -> Callable:
    """A done check: has this user an admin history entry of this kind (None: any) on one of these models?"""
    models = models if isinstance(models, list | tuple) else [models]

    def done(request):
        entries = LogEntry.objects.filter(
            user_id=request.user.pk, content_type__in=ContentType.objects.get_for_models(*models).values()
        )
        if action_flag is not None:
            entries = entries.filter(action_flag=action_flag)
        if message_contains:
            entries = entries.filter(change_message__icontains=message_contains)
        entry = entries.order_by("-action_time").first()
        if entry is None:
            return None
        return f"done: {sentence} (“{entry.object_repr}”, {timezone.localtime(entry.action_time):%Y-%m-%d %H:%M})"

    return done


def reloaded_demo(request):
    """Done check of the reload step: the session (stored in the database) remembers the last report."""
    report = request.session.get(SESSION_RELOADED)
    return f"done: you reloaded the demo data — {report}" if report else None


def describe(report) -> str:
    if not report.changed:
        return f"nothing changed: {report.unchanged} objects were already as the fixtures say."
    changed = {**report.created, **report.updated}
    return f"{sum(changed.values())} objects written ({', '.join(sorted(changed))}), {report.unchanged} unchanged."


def tour_view(request):
    """The tour page; a POST reloads the demo data (superusers only: it writes every lab's tables)."""
    if request.method == "POST":
        return reload_demo(request)
    rows = []
    for step in steps():
        status = step.done(request) if step.done else None
        rows.append({"step": step, "links": step.links(), "checked": step.done is not None, "status": status})
    checked = [row for row in rows if row["checked"]]
    return labs.render_lab(
        request,
        SLUG,
        "labkit/tour.html",
        {
            "rows": rows,
            "done_count": sum(1 for row in checked if row["status"]),
            "checked_count": len(checked),
            "can_reload": request.user.is_superuser,
        },
    )


def reload_demo(request):
    if not request.user.is_superuser:
        raise PermissionDenied("Reloading the demo data writes every lab's tables: superusers only.")
    try:
        report = load_demo_data(create_superuser=False)
    except DemoDataError as err:
        messages.error(request, f"Demo data not reloaded, nothing was changed: {err}")
    else:
        summary = describe(report)
        request.session[SESSION_RELOADED] = summary
        messages.success(request, f"Demo data reloaded: {summary}")
    return HttpResponseRedirect(reverse(f"admin:lab-{SLUG}"))
