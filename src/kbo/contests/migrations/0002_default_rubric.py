from django.db import migrations


def forwards(apps, schema_editor):
    from kbo.contests.rubrics import ensure_default_template

    ensure_default_template(
        apps.get_model("contests", "RubricTemplate"),
        apps.get_model("contests", "TemplateCriterion"),
    )


class Migration(migrations.Migration):
    dependencies = [("contests", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
