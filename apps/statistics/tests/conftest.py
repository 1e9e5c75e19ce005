import datetime

import pytest

from apps.registry.tests.conftest import _reference_data_session, reference_data  # noqa: F401
from apps.registry.tests.factories import AffiliationFactory, LibraryFactory, PopulationFactory, TerritorialUnitFactory
from apps.statistics.models import DeliveryYear, FigureValue, Indicator, Submission


def add_figures(library, year, values, *, status=Submission.Status.CONFIRMED, is_demo=False):
    submission, _ = Submission.objects.get_or_create(
        library=library, year=year, defaults={"status": status, "is_demo": is_demo}
    )
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=values)}
    for code, value in values.items():
        FigureValue.objects.update_or_create(
            submission=submission, indicator=indicators[code], defaults={"value": value}
        )
    return submission


@pytest.fixture
def make_library(db):
    def make(population=20000, **kwargs):
        unit = TerritorialUnitFactory()
        PopulationFactory(unit=unit, value=population, reference_date=datetime.date(2020, 1, 1))
        library = LibraryFactory(organisation__municipality=unit, **kwargs)
        library.municipalities_served.add(unit)
        return library

    return make


@pytest.fixture
def own_library(make_library, library_staff):
    library = make_library()
    AffiliationFactory(user=library_staff, organisation=library.organisation)
    return library


@pytest.fixture
def open_delivery(db):
    today = datetime.date.today()
    return DeliveryYear.objects.create(
        year=2024, opens_on=today - datetime.timedelta(days=5), deadline=today + datetime.timedelta(days=30)
    )
