"""Bad parameters and ids on the API: a 400 naming the parameter, or a 404, never a server error."""

import pytest

from tests import factories
from tests.api.conftest import get

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("date_from", "yesterday"),
        ("date_to", "2024-13-45"),
        ("country", "XX"),
        ("governorate", "nowhere"),
        ("event_type", "picnic"),
        ("means", "catapult"),
        ("group", "abc"),
        ("group", "999999"),
        ("role", "bystander"),
        ("person", "abc"),
        ("killed_min", "-1"),
        ("killed_min", "1e99"),
        ("killed_min", "many"),
        ("bbox", "a,b,c"),
        ("bbox", "44,34,45,33"),
        ("sort", "colour"),
        ("status", "lost"),
        ("page", "zero"),
        ("page", "0"),
        ("page", "-2"),
        ("page_size", "lots"),
        ("page_size", "0"),
        ("page", "9" * 4301),  # more digits than int() takes
        ("page_size", "9" * 5000),
        ("page", "0" * 5000),
        ("page", "0" * 5000 + "1"),
    ],
)
def test_bad_incident_parameter_is_a_400_naming_it(client, demo, param, value):
    response = get(client, "/incidents/", **{param: value})

    assert response.status_code == 400
    body = response.json()
    assert list(body) == [param]
    assert body[param] and all(isinstance(message, str) for message in body[param])


@pytest.mark.parametrize(
    ("path", "param", "value"),
    [
        ("/groups/", "kind", "gang"),
        ("/groups/", "parent", "abc"),
        ("/groups/", "country", "XX"),
        ("/people/", "group", "abc"),
        ("/statements/", "stance", "shrugs"),
        ("/statements/", "date_from", "yesterday"),
        ("/statements/", "speaker", "abc"),
        ("/reports/", "source", "abc"),
        ("/reports/", "date_to", "soon"),
        ("/places/", "bbox", "a,b,c"),
        ("/places/", "governorate", "nowhere"),
        ("/places/", "page", "zero"),
        ("/groups/", "page", "9" * 4301),
    ],
)
def test_bad_parameter_on_other_resources_is_a_400_naming_it(client, path, param, value):
    response = get(client, path, **{param: value})

    assert response.status_code == 400
    assert list(response.json()) == [param]


def test_page_past_the_end_is_not_found(client, demo):
    assert get(client, "/incidents/", page=99).status_code == 404


@pytest.mark.parametrize(
    ("resource", "make"),
    [("groups", factories.group), ("people", factories.person), ("reports", factories.report)],
)
def test_records_by_id_take_ascii_digits_only(client, resource, make):
    """As the pages do: "١٢" (Arabic-Indic digits) is no id, though int() would read it as 12."""
    record = make()
    assert get(client, f"/{resource}/{record.pk}/").status_code == 200
    indic = "".join(chr(0x0660 + int(d)) for d in str(record.pk))
    for bad in (indic, "abc", str(2**63), str(2**70)):
        response = get(client, f"/{resource}/{bad}/")
        assert response.status_code == 404, bad
        assert response.json() == {"detail": "No record has that id."}  # the API's JSON, not a page
