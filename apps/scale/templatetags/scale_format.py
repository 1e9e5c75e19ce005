"""Number formats of the scale pages (Dutch: 1.234.567 and 12,3 %)."""

import html

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def thousands(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{round(float(value)):,}".replace(",", ".")


@register.filter
def percent(value, digits: int = 1) -> str:
    if value is None or value == "":
        return "—"
    return f"{100 * float(value):.{int(digits)}f} %".replace(".", ",")


@register.filter
def decimal(value, digits: int = 2) -> str:
    if value is None or value == "":
        return "—"
    return f"{float(value):.{int(digits)}f}".replace(".", ",")


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


# One-pass rendering of the long lists of a scenario page (about 300 municipalities, up to as many
# regions and three legends): Django's template loop costs ~50 µs a row, these ~3 µs. The markup is
# what the template loops they replace wrote; values are plain strings and numbers, escaped with
# `html.escape` (what Django's `escape()` returns for them); translations are written as
# `{% translate %}` writes them, unescaped.


def _text(value) -> str:
    return html.escape(str(value))


@register.simple_tag
def legend_items(legend) -> str:
    if not legend:
        return mark_safe("<li>" + gettext("Geen regio's.") + "</li>")  # noqa: S308 - a translation, as {% translate %}
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li><span class="swatch" style="background-color: {_text(entry["colour"])}" aria-hidden="true"></span>'
            f' {_text(entry["name"])} <span class="muted">({_text(thousands(entry["population"]))})</span></li>'
            for entry in legend
        )
    )


@register.simple_tag
def region_rows(regions) -> str:
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            "\n        <tr>\n"
            f'          <th scope="row"><span class="swatch" style="background-color: {_text(region["colour"])}"'
            f' aria-hidden="true"></span> {_text(region["name"])}</th>\n'
            f'          <td class="numeric">{_text(region["municipalities"])}</td>\n'
            f'          <td class="numeric">{_text(thousands(region["population"]))}</td>\n'
            f'          <td class="numeric">{_text(region["libraries"])}</td>\n'
            f'          <td class="numeric">{_text(decimal(region["compactness"]))}</td>\n'
            "        </tr>\n        "
            for region in regions
        )
    )


@register.simple_tag
def municipality_rows(rows) -> str:
    region_label = gettext("Regio %(n)s")
    other_region = f' <span class="badge badge--warning">{gettext("andere regio")}</span>'
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            "\n        <tr>\n"
            f'          <td><span class="swatch" style="background-color: {_text(row["colour"])}" aria-hidden="true">'
            f"</span> {region_label % {'n': _text(row['region'])}}</td>\n"
            f"          <td>{_text(m.code)}</td>\n"
            f'          <td><a href="{_text(m.url)}">{_text(m.name)}</a></td>\n'
            f'          <td class="numeric">{_text(thousands(m.population))}</td>\n'
            f"          <td>{_text(m.refreg_name or '—')}{other_region if row['changes'] else ''}</td>\n"
            f"          <td>{_text(m.cooperation or '—')}</td>\n"
            "        </tr>\n        "
            for row in rows
            for m in (row["municipality"],)
        )
    )
