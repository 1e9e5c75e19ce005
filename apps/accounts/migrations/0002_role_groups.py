"""Create the six role groups. A role is a group named by its code."""

from django.db import migrations

ROLE_CODES = ["cell_staff", "library_staff", "coordinator", "partner", "assessor", "citizen"]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for code in ROLE_CODES:
        Group.objects.get_or_create(name=code)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
