"""The lists of a municipality's page, written in one pass.

The page lists up to dozens of libraries, branches, memberships and neighbours;
as template loops each row cost a dozen variable lookups, translations and
filters. These functions write the same list items in Python. Values are plain
strings, escaped with the standard library's html.escape (what Django's escape()
does, without its check for lazy translations on every call); translated texts
are the same messages the template used, with escaped values put in.
"""

from collections.abc import Iterable
from html import escape

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.core.urls_cache import cached_reverse
from apps.registry.models import Branch, CooperationMembership, Library, TerritorialUnit


def _safe(parts: list[str], separator: str = "") -> SafeString:
    return mark_safe(separator.join(parts))  # noqa: S308 - every value is escaped where the part is written


def _demo_badge() -> str:
    return f' <span class="badge badge--demo">{escape(_("demo"))}</span>'


def _municipality_url(unit: TerritorialUnit) -> str:
    return escape(cached_reverse("registry:municipality_detail", code=unit.code))


def predecessor_links(units: Iterable[TerritorialUnit]) -> SafeString:
    """'<a>Galmaarden (23023)</a>, <a>Gooik (23024)</a>, …'."""
    return _safe([f'<a href="{_municipality_url(u)}">{escape(u.name_nl)} ({escape(u.code)})</a>' for u in units], ", ")


def successor_links(units: Iterable[TerritorialUnit]) -> SafeString:
    """'<a>Naar Pajottegem</a>, …'."""
    return _safe(
        [f'<a href="{_municipality_url(u)}">{_("Naar %(name)s") % {"name": escape(u.name_nl)}}</a>' for u in units],
        ", ",
    )


def neighbour_items(units: Iterable[TerritorialUnit]) -> SafeString:
    return _safe([f'<li><a href="{_municipality_url(u)}">{escape(u.name_nl)}</a></li>' for u in units])


def library_items(libraries: Iterable[Library]) -> SafeString:
    badge = _demo_badge()
    items = []
    for library in libraries:
        organisation = library.organisation
        url = escape(cached_reverse("registry:library_detail", slug=organisation.slug))
        items.append(f'<li><a href="{url}">{escape(organisation.name)}</a>{badge if organisation.is_demo else ""}</li>')
    return _safe(items)


def branch_items(rows: Iterable[Branch]) -> SafeString:
    badge = _demo_badge()
    main = f" ({escape(_('hoofdbibliotheek'))})"
    return _safe(
        [
            f'<li><a href="{escape(cached_reverse("registry:branch_detail", uuid=row.uuid))}">{escape(row.name)}</a>'
            f"{main if row.is_main else ''}"
            f" – {escape(row.street)} {escape(row.postcode)} {escape(row.city)}"
            f"{badge if row.is_demo else ''}</li>"
            for row in rows
        ]
    )


def membership_items(memberships: Iterable[CooperationMembership]) -> SafeString:
    itself = escape(_("de gemeente is zelf lid"))
    via = _("via %(library)s")
    since = _("sinds %(date)s")
    items = []
    for membership in memberships:
        cooperation = membership.cooperation.organisation
        url = escape(cached_reverse("registry:cooperation_detail", slug=cooperation.slug))
        if membership.library_id is None:
            member = itself
        else:
            member = via % {"library": escape(membership.library.organisation.name)}
        since_date = since % {"date": escape(date_format(membership.valid_from, "j-n-Y"))}
        items.append(f'<li><a href="{url}">{escape(cooperation.name)}</a> – {member}, {since_date}</li>')
    return _safe(items)
