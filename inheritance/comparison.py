"""The inheritance comparison: the same tasks run against each style, measured live.

Every style answers the same four questions about the same catalogue —

- **list** the first N products, each with the fields only its kind has;
- **fetch** one product, by name, as its own kind;
- **create** one book;
- **delete** one product —

and ``compare()`` runs each through ``playground.capture.run`` (rolled back), so
the SQL, the number of queries and the time come from the database in use, not
from prose. ``tables()`` reads each style's tables and columns back through
``connection.introspection``. The admin page (``inheritance/admin/comparison.py``)
and the tests call the same functions, so the page cannot drift from the facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from inheritance.models import (
    MULTI_TABLE_CHILDREN,
    POLYMORPHIC_CHILDREN,
    PROXY_FOR_KIND,
    STANDALONE_MODELS,
    Book,
    CatalogueBook,
    CatalogueItem,
    PolymorphicAlbum,
    PolymorphicBook,
    PolymorphicProduct,
    Product,
    StandaloneBook,
    Supplier,
)
from playground.capture import Capture, run

DEFAULT_N = 10
MAX_N = 200
REPEATS = 3
NEW_BOOK = {"name": "The Lab Notebook", "price": Decimal("12.50"), "author": "A. Learner", "pages": 96}


class BadInput(ValueError):
    """A request parameter the page cannot use; the message says what would work."""


def parse_n(raw: str | None) -> int:
    """N from the query string: a whole number from 1 to MAX_N; missing means DEFAULT_N."""
    if raw is None or raw == "":
        return DEFAULT_N
    try:
        n = int(raw)
    except ValueError:
        raise BadInput(f"N must be a whole number from 1 to {MAX_N}, not {raw!r}.") from None
    if not 1 <= n <= MAX_N:
        raise BadInput(f"N must be from 1 to {MAX_N} (it is capped so the page stays quick), not {n}.")
    return n


@dataclass(frozen=True)
class ListedProduct:
    """One row of a listing, the same shape whichever style produced it."""

    name: str
    python_class: str
    details: str


def describe(product) -> ListedProduct:
    details = " · ".join(f"{name}: {getattr(product, name)}" for name in product.kind_fields)
    return ListedProduct(product.name, type(product).__name__, details)


# --- The four styles, each answering the same tasks -----------------------------------


class Style:
    key: str
    title: str
    summary: str
    tables_models: tuple[type[models.Model], ...]
    tableless_models: tuple[type[models.Model], ...] = ()
    book_model: type[models.Model]

    def list_products(self, n: int) -> list[ListedProduct]:
        raise NotImplementedError

    def fetch(self, name: str):
        raise NotImplementedError

    def create_book(self, supplier: Supplier):
        return self.book_model.objects.create(supplier=supplier, **NEW_BOOK)

    def delete(self, product):
        return product.delete()

    def count(self) -> int:
        raise NotImplementedError

    def last_name(self) -> str | None:
        """The product this style's fetch and delete tasks look for: the last one by name."""
        raise NotImplementedError


class AbstractStyle(Style):
    key = "abstract"
    title = "Abstract base"
    summary = "One complete table per kind; no table for “a product”, so every cross-kind task asks every table."
    tables_models = STANDALONE_MODELS
    book_model = StandaloneBook

    def list_products(self, n):
        # Each table is ordered by name: the first n overall are among the first n of each.
        products = [p for model in STANDALONE_MODELS for p in model.objects.all()[:n]]
        products.sort(key=lambda p: p.name)
        return [describe(p) for p in products[:n]]

    def fetch(self, name):
        # No shared table: look in each until found (ids are not unique across them).
        for model in STANDALONE_MODELS:
            product = model.objects.filter(name=name).first()
            if product is not None:
                return product
        return None

    def count(self):
        return sum(model.objects.count() for model in STANDALONE_MODELS)

    def last_name(self):
        names = [model.objects.order_by("-name").values_list("name", flat=True).first() for model in STANDALONE_MODELS]
        return max((n for n in names if n is not None), default=None)


class MultiTableStyle(Style):
    key = "multi_table"
    title = "Multi-table"
    summary = "A parent table plus one table per child, joined one-to-one; select_related brings the children along."
    tables_models = (Product, *MULTI_TABLE_CHILDREN)
    book_model = Book

    def list_products(self, n):
        products = Product.objects.select_related(*Product.CHILD_ACCESSORS)[:n]
        return [describe(p.as_child()) for p in products]

    def fetch(self, name):
        product = Product.objects.select_related(*Product.CHILD_ACCESSORS).filter(name=name).first()
        return product.as_child() if product is not None else None

    def count(self):
        return Product.objects.count()

    def last_name(self):
        return Product.objects.order_by("-name").values_list("name", flat=True).first()


class ProxyStyle(Style):
    key = "proxy"
    title = "Proxy (single table)"
    summary = "One table with a kind column and every kind's columns; proxies give each kind its own class."
    tables_models = (CatalogueItem,)
    tableless_models = tuple(PROXY_FOR_KIND.values())
    book_model = CatalogueBook

    def list_products(self, n):
        return [describe(item.as_kind()) for item in CatalogueItem.objects.all()[:n]]

    def fetch(self, name):
        item = CatalogueItem.objects.filter(name=name).first()
        return item.as_kind() if item is not None else None

    def count(self):
        return CatalogueItem.objects.count()

    def last_name(self):
        return CatalogueItem.objects.order_by("-name").values_list("name", flat=True).first()


class PolymorphicStyle(Style):
    key = "polymorphic"
    title = "django-polymorphic"
    summary = "Multi-table tables plus a content-type column; the parent query returns child instances."
    tables_models = (PolymorphicProduct, *POLYMORPHIC_CHILDREN)
    book_model = PolymorphicBook

    def list_products(self, n):
        return [describe(p) for p in PolymorphicProduct.objects.all()[:n]]

    def fetch(self, name):
        return PolymorphicProduct.objects.filter(name=name).first()

    def count(self):
        return PolymorphicProduct.objects.count()

    def last_name(self):
        return PolymorphicProduct.objects.order_by("-name").values_list("name", flat=True).first()


STYLES: tuple[Style, ...] = (AbstractStyle(), MultiTableStyle(), ProxyStyle(), PolymorphicStyle())
TASKS = (
    ("list", "List N products with their own fields"),
    ("fetch", "Fetch one product by name, as its own kind"),
    ("create", "Create one book"),
    ("delete", "Delete one product"),
)


def style(key: str) -> Style:
    return next(s for s in STYLES if s.key == key)


# --- Measuring -------------------------------------------------------------------------


@dataclass
class Measurement:
    """One task of one style: the SQL of one run and the best time of a few."""

    task: str
    capture: Capture | None = None
    best_ms: float | None = None
    skipped: str = ""  # why the task could not run (no demo data)

    @property
    def queries(self):
        # The rollback wrapper's SAVEPOINT statements are not the ORM's work: leave them out.
        return [q for q in self.capture.queries if q.kind != "OTHER"] if self.capture else []

    @property
    def query_count(self) -> int:
        return len(self.queries)

    @property
    def joins(self) -> int:
        return sum(q.sql.upper().count(" JOIN ") for q in self.queries)

    @property
    def tables_written(self) -> list[str]:
        return sorted({q.table for q in self.queries if q.kind in ("INSERT", "UPDATE", "DELETE") and q.table})


def measure(
    fn: Callable[..., object], task: str, repeats: int = REPEATS, prepare: Callable[[], object] | None = None
) -> Measurement:
    """Run ``fn`` ``repeats`` times, each rolled back; keep the last SQL and the fastest time.

    ``prepare`` runs before each repetition, outside the capture (so its queries are not
    counted), and its result is passed to ``fn``: the object a delete deletes is fetched
    afresh each time, since even a rolled-back delete clears the instance's pk.
    """
    measurement = Measurement(task)
    for _ in range(repeats):
        if prepare is None:
            capture = run(fn, check_constraints=False)
        else:
            prepared = prepare()
            capture = run(lambda prepared=prepared: fn(prepared), check_constraints=False)
        measurement.capture = capture
        if capture.exception is not None:
            break
        if measurement.best_ms is None or capture.duration_ms < measurement.best_ms:
            measurement.best_ms = capture.duration_ms
    return measurement


def warm_caches() -> None:
    """Load every content type once, so that no measurement pays for the first lookup."""
    ContentType.objects.get_for_models(*{m for s in STYLES for m in (*s.tables_models, *s.tableless_models)})
    ContentType.objects.get_for_models(
        *{m for s in STYLES for m in (*s.tables_models, *s.tableless_models)}, for_concrete_models=False
    )


def measure_style(s: Style, n: int, repeats: int = REPEATS) -> dict[str, Measurement]:
    supplier = Supplier.objects.order_by("pk").first()
    target = s.last_name()
    results = {"list": measure(lambda: s.list_products(n), "list", repeats)}
    if target is None:
        for task in ("fetch", "delete"):
            results[task] = Measurement(task, skipped="no products in this style: run manage.py setup_demo")
    else:
        results["fetch"] = measure(lambda: s.fetch(target), "fetch", repeats)
        results["delete"] = measure(s.delete, "delete", repeats, prepare=lambda: s.fetch(target))
    if supplier is None:
        results["create"] = Measurement("create", skipped="no supplier: run manage.py setup_demo")
    else:
        results["create"] = measure(lambda: s.create_book(supplier), "create", repeats)
    return {task: results[task] for task, _ in TASKS}


@dataclass
class ListingVariant:
    """Another way to list the same products, to show what a style's cost depends on."""

    style: str
    code: str
    lesson: str
    fn: Callable[[int], list]
    measurement: Measurement | None = None
    rows: int = 0
    classes: list[str] = field(default_factory=list)

    @property
    def distinct_classes(self) -> int:
        return len(self.classes)


def _as_children_one_by_one(n):
    # No select_related: each product asks each child table in turn until one answers.
    return [describe(p.as_child()) for p in Product.objects.all()[:n]]


def listing_variants() -> list[ListingVariant]:
    return [
        ListingVariant(
            "multi_table",
            "Product.objects.select_related('book', 'album', 'film')[:n]",
            "One query: a LEFT OUTER JOIN per child table.",
            lambda n: [describe(p.as_child()) for p in Product.objects.select_related(*Product.CHILD_ACCESSORS)[:n]],
        ),
        ListingVariant(
            "multi_table",
            "Product.objects.all()[:n], then product.book / .album / .film",
            "N+1 and worse: up to one query per child table per row.",
            _as_children_one_by_one,
        ),
        ListingVariant(
            "proxy",
            "CatalogueBook.objects.all()[:n]",
            "The proxy's manager adds WHERE kind = 'book'; same table, no JOIN.",
            lambda n: [describe(p) for p in CatalogueBook.objects.all()[:n]],
        ),
        ListingVariant(
            "polymorphic",
            "PolymorphicProduct.objects.all()[:n]",
            "1 query for the parent rows + 1 per distinct child type among them.",
            lambda n: [describe(p) for p in PolymorphicProduct.objects.all()[:n]],
        ),
        ListingVariant(
            "polymorphic",
            "PolymorphicProduct.objects.instance_of(PolymorphicBook, PolymorphicAlbum)[:n]",
            "Filtered on polymorphic_ctype: only books and albums, so at most 1 + 2 queries.",
            lambda n: [
                describe(p) for p in PolymorphicProduct.objects.instance_of(PolymorphicBook, PolymorphicAlbum)[:n]
            ],
        ),
        ListingVariant(
            "polymorphic",
            "PolymorphicProduct.objects.instance_of(PolymorphicBook)[:n]",
            "One child type: 1 + 1 queries.",
            lambda n: [describe(p) for p in PolymorphicProduct.objects.instance_of(PolymorphicBook)[:n]],
        ),
        ListingVariant(
            "polymorphic",
            "PolymorphicProduct.objects.non_polymorphic()[:n]",
            "Polymorphism off: 1 query, but parent instances without their child fields.",
            lambda n: [
                ListedProduct(p.name, type(p).__name__, "") for p in PolymorphicProduct.objects.non_polymorphic()[:n]
            ],
        ),
    ]


def measure_variants(n: int, repeats: int = REPEATS) -> list[ListingVariant]:
    variants = listing_variants()
    for variant in variants:
        variant.measurement = measure(lambda v=variant: v.fn(n), "list", repeats)
        listed = variant.measurement.capture.result or []
        variant.rows = len(listed)
        variant.classes = sorted({row.python_class for row in listed})
    return variants


# --- Deleting a child or its parent ------------------------------------------------------


@dataclass
class DeleteVariant:
    """One way to delete the same product, with the rows each table lost (rolled back)."""

    code: str
    lesson: str
    fn: Callable[[], object]
    watch: tuple[type[models.Model], ...]
    capture: Capture | None = None

    @property
    def queries(self):
        return [q for q in self.capture.queries if q.kind != "OTHER"] if self.capture else []


DELETE_TARGET = "WarGames"


def delete_variants(name: str = DELETE_TARGET) -> list[DeleteVariant]:
    from inheritance.models import Film, PolymorphicFilm

    return [
        DeleteVariant(
            f"Film.objects.get(name={name!r}).delete()",
            "Deleting a child deletes its parent row too: the product was only ever half of the film.",
            lambda: Film.objects.get(name=name).delete(),
            (Product, Film),
        ),
        DeleteVariant(
            f"Film.objects.get(name={name!r}).delete(keep_parents=True)",
            "keep_parents=True deletes only the child row; a plain product is left behind.",
            lambda: Film.objects.get(name=name).delete(keep_parents=True),
            (Product, Film),
        ),
        DeleteVariant(
            f"Product.objects.get(name={name!r}).delete()",
            "Deleting the parent cascades to the child; not knowing which child it is, Django asks every child table.",
            lambda: Product.objects.get(name=name).delete(),
            (Product, Film),
        ),
        DeleteVariant(
            f"PolymorphicProduct.objects.get(name={name!r}).delete()",
            "The parent query returns the film itself, so this is a child delete: both rows go.",
            lambda: PolymorphicProduct.objects.get(name=name).delete(),
            (PolymorphicProduct, PolymorphicFilm),
        ),
        DeleteVariant(
            f"PolymorphicFilm.objects.get(name={name!r}).delete(keep_parents=True)",
            "django-polymorphic also rewrites polymorphic_ctype, so the kept row reads back as a plain product.",
            lambda: PolymorphicFilm.objects.get(name=name).delete(keep_parents=True),
            (PolymorphicProduct, PolymorphicFilm),
        ),
    ]


def measure_deletes(name: str = DELETE_TARGET) -> list[DeleteVariant]:
    variants = delete_variants(name)
    for variant in variants:
        variant.capture = run(variant.fn, watch=variant.watch, check_constraints=False)
    return variants


# --- Tables, read back from the database -------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    field_type: str  # as inspectdb reads it from the database
    null: bool
    primary_key: bool
    references: str | None  # "table.column" for a foreign key


@dataclass
class Table:
    name: str
    model: str
    columns: list[Column]
    rows: int


def read_table(model: type[models.Model]) -> Table:
    table = model._meta.db_table
    introspection = connection.introspection
    with connection.cursor() as cursor:
        description = introspection.get_table_description(cursor, table)
        relations = introspection.get_relations(cursor, table)
        primary_keys = set(introspection.get_primary_key_columns(cursor, table) or [])
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        rows = cursor.fetchone()[0]
    columns = []
    for info in description:
        try:
            field_type = introspection.get_field_type(info.type_code, info)
        except KeyError:
            field_type = str(info.type_code)
        reference = relations.get(info.name)
        columns.append(
            Column(
                name=info.name,
                field_type=field_type,
                null=bool(info.null_ok),
                primary_key=info.name in primary_keys,
                references=f"{reference[1]}.{reference[0]}" if reference else None,
            )
        )
    return Table(table, model._meta.label, columns, rows)


# --- The whole comparison ----------------------------------------------------------------


@dataclass
class StyleReport:
    style: Style
    tables: list[Table]
    tableless: list[str]
    measurements: dict[str, Measurement]
    products: int

    @property
    def tasks(self) -> list[tuple[str, str, Measurement]]:
        return [(task, label, self.measurements[task]) for task, label in TASKS]


@dataclass
class Comparison:
    n: int
    vendor: str
    reports: list[StyleReport]
    variants: list[ListingVariant]
    deletes: list[DeleteVariant]

    @property
    def task_rows(self) -> list[tuple[str, str, list[tuple[StyleReport, Measurement]]]]:
        """Tasks down, styles across: the page's main table."""
        return [(task, label, [(r, r.measurements[task]) for r in self.reports]) for task, label in TASKS]


def compare(n: int = DEFAULT_N, repeats: int = REPEATS) -> Comparison:
    warm_caches()
    reports = [
        StyleReport(
            style=s,
            tables=[read_table(model) for model in s.tables_models],
            tableless=[m._meta.label for m in s.tableless_models],
            measurements=measure_style(s, n, repeats),
            products=s.count(),
        )
        for s in STYLES
    ]
    return Comparison(n, connection.vendor, reports, measure_variants(n, repeats), measure_deletes())
