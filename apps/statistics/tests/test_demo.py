"""The demo loader: idempotent, every figure marked demo, at least six years, real figures untouched."""

from apps.statistics.demo import load_demo
from apps.statistics.models import FigureValue, PeerGroup, Submission
from apps.statistics.tests.conftest import add_figures


def test_demo_is_idempotent_marked_and_spans_six_years(make_library):
    libraries = [make_library(population=10_000 * (i + 1)) for i in range(3)]
    real = add_figures(libraries[0], 2023, {"visits": 1234})

    first = load_demo(scale=1)
    counts = (Submission.objects.count(), FigureValue.objects.count(), PeerGroup.objects.count())
    second = load_demo(scale=1)

    assert first == second
    assert counts == (Submission.objects.count(), FigureValue.objects.count(), PeerGroup.objects.count())
    demo = Submission.objects.filter(is_demo=True)
    assert demo.exists()
    assert len(set(demo.values_list("year", flat=True))) >= 6
    assert not FigureValue.objects.filter(submission__is_demo=True, is_demo=False).exists()
    assert not PeerGroup.objects.filter(is_demo=False).exists()
    # The library with real figures gets no invented ones, and its figure is left alone.
    assert not Submission.objects.filter(library=libraries[0], is_demo=True).exists()
    assert FigureValue.objects.get(submission=real).value == 1234


def test_demo_figures_scale_with_population(make_library):
    small, large = make_library(population=10_000), make_library(population=100_000)
    load_demo(scale=1)

    def visits(library):
        return sum(
            FigureValue.objects.filter(submission__library=library, indicator__code="visits").values_list(
                "value", flat=True
            )
        )

    assert visits(large) > 4 * visits(small)
