from django.core.management.base import BaseCommand

from kbo.geo.services import geo_load


class Command(BaseCommand):
    help = (
        "Load or refresh all provinces, districts and subdistricts of Thailand with their "
        "DOPA codes and postal codes from the geothai package (idempotent; region "
        "assignments already made are kept). Data: GeoThai, CC BY 4.0."
    )

    def handle(self, *args, **options):
        result = geo_load()
        self.stdout.write(
            f"geography: {result.provinces} provinces, {result.districts} districts, "
            f"{result.subdistricts} subdistricts (GeoThai data {result.data_version})"
        )
