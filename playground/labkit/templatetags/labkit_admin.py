"""Template filters of the admin's own templates."""

from django import template

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
