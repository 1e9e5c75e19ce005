"""The content version becomes a counter that database triggers move (ADR 0008).

The triggers themselves are installed after every migrate (`page_cache.install_triggers`,
a post_migrate handler), so that they follow the tables as they are added and changed.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_content_version"),
    ]

    operations = [
        migrations.RemoveField(model_name="contentversion", name="changed_at"),
        migrations.AddField(
            model_name="contentversion",
            name="counter",
            field=models.BigIntegerField(default=0),
        ),
    ]
