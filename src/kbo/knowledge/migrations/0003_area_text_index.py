from django.db import migrations

from kbo.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_index")]

    operations = trigram_index("knowledge_item", "area_text")
