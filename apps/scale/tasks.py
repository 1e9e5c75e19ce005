"""The background run of a scale scenario (django-tasks; `manage.py db_worker`)."""

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from apps.core.services.tasks import Cancelled, track_progress

from .models import Scenario, ScenarioStatus
from .services import scenario_compute, scenario_mark, scenario_result_url


@task()
def run_scenario(*, progress_uuid: str, scenario_uuid: str) -> str:
    """Compute one scenario, reporting each round of the search; a cancel stops it at the next round."""
    scenario = Scenario.objects.get(uuid=scenario_uuid)
    with track_progress(progress_uuid) as progress:
        owner = progress.progress.owner
        with translation.override(getattr(owner, "preferred_language", None) or "nl"):
            state = {"total": None}

            def step(done: int, total: int) -> None:
                if state["total"] != total:
                    state["total"] = total
                    progress.set_total(total + 1)
                progress.step(message=_("Zoekronde %(done)s van %(total)s") % {"done": done, "total": total})

            try:
                progress.step(message=_("Gemeenten, bevolking en buren geladen."))
                scenario = scenario_compute(scenario=scenario, step=step)
            except Cancelled:
                scenario_mark(scenario=scenario, status=ScenarioStatus.CANCELLED)
                raise
            except Exception as exc:
                scenario_mark(scenario=scenario, status=ScenarioStatus.FAILED, error=str(exc))
                raise
            url = scenario_result_url(scenario)
            progress.finish(
                result_url=url,
                message=_("Klaar: %(n)s regio's in %(s)s s.")
                % {"n": scenario.regions_found, "s": scenario.run_seconds},
            )
            return url
    scenario_mark(scenario=scenario, status=ScenarioStatus.CANCELLED)
    return ""
