"""The Comments comparison, measured live on the current database.

Everything the comparison page shows is computed here, on request, in rolled-back
transactions: which references the database enforces (read back through
``connection.introspection`` and proven by inserting a comment that points at a
missing row), what is left after deleting a target in each design (the toolkit's
delete report, ``playground.labkit.deletion``), how many queries listing comments with
their targets takes, and which index the "comments of one object" lookup uses. The
tests call the same functions.

The package: ``designs`` (the three designs and their targets), ``enforcement``,
``deletes``, ``listing``, ``plans``, ``joins`` and ``uuid_targets`` — one per section of the page.
"""

from relations.comments_lab.deletes import DeletionOutcome, DeletionRun, delete_target, deletion_runs, deletion_target
from relations.comments_lab.designs import (
    ARC,
    ARC_FIELD,
    DESIGNS,
    GENERIC,
    TABLE,
    TABLE_FOR,
    TARGETS,
    by_target,
    comment_models,
    comments_for,
    has_generic_relation,
)
from relations.comments_lab.enforcement import (
    ArcConstraintCheck,
    ReferenceCheck,
    arc_constraint_check,
    reference_checks,
)
from relations.comments_lab.joins import ATTEMPTS, JoinAttempt, JoinResult, try_joins
from relations.comments_lab.listing import (
    LISTING_DEFAULT,
    LISTING_MAX,
    LISTING_STRATEGIES,
    ListingReport,
    ListingResult,
    ListingStrategy,
    measure_listing,
    parse_listing_size,
    top_up,
)
from relations.comments_lab.plans import PlanRow, dangling_generic_now, explain_lookups
from relations.comments_lab.uuid_targets import (
    TYPED_QUERIES,
    UUID_QUERIES,
    WAYS,
    DesignColumns,
    StoredForms,
    UUIDQueryResult,
    UUIDWay,
    design_columns,
    integer_column_attempt,
    stored_forms,
    uuid_ways,
)

__all__ = [
    "ARC",
    "ATTEMPTS",
    "ARC_FIELD",
    "DESIGNS",
    "GENERIC",
    "LISTING_DEFAULT",
    "LISTING_MAX",
    "LISTING_STRATEGIES",
    "TABLE",
    "TABLE_FOR",
    "TARGETS",
    "TYPED_QUERIES",
    "UUID_QUERIES",
    "WAYS",
    "DesignColumns",
    "StoredForms",
    "UUIDQueryResult",
    "UUIDWay",
    "design_columns",
    "integer_column_attempt",
    "stored_forms",
    "uuid_ways",
    "ArcConstraintCheck",
    "DeletionOutcome",
    "DeletionRun",
    "JoinAttempt",
    "JoinResult",
    "ListingReport",
    "ListingResult",
    "ListingStrategy",
    "PlanRow",
    "ReferenceCheck",
    "arc_constraint_check",
    "by_target",
    "comment_models",
    "comments_for",
    "dangling_generic_now",
    "delete_target",
    "deletion_runs",
    "deletion_target",
    "explain_lookups",
    "has_generic_relation",
    "measure_listing",
    "parse_listing_size",
    "reference_checks",
    "top_up",
    "try_joins",
]
