from .affiliations import Affiliation
from .cooperations import Cooperation, CooperationMembership
from .libraries import Branch, Library, OpeningException, OpeningHours
from .organisations import Contact, Organisation
from .partners import Partner, PartnerLink
from .territory import (
    Adjacency,
    Grouping,
    GroupingMembership,
    Population,
    TerritorialChange,
    TerritorialUnit,
)

__all__ = [
    "Adjacency",
    "Affiliation",
    "Branch",
    "Contact",
    "Cooperation",
    "CooperationMembership",
    "Grouping",
    "GroupingMembership",
    "Library",
    "OpeningException",
    "OpeningHours",
    "Organisation",
    "Partner",
    "PartnerLink",
    "Population",
    "TerritorialChange",
    "TerritorialUnit",
]
