from django.apps import AppConfig


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = "Relations and deletion lab"
    lab_description = (
        "The chapter's Author and Blog, every relationship type (ForeignKey, OneToOne, "
        "ManyToMany, GenericForeignKey and its alternatives) and every on_delete behaviour: "
        "delete things and watch what happens."
    )
    lab_order = 10
    # The index lists this lab's models under these sub-headings, in this order; only the first
    # group is open, so the box stays within a screen (model names, as in the admin's URLs).
    admin_groups = (
        (
            "on_delete family",
            ("parent", "cascadechild", "cascadegrandchild", "protectchild", "restrictchild", "setnullchild")
            + ("setdefaultchild", "setvaluechild", "setcallablechild", "donothingchild"),
        ),
        (
            "on_delete in the database",
            ("dbparent", "dbcascadechild", "dbcascadegrandchild", "dbsetnullchild", "dbsetdefaultchild"),
        ),
        ("RESTRICT: artist, album, song", ("artist", "album", "song")),
        ("the chapter's Author and Blog", ("author", "blog")),
        (
            "comments: generic vs alternatives",
            ("genericcomment", "arccomment", "blogcomment", "authorcomment", "photocomment", "photo"),
        ),
        (
            "relationship types",
            (
                "country",
                "city",
                "summit",
                "cityvisitlog",
                "memberprofile",
                "member",
                "club",
                "membership",
                "interest",
                "category",
            ),
        ),
        (
            "keys and normalisation",
            ("integerkeyedinvoice", "uuidkeyedinvoice", "tag", "denormalisedarticle", "normalisedarticle"),
        ),
    )
