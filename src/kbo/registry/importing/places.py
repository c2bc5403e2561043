"""Thailand's subdistricts as the importer looks them up: by code and by names."""

from kbo.geo.models import Subdistrict
from kbo.registry.importing import columns as col
from kbo.registry.services import place_text


class Geography:
    """Every subdistrict by code and by (province, district, subdistrict) names, read once."""

    def __init__(self) -> None:
        self.by_code: dict[str, tuple[int, int, int]] = {}
        self.by_names: dict[tuple[str, str, str], str] = {}
        self.names: dict[int, tuple[str, str, str]] = {}
        rows = Subdistrict.objects.values_list(
            "id",
            "code",
            "name_th",
            "district_id",
            "district__name_th",
            "province_id",
            "province__name_th",
        )
        for sid, code, name, did, dname, pid, pname in rows:
            self.by_code[code] = (sid, did, pid)
            self.by_names[(col.place_key(pname), col.place_key(dname), col.place_key(name))] = code
            self.names[sid] = (name, dname, pname)
        self._place_text: dict[int, str] = {}
        self.owner_text: dict[int, str] = {}  # producer id -> searchable name and place

    def place_text(self, subdistrict_id: int) -> str:
        text = self._place_text.get(subdistrict_id)
        if text is None:
            text = self._place_text[subdistrict_id] = place_text(*self.names[subdistrict_id])
        return text
