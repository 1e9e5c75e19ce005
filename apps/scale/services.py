"""Writes for scale scenarios: validate and start a run, compute it (in the task), delete.

`scenario_start` checks everything that can be known before computing — the
territory is not empty, the floor is not above its population, k is not above
its number of municipalities, each referentieregio can hold a region — and
raises a Dutch ValidationError before anything is saved or queued.
"""

import time
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.page_cache import mark_changed
from apps.core.permissions import check
from apps.core.services.tasks import enqueue_with_progress

from .algorithms import METHOD_VERSION, Graph, InfeasibleError, Problem, balanced, components, max_p, spread_lower_bound
from .comparison import partition_figures
from .models import Method, Scenario, ScenarioStatus, Territory
from .selectors import TerritoryData, territory_codes, territory_data


def _number(value: float) -> str:
    return f"{int(value):,}".replace(",", ".")


def _territory_label(data: TerritoryData, territory: str, codes: list[str]) -> str:
    if territory == Territory.FLANDERS:
        return _("Vlaanderen")
    names = dict(data.provinces() if territory == Territory.PROVINCE else data.referentieregios())
    return ", ".join(names.get(code, code) for code in codes)


def build_problem(data: TerritoryData, *, respect_referentieregios: bool, start_from_cooperations: bool) -> Problem:
    """The algorithms' view of a territory (units in the order of `data.municipalities`)."""
    index = {m.code: i for i, m in enumerate(data.municipalities)}
    graph = Graph(len(index), [(index[a], index[b]) for a, b, _kind in data.links])
    groups: list[list[int]] = []
    if start_from_cooperations:
        by_cooperation: dict[str, list[int]] = {}
        for i, m in enumerate(data.municipalities):
            if m.cooperation:
                by_cooperation.setdefault(m.cooperation, []).append(i)
        groups = [by_cooperation[name] for name in sorted(by_cooperation)]
    return Problem(
        graph=graph,
        weights=[m.population for m in data.municipalities],
        libraries=[m.libraries for m in data.municipalities],
        blocks=[m.refreg_code or m.code for m in data.municipalities] if respect_referentieregios else None,
        initial_groups=groups,
    )


def validate_parameters(data: TerritoryData, params: dict) -> None:
    """Raise a ValidationError (Dutch, per field) when the run cannot give a valid scenario."""
    errors: dict[str, list[str]] = {}
    if not data.municipalities:
        raise ValidationError(
            {
                "territory": _(
                    "Het gekozen gebied bevat geen gemeenten. Kies een provincie of minstens één referentieregio."
                )
            }
        )
    total = sum(m.population for m in data.municipalities)
    count = len(data.municipalities)
    problem = build_problem(
        data,
        respect_referentieregios=params["respect_referentieregios"],
        start_from_cooperations=False,
    )
    pieces = components(problem.working_graph(), range(problem.n))
    if params["method"] == Method.MAX_P:
        floor = params["population_floor"]
        if floor > total:
            errors.setdefault("population_floor", []).append(
                _(
                    "De ondergrens (%(floor)s inwoners) ligt boven de bevolking van het hele gebied "
                    "(%(total)s inwoners)."
                )
                % {"floor": _number(floor), "total": _number(total)}
            )
        else:
            for piece in pieces:
                piece_population = sum(problem.weights[u] for u in piece)
                if piece_population < floor:
                    first = data.municipalities[piece[0]]
                    where = first.refreg_name if params["respect_referentieregios"] else first.name
                    errors.setdefault("population_floor", []).append(
                        _(
                            "%(where)s telt maar %(population)s inwoners, minder dan de ondergrens van %(floor)s; "
                            "binnen die grenzen kan er geen regio gevormd worden."
                        )
                        % {"where": where, "population": _number(piece_population), "floor": _number(floor)}
                    )
                    break
        libraries = sum(m.libraries for m in data.municipalities)
        if params["min_libraries"] and params["min_libraries"] > libraries:
            errors.setdefault("min_libraries", []).append(
                _(
                    "Het gebied telt %(count)s bibliotheken in het register, "
                    "minder dan het gevraagde minimum van %(min)s per regio."
                )
                % {"count": libraries, "min": params["min_libraries"]}
            )
    else:
        k = params["region_count"]
        if k > count:
            errors.setdefault("region_count", []).append(
                _("Je vraagt %(k)s regio's, maar het gebied telt maar %(count)s gemeenten.") % {"k": k, "count": count}
            )
        elif k < len(pieces):
            errors.setdefault("region_count", []).append(
                _(
                    "Binnen de grenzen van de referentieregio's zijn minstens %(n)s regio's nodig "
                    "(één per referentieregio)."
                )
                % {"n": len(pieces)}
                if params["respect_referentieregios"]
                else _("Het gebied bestaat uit %(n)s losse delen; er zijn minstens zoveel regio's nodig.")
                % {"n": len(pieces)}
            )
    if errors:
        raise ValidationError(errors)


def scenario_start(*, actor, params: dict) -> Scenario:
    """Validate the parameters, save the scenario and queue its run. Nothing is saved when invalid.

    `params`: name, territory, territory_codes, method, population_floor, min_libraries,
    region_count, max_spread_percent, respect_referentieregios, start_from_cooperations, seed.
    """
    check(actor, "scale.add_scenario")
    day = timezone.localdate()
    data = territory_data(day)
    codes = list(params.get("territory_codes") or [])
    territory = params["territory"]
    if territory == Territory.FLANDERS:
        codes = []
    selected = data.subset(territory_codes(data, territory=territory, codes=codes))
    validate_parameters(selected, params)
    label = _territory_label(data, territory, codes)
    with transaction.atomic():
        scenario = Scenario.objects.create(
            name=params.get("name") or _default_name(params, label),
            description=params.get("description", ""),
            territory=territory,
            territory_codes=codes,
            territory_label=label[:300],
            method=params["method"],
            population_floor=params.get("population_floor") if params["method"] == Method.MAX_P else None,
            min_libraries=params.get("min_libraries") or 0 if params["method"] == Method.MAX_P else 0,
            region_count=params.get("region_count") if params["method"] == Method.BALANCED else None,
            max_spread_percent=params.get("max_spread_percent") if params["method"] == Method.BALANCED else None,
            respect_referentieregios=params.get("respect_referentieregios", False),
            start_from_cooperations=params.get("start_from_cooperations", False),
            seed=params.get("seed") or 0,
            reference_date=day,
            method_version=METHOD_VERSION,
            created_by=actor,
        )
        scenario._change_reason = _("Scenario aangemaakt")
    progress = enqueue_with_progress(
        _task(),
        title=_("Schaalscenario berekenen: %(name)s") % {"name": scenario.name},
        owner=actor,
        total=3,
        scenario_uuid=str(scenario.uuid),
    )
    Scenario.objects.filter(pk=scenario.pk, progress__isnull=True).update(progress=progress)
    scenario.refresh_from_db()
    return scenario


def _task():
    from .tasks import run_scenario

    return run_scenario


def _default_name(params: dict, label: str) -> str:
    if params["method"] == Method.MAX_P:
        return _("%(territory)s: max-p, ondergrens %(floor)s") % {
            "territory": label,
            "floor": _number(params["population_floor"]),
        }
    return _("%(territory)s: %(k)s evenwichtige regio's") % {"territory": label, "k": params["region_count"]}


def scenario_compute(*, scenario: Scenario, step: Callable[[int, int], None] | None = None) -> Scenario:
    """Run the algorithm for a saved scenario and store its result (called by the background task)."""
    Scenario.objects.filter(pk=scenario.pk).update(status=ScenarioStatus.RUNNING)
    data = territory_data(scenario.reference_date, with_boundaries=True)
    data = data.subset(territory_codes(data, territory=scenario.territory, codes=scenario.territory_codes))
    problem = build_problem(
        data,
        respect_referentieregios=scenario.respect_referentieregios,
        start_from_cooperations=scenario.start_from_cooperations,
    )
    started = time.perf_counter()
    try:
        if scenario.method == Method.MAX_P:
            labels = max_p(
                problem,
                scenario.population_floor,
                min_libraries=scenario.min_libraries,
                seed=scenario.seed,
                progress=step,
            )
        else:
            target = (scenario.max_spread_percent if scenario.max_spread_percent is not None else 2.0) / 100
            labels = balanced(problem, scenario.region_count, max_spread=target, seed=scenario.seed, progress=step)
    except InfeasibleError as exc:
        raise ValidationError(
            _("Met deze instellingen kan er geen geldige indeling gemaakt worden (%(reason)s).") % {"reason": exc}
        )
    elapsed = time.perf_counter() - started
    assignment = {m.code: labels[i] + 1 for i, m in enumerate(data.municipalities)}
    figures = partition_figures(data, assignment)
    summary = figures["summary"]
    if scenario.method == Method.BALANCED:
        summary["lower_bound"] = spread_lower_bound(problem.weights, scenario.region_count)
        summary["target"] = (scenario.max_spread_percent or 0) / 100
    result = {
        "summary": summary,
        "regions": [
            {k: r[k] for k in ("key", "municipalities", "population", "libraries", "compactness")}
            for r in figures["regions"]
        ],
        "split": figures["split"],
    }
    with transaction.atomic():
        scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
        scenario.assignment = assignment
        scenario.result = result
        scenario.run_seconds = round(elapsed, 3)
        scenario.status = ScenarioStatus.DONE
        scenario.finished_at = timezone.now()
        scenario._change_reason = _("Berekening klaar")
        scenario.save()
    return scenario


def scenario_mark(*, scenario: Scenario, status: str, error: str = "") -> None:
    """Record how a run ended when it did not finish (failed or cancelled)."""
    Scenario.objects.filter(pk=scenario.pk).update(status=status, error=error[:2000], finished_at=timezone.now())
    mark_changed()  # an update() sends no signal: pages that show the scenario must be rebuilt


def scenario_delete(*, actor, scenario: Scenario) -> None:
    check(actor, "scale.delete_scenario", scenario)
    with transaction.atomic():
        scenario._change_reason = _("Scenario verwijderd")
        scenario.delete()


def scenario_result_url(scenario: Scenario) -> str:
    return reverse("scale:scenario_detail", kwargs={"uuid": scenario.uuid})
