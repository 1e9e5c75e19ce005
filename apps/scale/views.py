"""Pages of the optimal-scale app: scenarios, the builder, the comparison page, exports."""

import csv
import json

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from apps.core.page_cache import request_content_version
from apps.core.permissions import permission_view
from apps.core.views.generic import apply_validation_error

from . import selectors, services
from .comparison import UNCOVERED_COLOUR, compare, today_overview
from .forms import ScenarioForm
from .models import ScenarioStatus


def _scenario(request, uuid):
    return get_object_or_404(selectors.scenario_visible_to(request.user), uuid=uuid)


@permission_view("scale.view_scenario")
def home(request):
    """Scenarios, newest first, and today's situation in Flanders (referentieregio's vs cooperations)."""
    page = Paginator(selectors.scenario_list(user=request.user), 25).get_page(request.GET.get("page"))
    today = today_overview(version=request_content_version(request))
    return render(
        request,
        "scale/home.html",
        {
            "page_obj": page,
            "scenarios": page.object_list,
            "today": today["columns"],
            "municipality_count": today["municipality_count"],
            "can_add": request.user.has_perm("scale.add_scenario"),
        },
    )


@permission_view("scale.add_scenario")
def scenario_create(request):
    data = selectors.territory_data()
    choices = {"provinces": data.provinces(), "referentieregios": data.referentieregios()}
    if request.method == "POST":
        form = ScenarioForm(request.POST, **choices)
        if form.is_valid():
            try:
                scenario = services.scenario_start(actor=request.user, params=form.service_params())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Het scenario wordt berekend. Je kunt de voortgang hier volgen."))
                if scenario.progress_id:
                    return redirect("core:task_progress", uuid=scenario.progress.uuid)
                return redirect(scenario)
    else:
        form = ScenarioForm(**choices)
    return render(request, "scale/scenario_form.html", {"form": form, "title": _("Nieuw schaalscenario")})


def _scenario_data(scenario):
    data = selectors.territory_data(scenario.reference_date)
    return data.subset(set(scenario.assignment))


# The comparison part of a scenario page and the scenario's GeoJSON are the same for everyone who may see
# the scenario; they are kept in the cache under the content version (ADR 0008): any write to the scenario
# or to the registry data they are computed from moves it, so a changed input is never served stale.
CACHE_PREFIX = "scale:scenario:v1:"
CACHE_SECONDS = 60 * 60


def _cache_key(request, scenario, part: str) -> str:
    return f"{CACHE_PREFIX}{part}:{scenario.uuid}:{request_content_version(request)}:{translation.get_language()}"


def _comparison_context(scenario) -> dict:
    data = _scenario_data(scenario)
    comparison = compare(data, {c: int(k) for c, k in scenario.assignment.items()}, scenario_label=scenario.name)
    columns = comparison["columns"]
    scenario_column = columns[0]
    rows = []
    changed = {m.code for m in comparison["changes_refreg"]}
    for m in data.municipalities:
        region = int(scenario.assignment[m.code])
        rows.append(
            {
                "municipality": m,
                "region": region,
                "colour": scenario_column["palette"].get(region, UNCOVERED_COLOUR),
                "changes": m.code in changed,
            }
        )
    rows.sort(key=lambda r: (r["region"], r["municipality"].name))
    return {
        "columns": columns,
        "regions": scenario_column["legend"],
        "rows": rows,
        "changes_refreg": comparison["changes_refreg"],
        "changes_cooperation": comparison["changes_cooperation"],
        "has_cooperations": any(m.cooperation for m in data.municipalities),
        "declared_links": [link for link in data.links if link[2] == "declared"],
        "names": {m.code: m.name for m in data.municipalities},
    }


def _comparison_html(request, scenario) -> str:
    """The figures, map, legend and tables of a computed scenario, rendered once per content version."""
    key = _cache_key(request, scenario, "comparison")
    html = cache.get(key)
    if html is None:
        context = {"scenario": scenario}
        if scenario.assignment:
            context.update(_comparison_context(scenario))
        html = render_to_string("scale/partials/comparison.html", context)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the (autoescaping) template engine


@permission_view("scale.view_scenario")
def scenario_detail(request, uuid):
    """The comparison page: figures side by side, map with legend, the same data as tables."""
    scenario = _scenario(request, uuid)
    context = {"scenario": scenario, "can_delete": request.user.has_perm("scale.delete_scenario", scenario)}
    if scenario.status == ScenarioStatus.DONE:
        context.update(
            summary=dict(scenario.result.get("summary", {})),
            comparison_html=_comparison_html(request, scenario),
        )
    return render(request, "scale/scenario_detail.html", context)


def _features(scenario, *, for_map: bool) -> dict:
    data = _scenario_data(scenario)
    data.load_boundaries()
    features = []
    palettes = {}
    if for_map:
        comparison = compare(data, {c: int(k) for c, k in scenario.assignment.items()})
        palettes = {col["key"]: col for col in comparison["columns"]}
    for m in data.municipalities:
        region = int(scenario.assignment[m.code])
        properties = {
            "nis_code": m.code,
            "name": m.name,
            "population": m.population,
            "region": region,
            "referentieregio": m.refreg_name,
            "cooperation": m.cooperation,
            "libraries": m.libraries,
        }
        if for_map:
            properties["url"] = m.url
            properties["colours"] = {
                key: col["palette"].get(col["assignment"].get(m.code), UNCOVERED_COLOUR)
                for key, col in palettes.items()
            }
            properties["labels"] = {
                "scenario": _("Regio %(n)s") % {"n": region},
                "referentieregios": m.refreg_name,
                "cooperations": m.cooperation or _("geen samenwerkingsverband"),
            }
        features.append({"type": "Feature", "geometry": data.boundaries.get(m.code), "properties": properties})
    if for_map:
        by_code = data.by_code()
        for a, b, kind in data.links:
            if kind != "declared":
                continue
            ends = [by_code[a], by_code[b]]
            if any(e.latitude is None for e in ends):
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "LineString", "coordinates": [[e.longitude, e.latitude] for e in ends]},
                    "properties": {
                        "kind": "declared_link",
                        "name": _("Verklaarde verbinding: %(a)s – %(b)s") % {"a": ends[0].name, "b": ends[1].name},
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _filename(scenario, extension: str) -> str:
    return f"schaalscenario-{str(scenario.uuid)[:8]}.{extension}"


@permission_view("scale.view_scenario")
def scenario_geojson(request, uuid):
    """GeoJSON of the scenario's municipalities with their region; `?map=1` adds colours and declared links."""
    scenario = _scenario(request, uuid)
    if scenario.status != ScenarioStatus.DONE:
        return JsonResponse({"detail": _("Dit scenario heeft nog geen resultaat.")}, status=409)
    for_map = request.GET.get("map") == "1"
    key = _cache_key(request, scenario, "map" if for_map else "geojson")
    body = cache.get(key)
    if body is None:
        body = json.dumps(_features(scenario, for_map=for_map), ensure_ascii=False)
        cache.set(key, body, CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/geo+json")
    if not for_map:
        response["Content-Disposition"] = f'attachment; filename="{_filename(scenario, "geojson")}"'
    return response


@permission_view("scale.view_scenario")
def scenario_csv(request, uuid):
    scenario = _scenario(request, uuid)
    if scenario.status != ScenarioStatus.DONE:
        return JsonResponse({"detail": _("Dit scenario heeft nog geen resultaat.")}, status=409)
    data = _scenario_data(scenario)
    changed = {m.code for m in compare(data, {c: int(k) for c, k in scenario.assignment.items()})["changes_refreg"]}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(scenario, "csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("NIS-code"),
            _("Gemeente"),
            _("Provincie"),
            _("Inwoners"),
            _("Bibliotheken"),
            _("Regio in scenario"),
            _("Referentieregio"),
            _("Samenwerkingsverband"),
            _("Andere regio dan referentieregio"),
        ]
    )
    for m in data.municipalities:
        writer.writerow(
            [
                m.code,
                m.name,
                m.province_name,
                m.population,
                m.libraries,
                scenario.assignment[m.code],
                m.refreg_name,
                m.cooperation,
                _("ja") if m.code in changed else _("nee"),
            ]
        )
    return response


@permission_view("scale.delete_scenario")
def scenario_delete(request, uuid):
    scenario = _scenario(request, uuid)
    if request.method == "POST":
        services.scenario_delete(actor=request.user, scenario=scenario)
        messages.success(request, _("Het scenario is verwijderd."))
        return redirect("scale:home")
    return render(request, "scale/scenario_confirm_delete.html", {"scenario": scenario})
