"""Every export comes with its Frictionless Data Package descriptor (datapackage.json), and
`frictionless validate` passes on every export of the demo: the site's CSV, ACLED's layout and
UCDP GED's two layouts, with the kept rows of real UCDP data and invented ACLED rows among them."""

import json
import re

import pytest
from django.urls import reverse
from frictionless import validate

from datasets.acled import import_acled
from datasets.ucdp import DEMO_FILE, import_ucdp
from datasets.writing import OWN_UCDP_IDS_FROM
from incidents.demo import STRIKE_ID, load_demo
from incidents.models import Incident
from tests.datasets.test_round_trips import ACLED_ROWS

pytestmark = pytest.mark.django_db

# (export, its package), each with the parameters both are given.
EXPORTS = [
    ("export-csv", "export-csv-package", ""),
    ("export-acled", "export-acled-package", ""),
    ("export-acled", "export-acled-package", "notes=1"),
    ("export-ucdp", "export-ucdp-package", ""),
    ("export-ucdp", "export-ucdp-package", "layout=hdx"),
]


def _save(client, folder, export: str, package: str, query: str):
    """The export and its descriptor saved side by side, as a researcher downloads them."""
    response = client.get(f"{reverse(f'incidents:{export}')}?{query}")
    assert response.status_code == 200
    name = re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)
    (folder / name).write_bytes(b"".join(response.streaming_content))
    described = client.get(f"{reverse(f'incidents:{package}')}?{query}")
    assert described.status_code == 200 and described["Content-Type"] == "application/json"
    assert 'filename="datapackage.json"' in described["Content-Disposition"]
    descriptor = described.json()
    assert descriptor["resources"][0]["path"] == name
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder / name, descriptor


def _errors(folder) -> list:
    report = validate(str(folder / "datapackage.json"))
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_export_of_the_demo_validates_against_its_package(client, tmp_path):
    load_demo()
    import_ucdp(DEMO_FILE)
    import_acled(ACLED_ROWS)
    for number, (export, package, query) in enumerate(EXPORTS):
        folder = tmp_path / str(number)
        folder.mkdir()
        _save(client, folder, export, package, query)
        assert _errors(folder) == [], (export, query)


def test_a_row_that_breaks_its_package_fails_the_validation(client, tmp_path):
    """The check can fail: a code outside its list, a count below zero, a duplicate key."""
    load_demo()
    path, _ = _save(client, tmp_path, "export-csv", "export-csv-package", "")
    text = path.read_text(encoding="utf-8-sig")
    header, first, *rest = text.splitlines()
    broken = first.replace(",published,", ",bogus,")
    path.write_text("\n".join([header, broken, first, *rest]) + "\n", encoding="utf-8-sig")
    kinds = {error[2] for error in _errors(tmp_path)}
    assert {"constraint-error", "primary-key"} <= kinds


def test_a_package_types_the_columns_gives_the_key_licence_and_sources(client, tmp_path):
    load_demo()
    _, site = _save(client, tmp_path, "export-csv", "export-csv-package", "country=IQ")
    schema = site["resources"][0]["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert schema["primaryKey"] == ["public_id"]
    assert fields["start_date"]["type"] == "date" and fields["killed_best"]["type"] == "integer"
    assert "Explosions/Remote violence" in fields["event_type"]["constraints"]["enum"]
    assert fields["contested"]["type"] == "boolean"
    assert site["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("UCDP" in source["title"] for source in site["sources"])
    assert "country=IQ" in site["resources"][0]["description"]

    _, acled = _save(client, tmp_path, "export-acled", "export-acled-package", "notes=1")
    assert acled["resources"][0]["schema"]["primaryKey"] == ["event_id_cnty"]
    assert acled["resources"][0]["schema"]["fields"][-1]["name"] == "tracker_note"
    _, hdx = _save(client, tmp_path, "export-ucdp", "export-ucdp-package", "layout=hdx")
    assert hdx["resources"][0]["dialect"] == {"commentRows": [2]}  # the row of HXL hashtags


def test_incidents_from_elsewhere_get_ids_of_their_own_in_each_layout(client):
    load_demo()
    strike = Incident.objects.get(public_id=STRIKE_ID)
    acled = b"".join(client.get(reverse("incidents:export-acled"), {"q": STRIKE_ID}).streaming_content).decode()
    assert acled.splitlines()[1].startswith(f"IRQT{strike.pk},")
    ucdp = b"".join(client.get(reverse("incidents:export-ucdp"), {"q": STRIKE_ID}).streaming_content).decode()
    assert ucdp.splitlines()[1].startswith(f"{OWN_UCDP_IDS_FROM + strike.pk},")


@pytest.mark.parametrize(
    "url", ["/incidents/export.datapackage.json?date_from=x", "/incidents/export-ucdp.datapackage.json?layout=x"]
)
def test_a_bad_parameter_is_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Bad parameter" in response.content.decode()


def test_the_list_links_each_package_beside_its_download(client):
    page = client.get(reverse("incidents:list"), {"country": "IQ"}).content.decode()
    for package in ("export-csv-package", "export-acled-package", "export-ucdp-package"):
        assert f'href="{reverse(f"incidents:{package}")}?country=IQ"' in page
