"""The fixed set of roles. A role is a Django group whose name is the role code.

Roles are reference data: they are created by a data migration and never
renamed; their Dutch labels come from gettext, not from the database.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CELL_STAFF = "cell_staff", _("Medewerker van de cel")
    LIBRARY_STAFF = "library_staff", _("Bibliotheekmedewerker")
    COORDINATOR = "coordinator", _("Coördinator samenwerkingsverband")
    PARTNER = "partner", _("Partner")
    ASSESSOR = "assessor", _("Beoordelaar")
    CITIZEN = "citizen", _("Burger")


ROLE_DESCRIPTIONS = {
    Role.CELL_STAFF: _("Beheert het platform, de registratie en het werk van de cel."),
    Role.LIBRARY_STAFF: _("Werkt voor een bibliotheek; stelt wijzigingen voor en levert cijfers."),
    Role.COORDINATOR: _("Coördineert een samenwerkingsverband."),
    Role.PARTNER: _("Werkt voor een partnerorganisatie."),
    Role.ASSESSOR: _("Beoordeelt subsidieaanvragen waaraan hij of zij is toegewezen."),
    Role.CITIZEN: _("Geregistreerde burger: volgt vragen en neemt deel."),
}
