"""Admin for the normalisation example: the same tags, as text and as rows."""

from django.contrib import admin
from django.db.models import Count

from playground.labkit.admin_mixins import DeletePreviewMixin
from playground.labkit.data_io import DataIOAdminMixin
from relations.models import DenormalisedArticle, NormalisedArticle, Tag
from relations.resources import NormalisedArticleResource, TagResource


@admin.register(Tag)
class TagAdmin(DeletePreviewMixin, DataIOAdminMixin, admin.ModelAdmin):
    """Normalised tags: one row each, counted with a GROUP BY; imported and exported by name."""

    resource_classes = [TagResource]

    list_display = ["name", "article_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, tag):
        return tag.article_count


@admin.register(DenormalisedArticle)
class DenormalisedArticleAdmin(DeletePreviewMixin, admin.ModelAdmin):
    """Denormalised tags: searching them is a LIKE over text."""

    list_display = ["title", "tags"]
    list_filter = []
    list_select_related = []
    search_fields = ["title", "tags"]


@admin.register(NormalisedArticle)
class NormalisedArticleAdmin(DeletePreviewMixin, DataIOAdminMixin, admin.ModelAdmin):
    """Normalised tags: filter by a Tag row, edited with autocomplete; imported with tags by name."""

    resource_classes = [NormalisedArticleResource]

    list_display = ["title", "tag_names"]
    list_filter = ["tags"]
    search_fields = ["title", "tags__name"]
    autocomplete_fields = ["tags"]

    def get_queryset(self, request):
        # One extra query for the whole page instead of one per article.
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="Tags")
    def tag_names(self, article):
        return ", ".join(tag.name for tag in article.tags.all())
