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
        ("the chapter's Author and Blog", ("author", "blog", "authorblogsummary")),
        (
            "comments: generic vs alternatives",
            ("genericcomment", "arccomment", "blogcomment", "authorcomment", "photocomment", "photo")
            + ("invoicecomment", "typedkeycomment"),
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
            ("integerkeyedinvoice", "uuidkeyedinvoice", "invoiceline", "stockmovement")
            + ("tag", "denormalisedarticle", "normalisedarticle"),
        ),
        ("constraints", ("post", "parkingpermit", "leaderboardentry", "stay", "roombooking")),
        ("field options", ("orderline", "parcel", "gadget", "recipe", "recipestep")),
        ("relationship options", ("reader", "follow", "readinglabel", "bookmark", "readingnote")),
        (
            "N+1 before (deliberately slow twins)",
            ("slowblog", "slowauthor", "slowmember", "slowgenericcomment"),
        ),
    )
    # The model map's lesson filter (playground.labkit.model_map.focus): the modules whose models
    # make each lesson. A model added to one of these modules joins its lesson's map by itself.
    map_lessons = {
        "on-delete": (
            "The on_delete family",
            ["relations.models.on_delete", "relations.models.db_on_delete", "relations.models.restrict"],
        ),
        "relationship-types": (
            "Relationship types",
            [
                "relations.models.foreign_keys",
                "relations.models.one_to_one",
                "relations.models.many_to_many",
                "relations.models.tree",
                "relations.models.normalisation",
                "relations.models.keys",
            ],
        ),
        "comments": (
            "Comments: GenericForeignKey vs its alternatives",
            ["relations.models.comments", "relations.models.keyed_comments", "relations.models.blog"],
        ),
        "beyond-the-chapter": (
            "Beyond the chapter: keys, constraints, field and relationship options",
            [
                "relations.models.composite_keys",
                "relations.models.constraints",
                "relations.models.field_options",
                "relations.models.relationship_options",
                "relations.models.db_views",
            ],
        ),
    }
