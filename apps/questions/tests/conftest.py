import pytest
from django.core.cache import cache

from apps.accounts.models import Team
from apps.questions.models import Category
from apps.questions.services import question_submit
from apps.registry.tests.factories import (
    GroupingFactory,
    GroupingMembershipFactory,
    OrganisationFactory,
    TerritorialUnitFactory,
)


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def category(db) -> Category:
    return Category.objects.create(name="Samenwerking", slug="samenwerking", ack_days=1, answer_days=5)


@pytest.fixture
def province(db):
    # Codes outside the NIS range: other tests may leave the real territory in the database.
    return TerritorialUnitFactory(code="98900", level="province", name_nl="Testprovincie")


@pytest.fixture
def municipality(province):
    return TerritorialUnitFactory(code="98905", name_nl="Testdorp", parent=province)


@pytest.fixture
def region(municipality):
    grouping = GroupingFactory(code="RR-TESTDORP", name="Regio Testdorp")
    GroupingMembershipFactory(grouping=grouping, unit=municipality)
    return grouping


@pytest.fixture
def library(municipality, region):
    return OrganisationFactory(
        name="Bibliotheek Testdorp", slug="bib-testdorp", municipality=municipality, email="info@bib-testdorp.be"
    )


@pytest.fixture
def team(cell_staff) -> Team:
    team = Team.objects.create(name="Regio West", slug="regio-west")
    team.members.add(cell_staff)
    return team


@pytest.fixture
def make_question(category):
    """A question asked through the public form by a visitor (no account)."""

    def make(**overrides):
        data = {
            "asker_name": "Greet Vanhove",
            "asker_email": "greet@mail.test",
            "subject": "Hoe starten we een samenwerking?",
            "body": "Beste cel, hoe beginnen we eraan? Groeten, Greet Vanhove",
            "category": category,
            "pillar": None,
            "organisation": None,
        }
        data.update(overrides)
        from django.contrib.auth.models import AnonymousUser

        return question_submit(actor=AnonymousUser(), data=data)

    return make
