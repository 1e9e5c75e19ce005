"""A few shallow generic views that every app's pages are declared with.

A page is a short declaration::

    class LibraryListView(ObjectListView):
        permission_required = "registry.view_library"
        selector = staticmethod(library_list)      # (user=..., ) -> QuerySet, already scoped
        filterset_class = LibraryFilterSet
        table_class = LibraryTable

List pages filter, sort, paginate and export (CSV, XLSX) exactly what the
filters show. Detail pages have tabs, one of which is the history.
"""

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DeleteView, DetailView, UpdateView
from django.views.generic.edit import CreateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin
from rules.contrib.views import PermissionRequiredMixin

from apps.core.fragments import form_html
from apps.core.page_cache import request_content_version
from apps.core.selectors.history import history_entries
from apps.core.tables import fetch_pages_in_two_steps
from apps.core.widgets import speed_up_selects


def apply_validation_error(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form (field errors where the field exists)."""
    if hasattr(error, "error_dict"):
        for field_name, errors in error.error_dict.items():
            form.add_error(field_name if field_name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ScopedQuerysetMixin:
    """Take the queryset from a selector that scopes it to the user."""

    selector: ClassVar[Callable[..., QuerySet] | None] = None
    model: ClassVar[type[Model] | None] = None

    def get_queryset(self) -> QuerySet:
        if self.selector is not None:
            return type(self).selector(user=self.request.user)  # type: ignore[misc]
        manager = self.model._default_manager  # type: ignore[union-attr]
        qs = manager.all()
        if hasattr(qs, "visible_to"):
            qs = qs.visible_to(self.request.user)
        return qs


class TablePaginationMixin(SingleTableMixin):
    """A list view whose table paginates: `paginate_by` is the table's page size.

    ListView would paginate the same queryset a second time (a second COUNT);
    here only the table does, and it fetches each page in two steps
    (`apps.core.tables.PagedQuerysetData`).
    """

    paginate_by = 25
    # The page sizes a person can choose (`?per_page=`); any other value gives the default.
    page_sizes: ClassVar[tuple[int, ...]] = (25, 50, 100)
    # The columns only the shown rows need (see PagedQuerysetData.page_rows); exports get them on every row.
    page_rows: ClassVar[Callable[[QuerySet], QuerySet] | None] = None
    # A condition every listed row meets that lets the database find a page along an index.
    page_keys_filter: ClassVar[Q | None] = None

    def get_page_size(self) -> int:
        """The requested page size when it is one of `page_sizes`, else `paginate_by`.

        django-tables2 takes any `per_page` from the query string; an unbounded one would
        let a single request render every row of the list.
        """
        try:
            requested = int(self.request.GET.get("per_page", ""))
        except ValueError:
            return self.paginate_by
        return requested if requested in self.page_sizes else self.paginate_by

    def get_table_pagination(self, table) -> dict[str, Any]:
        return {"per_page": self.get_page_size()}

    def page_size_links(self) -> list[dict[str, Any]]:
        """The page-size choices as links that keep the filters and sorting and go back to page 1."""
        current = self.get_page_size()
        links = []
        for size in self.page_sizes:
            query = self.request.GET.copy()
            query.pop("page", None)
            query.pop("export", None)
            if size == self.paginate_by:
                query.pop("per_page", None)
            else:
                query["per_page"] = str(size)
            links.append({"size": size, "href": f"?{query.urlencode()}", "current": size == current})
        return links

    def get_paginate_by(self, queryset) -> None:
        return None

    def get_table(self, **kwargs):
        data, page_rows = self.get_table_data(), type(self).page_rows
        if page_rows is not None and self.request.GET.get(getattr(self, "export_trigger_param", "")):
            data, page_rows = page_rows(data), None
        table = self.get_table_class()(data=data, **kwargs)
        fetch_pages_in_two_steps(table, page_rows, self.page_keys_filter)
        table = RequestConfig(self.request, paginate=False).configure(table)
        # Paginated here rather than by RequestConfig, which would take any per_page from the request.
        pagination = self.get_table_pagination(table)
        if pagination is not False:
            try:
                table.paginate(page=self.request.GET.get(table.prefixed_page_field, 1), **pagination)
            except PageNotAnInteger:
                table.page = table.paginator.page(1)
            except EmptyPage:
                table.page = table.paginator.page(table.paginator.num_pages)
        return table


class ObjectListView(PermissionRequiredMixin, ScopedQuerysetMixin, ExportMixin, TablePaginationMixin, FilterView):
    template_name = "core/object_list.html"
    export_formats = ("csv", "xlsx")
    export_trigger_param = "export"
    title: ClassVar[str] = ""
    create_url_name: ClassVar[str | None] = None
    create_permission: ClassVar[str | None] = None
    shows_demo_data: ClassVar[bool] = False

    def get_permission_object(self) -> None:
        return None

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        speed_up_selects(filterset.form)
        return filterset

    def get_export_filename(self, export_format: str) -> str:
        return f"{self.export_name or self.model._meta.model_name}.{export_format}"

    export_name: ClassVar[str | None] = None

    def get_table_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_table_kwargs()
        if self.request.GET.get(self.export_trigger_param):
            kwargs["exclude"] = getattr(self.table_class.Meta, "export_exclude", ())
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop(self.export_trigger_param, None)
        filterset = context.get("filter")
        table = context.get("table")
        paginator = getattr(table, "paginator", None)
        context.update(
            # The paginator has counted the rows already: no second COUNT for the page header.
            list_total=paginator.count if paginator is not None else (len(table.rows) if table is not None else 0),
            title=self.title or self.model._meta.verbose_name_plural.capitalize(),
            querystring=query.urlencode(),
            # The filter form's HTML, from the cache while nothing it shows has changed (apps.core.fragments).
            filter_form_html=(
                partial(
                    form_html,
                    filterset.form,
                    name=f"{type(filterset).__module__}.{type(filterset).__qualname__}",
                    ignore=("page", "sort", self.export_trigger_param),
                    version=request_content_version(self.request),
                    summary=False,
                )
                if filterset is not None
                else ""
            ),
            create_url_name=self.create_url_name,
            can_create=bool(self.create_permission and self.request.user.has_perm(self.create_permission)),
            shows_demo_data=self.shows_demo_data,
            page_size_links=self.page_size_links(),
        )
        return context


class Tab:
    """A tab on a detail page: a label and the URL name it points at.

    The URL is reversed with the detail page's own URL kwargs. `key` (by default
    the URL name without its namespace) is what a view's `active_tab` names.
    """

    def __init__(self, label: str, url_name: str, *, permission: str | None = None, key: str | None = None) -> None:
        self.label = label
        self.url_name = url_name
        self.permission = permission
        self.key = key or url_name.rsplit(":", 1)[-1]


def object_fields(obj: Model, names: tuple[str, ...] | list[str] = ()) -> list[tuple[str, Any]]:
    """(label, readable value) pairs for a detail page's default body."""
    from django.db.models import BooleanField

    opts = obj._meta
    if names:
        model_fields = [opts.get_field(name) for name in names]
    else:
        model_fields = [
            f
            for f in opts.concrete_fields
            if f.editable and not f.primary_key and f.name not in {"is_demo", "password"}
        ]
    rows: list[tuple[str, Any]] = []
    for model_field in model_fields:
        if model_field.choices:
            value = getattr(obj, f"get_{model_field.name}_display")()
        else:
            value = getattr(obj, model_field.name)
        if isinstance(model_field, BooleanField):
            value = _("ja") if value else _("nee")
        rows.append((str(model_field.verbose_name).capitalize(), "—" if value in (None, "") else value))
    return rows


class ObjectDetailView(PermissionRequiredMixin, ScopedQuerysetMixin, DetailView):
    template_name = "core/object_detail.html"
    tabs: ClassVar[list[Tab]] = []
    active_tab: ClassVar[str] = ""
    edit_url_name: ClassVar[str | None] = None
    edit_permission: ClassVar[str | None] = None
    delete_url_name: ClassVar[str | None] = None
    delete_permission: ClassVar[str | None] = None
    # Fields shown by the default detail body; empty means every editable field.
    detail_fields: ClassVar[tuple[str, ...]] = ()

    def get_object(self, queryset=None):
        # The permission check (get_permission_object) and the page both ask for the
        # object: look it up once per request.
        if queryset is None:
            cached = getattr(self, "_looked_up_object", None)
            if cached is None:
                cached = self._looked_up_object = super().get_object()
            return cached
        return super().get_object(queryset)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        obj = self.object
        can_edit = bool(self.edit_permission and user.has_perm(self.edit_permission, obj))
        can_delete = bool(self.delete_permission and user.has_perm(self.delete_permission, obj))
        tabs = self.get_tabs()
        context.update(
            tabs=tabs,
            # Panels that other apps register (apps.core.extensions) show on the first tab only.
            is_main_tab=not tabs or tabs[0]["active"],
            active_tab=self.active_tab,
            lookup_kwargs=self.kwargs,
            can_edit=can_edit,
            can_delete=can_delete,
            edit_url_name=self.edit_url_name,
            delete_url_name=self.delete_url_name,
            edit_url=reverse(self.edit_url_name, kwargs=self.kwargs) if can_edit and self.edit_url_name else "",
            delete_url=reverse(self.delete_url_name, kwargs=self.kwargs) if can_delete and self.delete_url_name else "",
            # Lazy: only the default detail body renders it (FK values cost a query).
            detail_fields=partial(object_fields, obj, self.detail_fields),
            shows_demo_data=bool(getattr(obj, "is_demo", False)),
        )
        return context

    def get_tabs(self) -> list[dict[str, Any]]:
        """The visible tabs as {label, url, active}, ready for the template."""
        user = self.request.user
        tabs = []
        for tab in self.tabs:
            if tab.permission and not user.has_perm(tab.permission, self.object):
                continue
            url = reverse(tab.url_name, kwargs=self.kwargs)
            active = url == self.request.path or bool(self.active_tab and tab.key == self.active_tab)
            tabs.append({"label": tab.label, "url": url, "active": active})
        return tabs


class ObjectHistoryView(ObjectDetailView):
    """The "Geschiedenis" tab: readable field-by-field diffs, who and when."""

    template_name = "core/object_history.html"
    active_tab = "history"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["history"] = history_entries(self.object)
        return context


class ChangeReasonMixin:
    """Adds the "Reden van wijziging" field and stores it on the history row."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)  # type: ignore[misc]
        from apps.core.forms import add_change_reason_field

        add_change_reason_field(form)
        return form


class ObjectFormMixin(PermissionRequiredMixin, ChangeReasonMixin):
    template_name = "core/object_form.html"
    title: ClassVar[str] = ""
    service: ClassVar[Callable[..., Model] | None] = None
    success_message: ClassVar[str] = ""

    def save(self, form) -> Model:
        """Write through the app's service when one is declared, else the form."""
        reason = form.cleaned_data.get("change_reason", "")
        if self.service is not None:
            return type(self).service(  # type: ignore[misc]
                actor=self.request.user,
                instance=getattr(self, "object", None),
                data=form.cleaned_data,
                reason=reason,
            )
        instance = form.save(commit=False)
        instance._change_reason = reason
        instance.save()
        form.save_m2m()
        return instance

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save(form)
        except ValidationError as error:
            # A service's rule that spans rows (e.g. overlapping memberships) comes back
            # as a ValidationError; show it next to the field it names, save nothing.
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message or _("De wijzigingen zijn bewaard."))
        return HttpResponseRedirect(self.get_success_url())

    def default_title(self) -> str:
        instance = getattr(self, "object", None)
        if instance is not None:
            return _("“%(object)s” bewerken") % {"object": instance}
        model = getattr(self, "model", None) or self.get_form_class()._meta.model  # type: ignore[attr-defined]
        return _("%(model)s toevoegen") % {"model": str(model._meta.verbose_name).capitalize()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["title"] = self.title or self.default_title()
        context["require_change_reason"] = settings.KNOOPPUNT_REQUIRE_CHANGE_REASON
        return context


class ObjectCreateView(ObjectFormMixin, CreateView):
    def get_permission_object(self) -> None:
        return None


class ObjectEditView(ObjectFormMixin, ScopedQuerysetMixin, UpdateView):
    pass


class ObjectDeleteView(PermissionRequiredMixin, ScopedQuerysetMixin, DeleteView):
    """GET asks for confirmation; only POST deletes."""

    template_name = "core/object_confirm_delete.html"
    service: ClassVar[Callable[..., None] | None] = None

    def form_valid(self, form):
        obj = self.get_object()
        success_url = self.get_success_url()
        with transaction.atomic():
            if self.service is not None:
                type(self).service(actor=self.request.user, instance=obj)  # type: ignore[misc]
            else:
                obj.delete()
        messages.success(self.request, _("“%(object)s” is verwijderd.") % {"object": obj})
        return HttpResponseRedirect(success_url)
