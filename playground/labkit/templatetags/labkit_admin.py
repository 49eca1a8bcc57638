"""Template filters and tags of the admin's own templates."""

from html import escape
from urllib.parse import quote

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def model_sections(app: dict, grouped: bool) -> list[dict]:
    """The model rows of one app box, in sections.

    On the index (``grouped``) an app with several topics shows the first one under its heading
    and folds the others; the sidebar, rendered on every admin page, shows one plain list.
    """
    groups = app.get("groups") or []
    if not grouped or len(groups) < 2:
        return [{"models": app["models"]}]
    first, *others = groups
    return [{**first, "heading": True}, *({**group, "folded": True} for group in others)]


@register.simple_tag(takes_context=True)
def model_rows(context, app: dict, models: list[dict], show_changelinks: bool):
    """The table rows of an app box's models: a link to each list, its Add and its Change or View.

    Built in Python, as Django builds a changelist's rows (``admin_list.items_for_result``):
    the sidebar repeats about a hundred of them on every admin page, and as template tags
    they cost a third of each page's rendering. The markup is that of Django's app_list.html;
    every value goes through ``html.escape``, as Django's own ``escape`` does.
    """
    path = quote(context["request"].path)
    add, view, change = escape(gettext("Add")), escape(gettext("View")), escape(gettext("Change"))
    rows = []
    for model in models:
        row_id = escape(f"{app['app_label']}-{model['object_name'].lower()}")
        url = model["admin_url"]
        current = bool(url) and url in path
        name = escape(str(model["name"]))
        if url:
            aria = ' aria-current="page"' if current else ""
            name = f'<a href="{escape(url)}"{aria}>{name}</a>'
        cells = "<td></td>"
        if add_url := model["add_url"]:
            cells = f'<td><a href="{escape(add_url)}" class="addlink" aria-describedby="{row_id}">{add}</a></td>'
        if show_changelinks:
            if url:
                kind, label = ("viewlink", view) if model.get("view_only") else ("changelink", change)
                cells += f'<td><a href="{escape(url)}" class="{kind}" aria-describedby="{row_id}">{label}</a></td>'
            else:
                cells += "<td></td>"
        css = escape(model["object_name"].lower()) + (" current-model" if current else "")
        rows.append(f'<tr class="model-{css}"><th scope="row" id="{row_id}">{name}</th>{cells}</tr>')
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped
