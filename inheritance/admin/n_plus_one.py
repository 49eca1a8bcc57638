"""The deliberately slow twin ("before" page) of the polymorphic products admin.

``PolymorphicProductAdmin`` lists parent rows only (a non-polymorphic list) and reads the
type from ``polymorphic_ctype``. This twin also shows each product's own fields, by
upcasting every row with ``get_real_instance()``: two queries per row. The debug
toolbar's N+1 panel names it a polymorphic child fetch and measures the polymorphic
queryset, which fetches each child type once for the whole page.
"""

from django.contrib import admin

from inheritance.admin.styles import kind_details
from inheritance.models import PolymorphicProduct, SlowPolymorphicProduct
from playground.labkit.toolbar_n_plus_one.twins import SlowTwinAdmin


@admin.register(SlowPolymorphicProduct)
class SlowPolymorphicProductAdmin(SlowTwinAdmin, admin.ModelAdmin):
    """Before the polymorphic queryset: a non-polymorphic list upcast row by row."""

    fixed_twin = "inheritance.PolymorphicProduct"
    list_display = ["name", "child_fields", "price"]

    def get_queryset(self, request):
        # The parent's rows: the proxy's own manager would keep only rows of the proxy type.
        return PolymorphicProduct.objects.non_polymorphic()

    @admin.display(description="child fields")
    def child_fields(self, product):
        real = product.get_real_instance()
        return kind_details(real) if hasattr(real, "kind_fields") else "— (parent only)"
