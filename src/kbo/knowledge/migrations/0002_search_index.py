from django.db import migrations

from kbo.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = trigram_index("knowledge_item")
