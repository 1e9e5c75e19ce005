"""Reference data: the four pillars of the vision and the four interwoven values.

Codes are stable slugs; names are kept in both languages on the row because
they are policy words that come from data, not from model names. Re-running is
harmless (update_or_create on the code).
"""

from django.db import migrations

PILLARS = [
    (
        "bovenlokaal-maakt-sterker",
        "Bovenlokaal maakt sterker",
        "Supra-local makes stronger",
        "Samenwerking over de gemeentegrenzen heen maakt bibliotheken sterker.",
        "Cooperation across municipal borders makes libraries stronger.",
    ),
    (
        "mensen-en-middelen-voor-morgen",
        "Mensen en middelen voor morgen",
        "People and resources for tomorrow",
        "Competente mensen en slim ingezette middelen voor de bibliotheek van morgen.",
        "Competent people and well-used resources for the library of tomorrow.",
    ),
    (
        "vinden-en-verbinden",
        "Vinden en verbinden",
        "Finding and connecting",
        "De bibliotheek als plek waar mensen informatie, elkaar en partners vinden.",
        "The library as a place where people find information, each other and partners.",
    ),
    (
        "verweven-waarden",
        "Verweven waarden",
        "Interwoven values",
        "Duurzaamheid, sociale cohesie, educatie en participatie als toetssteen voor alles wat we doen.",
        "Sustainability, social cohesion, education and participation as the touchstone for all we do.",
    ),
]

VALUES = [
    (
        "duurzaamheid",
        "Duurzaamheid",
        "Sustainability",
        "Draagt bij aan een ecologisch, sociaal en economisch duurzame samenleving.",
        "Contributes to an ecologically, socially and economically sustainable society.",
    ),
    (
        "sociale-cohesie",
        "Sociale cohesie",
        "Social cohesion",
        "Brengt mensen samen en versterkt de band tussen inwoners.",
        "Brings people together and strengthens the ties between residents.",
    ),
    (
        "educatie",
        "Educatie",
        "Education",
        "Ondersteunt levenslang leren, geletterdheid en mediawijsheid.",
        "Supports lifelong learning, literacy and media literacy.",
    ),
    (
        "participatie",
        "Participatie",
        "Participation",
        "Geeft inwoners en partners een stem in wat de bibliotheek doet.",
        "Gives residents and partners a say in what the library does.",
    ),
]


def load(apps, schema_editor):
    for model_name, rows in (("Pillar", PILLARS), ("Value", VALUES)):
        model = apps.get_model("core", model_name)
        for position, (code, name_nl, name_en, description_nl, description_en) in enumerate(rows, start=1):
            model.objects.update_or_create(
                code=code,
                defaults={
                    "name_nl": name_nl,
                    "name_en": name_en,
                    "description_nl": description_nl,
                    "description_en": description_en,
                    "position": position,
                },
            )


def unload(apps, schema_editor):
    # Values may be in use (PROTECT); leave the reference data in place on reverse.
    pass


class Migration(migrations.Migration):
    dependencies = [("core", "0002_attachment_history_notification_preferences")]

    operations = [migrations.RunPython(load, unload)]
