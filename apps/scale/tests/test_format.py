"""The one-pass lists of a scenario page write what the template loops they replace wrote."""

from django.template import Context, Template

from apps.scale.selectors import Municipality

LOOPS = {
    "legend": """{% load i18n scale_format %}{% for entry in legend %}<li><span class="swatch" style="background-color: {{ entry.colour }}" aria-hidden="true"></span> {{ entry.name }} <span class="muted">({{ entry.population|thousands }})</span></li>{% empty %}<li>{% translate "Geen regio's." %}</li>{% endfor %}""",  # noqa: E501
    "regions": """{% load scale_format %}{% for region in regions %}
        <tr>
          <th scope="row"><span class="swatch" style="background-color: {{ region.colour }}" aria-hidden="true"></span> {{ region.name }}</th>
          <td class="numeric">{{ region.municipalities }}</td>
          <td class="numeric">{{ region.population|thousands }}</td>
          <td class="numeric">{{ region.libraries }}</td>
          <td class="numeric">{{ region.compactness|decimal }}</td>
        </tr>
        {% endfor %}""",  # noqa: E501
    "rows": """{% load i18n scale_format %}{% for row in rows %}
        <tr>
          <td><span class="swatch" style="background-color: {{ row.colour }}" aria-hidden="true"></span> {% blocktranslate with n=row.region %}Regio {{ n }}{% endblocktranslate %}</td>
          <td>{{ row.municipality.code }}</td>
          <td><a href="{{ row.municipality.url }}">{{ row.municipality.name }}</a></td>
          <td class="numeric">{{ row.municipality.population|thousands }}</td>
          <td>{{ row.municipality.refreg_name|default:"—" }}{% if row.changes %} <span class="badge badge--warning">{% translate "andere regio" %}</span>{% endif %}</td>
          <td>{{ row.municipality.cooperation|default:"—" }}</td>
        </tr>
        {% endfor %}""",  # noqa: E501
}
TAGS = {
    "legend": "{% load scale_format %}{% legend_items legend %}",
    "regions": "{% load scale_format %}{% region_rows regions %}",
    "rows": "{% load scale_format %}{% municipality_rows rows %}",
}


def _municipality(code: str, name: str, refreg: str, cooperation: str) -> Municipality:
    return Municipality(
        code=code,
        name=name,
        population=123456,
        province_code="10000",
        province_name="Antwerpen",
        refreg_code="R1" if refreg else "",
        refreg_name=refreg,
        libraries=2,
        cooperation=cooperation,
        latitude=None,
        longitude=None,
        url=f"/register/gemeenten/{code}/?a=1&b=2",
    )


CONTEXT = {
    "legend": [
        {"colour": "#1b9e77", "name": "Regio 1", "population": 1234567},
        {"colour": "#d95f02", "name": "<Kempen & \"Noord\">'s", "population": 0},
    ],
    "regions": [
        {"colour": "#1b9e77", "name": "Regio 1", "municipalities": 12, "population": 250000.0, "libraries": 1500,
         "compactness": 0.4567},
        {"colour": "#d9d9d9", "name": "Bib & <co>", "municipalities": 1, "population": 9, "libraries": 0,
         "compactness": None},
    ],
    "rows": [
        {"municipality": _municipality("11002", "Antwerpen", "Antwerpen & co", "Bib<net>"), "region": 3,
         "colour": "#1b9e77", "changes": True},
        {"municipality": _municipality("71072", "Hasselt \"centrum\"", "", ""), "region": 12, "colour": "#d9d9d9",
         "changes": False},
    ],
}  # fmt: skip


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_one_pass_lists_write_what_the_loops_wrote():
    for name, loop in LOOPS.items():
        expected = _render(loop, **CONTEXT)
        assert "&amp;" in expected and "&lt;" in expected, name  # the cases test escaping
        assert _render(TAGS[name], **CONTEXT) == expected, name


def test_one_pass_lists_when_empty():
    for name, loop in LOOPS.items():
        assert _render(TAGS[name], **{name: []}) == _render(loop, **{name: []}), name


def test_one_pass_lists_in_english():
    from django.utils import translation

    with translation.override("en"):
        for name, loop in LOOPS.items():
            assert _render(TAGS[name], **CONTEXT) == _render(loop, **CONTEXT), name
