"""API pagination that counts and pages a lean list and fetches only the page's rows with their extra columns.

The API's counterpart of `apps.core.tables.PagedQuerysetData`: a viewset whose
queryset is the lean, filtered list names `page_rows` (a function of a queryset,
as the list pages' `*_list_rows`); the list is counted and its page's keys read,
and the rows of those keys come from `page_rows`, compiled once per page size
(`apps.core.compiled`). Viewsets without `page_rows` are paginated as usual.
"""

from rest_framework.pagination import LimitOffsetPagination

from apps.core.tables import page_query


class PageRowsPagination(LimitOffsetPagination):
    # One request reads at most this many rows (`?limit=` above it gets this many).
    max_limit = 1000

    def paginate_queryset(self, queryset, request, view=None):
        page_rows = getattr(view, "page_rows", None)
        if page_rows is None:
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.count = self.get_count(queryset)
        self.offset = self.get_offset(request)
        if self.count > self.limit and self.template is not None:
            self.display_page_controls = True
        if self.count == 0 or self.offset > self.count:
            return []
        keys = list(queryset.values_list("pk", flat=True)[self.offset : self.offset + self.limit])
        rows = {row.pk: row for row in page_query(queryset.model, page_rows)(keys=keys)}
        return [rows[key] for key in keys if key in rows]
