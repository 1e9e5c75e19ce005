"""Rendered form HTML kept in the cache, keyed by everything the HTML depends on.

A list page's filter form is the same for nearly every request: the same fields,
the same options, the same values. Rendering it (labels, help texts, a select of
300 municipalities) costs more than the rest of the page. `form_html` renders it
once and keeps the HTML under a key made of what the markup is a function of:

- the form's class and the language;
- the submitted data and the errors it gave (errors can depend on the database,
  e.g. "no library with this name");
- today's date, for forms whose validation depends on it;
- the option lists, named in one of two ways:
  - by the content version (`version=`, see `apps.core.page_cache`): one row,
    read once per request (`request_content_version`), that moves whenever any
    record changes, so no option list is read while nothing changed. List pages
    pass it on both databases (ADR 0008); their options come from versioned
    tables and do not depend on who asks;
  - without a version, by the option lists themselves, read on each request
    (a values_list query per select, see `ValuesModelChoiceField`), so a new
    cooperation or a renamed municipality gives a new key at once.

Nothing needs to be invalidated: a change anywhere changes the key.
"""

import hashlib

from django.core.cache import cache
from django.forms import BaseForm
from django.forms.widgets import ChoiceWidget
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

CACHE_PREFIX = "form-html:v1:"
CACHE_SECONDS = 60 * 60


def form_fingerprint(
    form: BaseForm, name: str, *, ignore: tuple[str, ...] = (), extra: object = "", version: str | None = None
) -> str:
    """A digest of everything the form's markup depends on; `ignore` names data keys no field reads.

    With a content `version` the option lists are represented by it instead of being read.
    """
    digest = hashlib.blake2b(digest_size=20)

    def add(*parts) -> None:
        for part in parts:
            digest.update(str(part).encode())
            digest.update(b"\x1f")

    add(name, extra, translation.get_language(), timezone.localdate(), form.prefix, form.is_bound, version)
    if form.is_bound:
        for key in sorted(k for k in form.data if k not in ignore):
            values = form.data.getlist(key) if hasattr(form.data, "getlist") else [form.data[key]]
            add(key, *values)
        add(form.errors.as_json())
    for field_name, field in form.fields.items():
        add(field_name, type(field.widget).__name__)
        if not form.is_bound:
            add(field_name, form.get_initial_for_field(field, field_name))
        if version is None and isinstance(field.widget, ChoiceWidget):
            # Read once and keep: a cache miss renders from the same list, so the
            # page runs the same queries whether or not the HTML was cached.
            # (A comprehension, not list(): list() asks the iterator's length first, a COUNT query.)
            field.widget.choices = [choice for choice in field.widget.choices]  # noqa: C416
            # One update per option list: hundreds of small updates cost more than the join.
            digest.update("\x1e".join(f"{value}\x1f{label}" for value, label in field.widget.choices).encode())
            digest.update(b"\x1d")
    return digest.hexdigest()


def form_html(
    form: BaseForm,
    *,
    name: str,
    template_name: str = "core/partials/form.html",
    ignore: tuple[str, ...] = (),
    version: str | None = None,
    **context,
) -> SafeString:
    """The form rendered with `template_name` (the form is passed as `form`), from the cache when it can be."""
    extra = (template_name, sorted(context.items()))
    key = CACHE_PREFIX + form_fingerprint(form, name, ignore=ignore, extra=extra, version=version)
    html = cache.get(key)
    if html is None:
        html = render_to_string(template_name, {"form": form, **context})
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the (autoescaping) template engine
