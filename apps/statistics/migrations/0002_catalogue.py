"""Load the standard indicator catalogue (configuration, not demo data)."""

from django.db import migrations


def load(apps, schema_editor):
    from apps.statistics.catalogue import catalogue_rows

    Indicator = apps.get_model("statistics", "Indicator")
    for row in catalogue_rows():
        Indicator.objects.update_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})


def unload(apps, schema_editor):
    apps.get_model("statistics", "Indicator").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
