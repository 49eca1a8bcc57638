"""The inheritance comparison lab page: the four styles' tables and costs, measured live."""

from inheritance import comparison
from playground.labkit import labs

SLUG = "inheritance-styles"


def styles_comparison_view(request):
    """Read N from the query string (a clear message and the default when it is unusable)."""
    error = ""
    try:
        n = comparison.parse_n(request.GET.get("n"))
    except comparison.BadInput as err:
        error, n = str(err), comparison.DEFAULT_N
    context = {
        "comparison": comparison.compare(n),
        "n_error": error,
        "n_raw": request.GET.get("n", ""),
        "max_n": comparison.MAX_N,
    }
    return labs.render_lab(request, SLUG, "inheritance/labs/styles.html", context)


labs.register(
    labs.Lab(
        app_label="inheritance",
        slug=SLUG,
        title="Inheritance styles compared",
        description=(
            "The same catalogue stored four ways — abstract base, multi-table, proxy, django-polymorphic. "
            "For each: the tables it creates, read back from the database, and what listing, fetching, "
            "creating and deleting cost in SQL, queries and time, measured now and rolled back; then the same "
            "for inheritance depth: three levels, proxies of children, two concrete parents."
        ),
        view=styles_comparison_view,
        order=10,
        permissions=tuple(
            f"inheritance.view_{name}"
            for name in (
                *("standalonebook", "product", "catalogueitem", "polymorphicproduct"),
                *("edition", "bookbyauthor", "voucher", "rentorbuyfilm"),  # the depth shapes
            )
        ),
    )
)
