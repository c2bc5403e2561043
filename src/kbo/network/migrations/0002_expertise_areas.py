"""The starting expertise taxonomy, and the trigram index for knowledge-source search."""

from django.db import migrations

from kbo.search import trigram_index


def add_areas(apps, schema_editor):
    from kbo.network.areas import AREAS

    area = apps.get_model("network", "ExpertiseArea")
    for order, (code, name_th, name_en, keywords) in enumerate(AREAS, start=1):
        area.objects.get_or_create(
            code=code,
            defaults={
                "name_th": name_th,
                "name_en": name_en,
                "keywords": keywords,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [
        migrations.RunPython(add_areas, migrations.RunPython.noop),
        *trigram_index("network_knowledgesource"),
    ]
