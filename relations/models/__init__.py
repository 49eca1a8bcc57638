"""Relations lab models, one module per idea.

- blog: the chapter's Author and Blog (fields, null/blank/default, reverse access,
  a custom QuerySet, a model method).
- on_delete: every Python-level on_delete option on its own child of ``Parent``.
- db_on_delete: the database-level options (DB_CASCADE, DB_SET_NULL, DB_SET_DEFAULT).
- restrict: RESTRICT versus PROTECT, Django's documented Artist/Album/Song case.
- foreign_keys: to_field, related_name, limit_choices_to, db_constraint=False.
- one_to_one: the profile pattern.
- many_to_many: auto through table, explicit through model, self-M2M both ways.
- tree: a self-referential ForeignKey.
- normalisation: the same tags denormalised and normalised.
- keys: integer against UUID primary keys (and default=timezone.now), a ForeignKey to a UUID key.
- composite_keys: a CompositePrimaryKey, and a ForeignObject relation to it.
- constraints: conditional, nulls_distinct, deferrable, check and exclusion constraints.
- field_options: GeneratedField (stored, and virtual where supported), db_default, db_comment,
  JSONField by key, order_with_respect_to.
- db_views: managed=False over a database view created by a migration's RunSQL.
- relationship_options: self-M2M through Follow, related_name='+', default_related_name,
  an abstract base's M2M with '%(app_label)s_%(class)s' reverse names.
- keyed_comments: generic comments on integer- and UUID-keyed targets (a text object_id, or a
  bigint and a uuid column, exactly one set).
- comments: comments on several kinds of object, modelled three ways (GenericForeignKey,
  an exclusive arc of foreign keys, one table per target from an abstract base).
- n_plus_one: proxies for the deliberately slow "before" admins the debug toolbar's N+1 panel diagnoses.
"""

from relations.models.blog import Author, Blog, BlogQuerySet
from relations.models.comments import (
    AbstractTargetComment,
    ArcComment,
    AuthorComment,
    BlogComment,
    GenericComment,
    Photo,
    PhotoComment,
)
from relations.models.composite_keys import StockLevel, StockMovement
from relations.models.constraints import LeaderboardEntry, ParkingPermit, Post, RoomBooking, Stay
from relations.models.db_on_delete import (
    DbCascadeChild,
    DbCascadeGrandchild,
    DbParent,
    DbSetDefaultChild,
    DbSetNullChild,
)
from relations.models.db_views import AuthorBlogSummary
from relations.models.field_options import Gadget, OrderLine, Parcel, Recipe, RecipeStep
from relations.models.foreign_keys import City, CityVisitLog, Country, Summit
from relations.models.keyed_comments import InvoiceComment, TypedKeyComment
from relations.models.keys import IntegerKeyedInvoice, InvoiceLine, UUIDKeyedInvoice
from relations.models.many_to_many import Club, Interest, Member, Membership
from relations.models.n_plus_one import SlowAuthor, SlowBlog, SlowGenericComment, SlowMember
from relations.models.normalisation import DenormalisedArticle, NormalisedArticle, Tag
from relations.models.on_delete import (
    CascadeChild,
    CascadeGrandchild,
    DoNothingChild,
    Parent,
    ProtectChild,
    RestrictChild,
    SetCallableChild,
    SetDefaultChild,
    SetNullChild,
    SetValueChild,
)
from relations.models.one_to_one import MemberProfile
from relations.models.relationship_options import (
    Bookmark,
    Follow,
    Labelled,
    Reader,
    ReadingLabel,
    ReadingNote,
)
from relations.models.restrict import Album, Artist, Song
from relations.models.tree import Category

__all__ = [
    "AuthorBlogSummary",
    "InvoiceComment",
    "TypedKeyComment",
    "Parcel",
    "Bookmark",
    "Follow",
    "Labelled",
    "Reader",
    "ReadingLabel",
    "ReadingNote",
    "Gadget",
    "OrderLine",
    "Recipe",
    "RecipeStep",
    "LeaderboardEntry",
    "ParkingPermit",
    "Post",
    "RoomBooking",
    "Stay",
    "InvoiceLine",
    "StockLevel",
    "StockMovement",
    "AbstractTargetComment",
    "ArcComment",
    "AuthorComment",
    "BlogComment",
    "GenericComment",
    "Photo",
    "PhotoComment",
    "Album",
    "Artist",
    "Author",
    "Blog",
    "BlogQuerySet",
    "CascadeChild",
    "CascadeGrandchild",
    "Category",
    "City",
    "CityVisitLog",
    "Club",
    "Country",
    "DbCascadeChild",
    "DbCascadeGrandchild",
    "DbParent",
    "DbSetDefaultChild",
    "DbSetNullChild",
    "DenormalisedArticle",
    "DoNothingChild",
    "IntegerKeyedInvoice",
    "Interest",
    "Member",
    "MemberProfile",
    "Membership",
    "NormalisedArticle",
    "Parent",
    "ProtectChild",
    "RestrictChild",
    "SetCallableChild",
    "SetDefaultChild",
    "SetNullChild",
    "SetValueChild",
    "SlowAuthor",
    "SlowBlog",
    "SlowGenericComment",
    "SlowMember",
    "Song",
    "Summit",
    "Tag",
    "UUIDKeyedInvoice",
]
