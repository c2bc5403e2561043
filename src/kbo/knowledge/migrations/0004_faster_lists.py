from django.db import migrations, models

from kbo.search import lz4_compressed


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0003_area_text_index")]

    operations = [
        # The latest items first (every list's default order) without sorting them all.
        migrations.AddIndex(
            model_name="item",
            index=models.Index(fields=["-published_at", "-id"], name="knowledge_latest"),
        ),
        *lz4_compressed("knowledge_item", "search_text"),
    ]
