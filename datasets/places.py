"""Where a dataset's event happened: its country and governorate, matched by name, code or point."""

from datasets.csvtable import ImportErrors
from geo import geometry
from geo.models import AdminArea, Country
from incidents.models.choices import LocationPrecision
from incidents.text import fold, normalise_name

# Coordinates this precise say which governorate an event was in; coarser ones are centroids.
_LOCATING_PRECISIONS = {
    LocationPrecision.EXACT,
    LocationPrecision.TOWN,
    LocationPrecision.NEAR,
    LocationPrecision.DISTRICT,
}
_AREA_WORDS = ("province", "governorate", "muhafazat", "muhafazah", "mohafazat")
# Names datasets use for countries besides ours (ISO numeric codes are ACLED's `iso`, GW codes UCDP's).
COUNTRY_CODES = {
    # iso2: (ISO 3166 numeric, Gleditsch-Ward number, UCDP region)
    "IQ": (368, 645, "Middle East"),
    "SY": (760, 652, "Middle East"),
    "IR": (364, 630, "Middle East"),
    "TR": (792, 640, "Europe"),
    "JO": (400, 663, "Middle East"),
    "LB": (422, 660, "Middle East"),
    "IL": (376, 666, "Middle East"),
    "SA": (682, 670, "Middle East"),
    "KW": (414, 690, "Middle East"),
    "PS": (275, None, "Middle East"),
}
_COUNTRY_ALIASES = {
    "syrian arab republic": "SY",
    "iran islamic republic of": "IR",
    "iran (islamic republic of)": "IR",
    "turkiye": "TR",
    "state of palestine": "PS",
    "palestinian territories": "PS",
}


def area_key(name: str) -> str:
    """Governorate names as datasets spell them meet ours: "Al Başrah  province" -> "basrah"."""
    words = [word for word in fold(name).split() if word not in _AREA_WORDS]
    return normalise_name(" ".join(words))


class GeoLookups:
    """Countries and governorates, read once, matched by name, code or point."""

    def __init__(self):
        self.countries = {row["id"]: row for row in Country.objects.values("id", "iso2", "iso3", "name_en")}
        self._country_keys = {}
        for row in self.countries.values():
            iso_numeric, gw, _ = COUNTRY_CODES.get(row["iso2"], (None, None, None))
            keys = [row["iso2"], row["iso3"], row["name_en"]]
            keys += [str(iso_numeric)] if iso_numeric else []
            keys += [f"gw{gw}"] if gw else []
            for key in keys:
                self._country_keys[fold(key)] = row["id"]
        for alias, iso2 in _COUNTRY_ALIASES.items():
            match = [pk for pk, row in self.countries.items() if row["iso2"] == iso2]
            if match:
                self._country_keys[alias] = match[0]
        self._areas = {}
        self.area_names = {}
        for row in AdminArea.objects.values("id", "country_id", "name_en", "name_ar", "alt_names"):
            self.area_names[row["id"]] = row["name_en"]
            for name in [row["name_en"], row["name_ar"], *(row["alt_names"] or [])]:
                if name:
                    self._areas.setdefault((row["country_id"], area_key(name)), row["id"])
        self._shapes = None

    def country(self, *candidates: str) -> int | None:
        for candidate in candidates:
            if candidate and (found := self._country_keys.get(fold(candidate.strip()))):
                return found
        return None

    def area(self, country_id: int, name: str) -> int | None:
        return self._areas.get((country_id, area_key(name))) if name else None

    def load_shapes(self) -> None:
        """Read the governorates' geometries, once, when a point is first located."""
        if self._shapes is None:
            self._shapes = list(
                AdminArea.objects.values_list(
                    "id", "country_id", "min_lat", "max_lat", "min_lon", "max_lon", "geometry"
                )
            )

    def locate(self, country_id: int, latitude: float, longitude: float) -> int | None:
        """The governorate of the country whose boundary holds the point."""
        self.load_shapes()
        for pk, area_country, min_lat, max_lat, min_lon, max_lon, shape in self._shapes:
            if area_country != country_id or not (min_lat <= latitude <= max_lat and min_lon <= longitude <= max_lon):
                continue
            if geometry.contains(shape, longitude, latitude):
                return pk
        return None

    def place(
        self, errors: ImportErrors, *, country_id: int, area_column: str, area_name: str, lat, lon, precision
    ) -> int | None:
        """The governorate named in the row, else the one holding a precise point; a name that
        matches nothing is noted (as a warning) rather than refused."""
        area_id = self.area(country_id, area_name)
        if area_id is None and lat is not None and precision in _LOCATING_PRECISIONS:
            area_id = self.locate(country_id, lat, lon)
            if area_name:
                found = self.area_names.get(area_id, "none")
                errors.warn(area_column, f"“{area_name}” matches no governorate; located by coordinates: {found}")
        elif area_id is None and area_name:
            errors.warn(area_column, f"“{area_name}” matches no governorate; left empty")
        return area_id
