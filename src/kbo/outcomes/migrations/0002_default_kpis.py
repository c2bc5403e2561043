"""The programme's KPIs as the department first defines them (kbo.outcomes.defaults)."""

from django.db import migrations


def seed(apps, schema_editor):
    from kbo.outcomes.defaults import ensure_default_kpis

    ensure_default_kpis(apps.get_model("outcomes", "Kpi"))


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_kpi")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
