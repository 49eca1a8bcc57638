from django.apps import AppConfig


class InheritanceConfig(AppConfig):
    name = "inheritance"
    verbose_name = "Inheritance lab"
    lab_description = (
        "One small domain modelled four ways — abstract base, multi-table, proxy and "
        "django-polymorphic — each doing the same tasks, measured side by side."
    )
    lab_order = 20
    # Sub-headings on the index: one per style (see relations/apps.py).
    admin_groups = (
        ("polymorphic", ("polymorphicproduct", "supplier", "slowpolymorphicproduct")),
        ("multi-table", ("product", "book", "album", "film")),
        ("proxy", ("catalogueitem", "cataloguebook", "cataloguealbum", "cataloguefilm")),
        ("abstract base", ("standalonebook", "standalonealbum", "standalonefilm")),
        # Inheritance depth (beyond the four styles): one sub-heading per shape.
        ("three levels", ("edition", "printededition", "signededition")),
        ("proxies of children", ("bookbyauthor", "voucher", "giftcard", "birthdaygiftcard")),
        ("two concrete parents", ("saleoffer", "rentaloffer", "rentorbuyfilm")),
    )
    # The model map's lesson filter (playground.labkit.model_map.focus): every inheritance style.
    map_lessons = {"inheritance-styles": ("Inheritance styles", ["inheritance.models"])}
