"""Trigram indexes that make Thai text search of producers and products fast on PostgreSQL."""

from django.db import migrations

from kbo.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [*trigram_index("registry_product"), *trigram_index("registry_producer")]
