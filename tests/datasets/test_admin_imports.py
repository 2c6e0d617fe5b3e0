"""The admin's dataset import: upload, preview (counts, rejects), confirm; staff only."""

import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from datasets import admin as admin_imports
from incidents.models import Incident
from incidents.models.choices import Status

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/incidents/incident/import/"
CONFIRM = "/admin/incidents/incident/import/confirm/"
ACLED_CURRENT = Path(__file__).resolve().parents[1] / "data" / "datasets" / "acled-current.csv"


@pytest.fixture(autouse=True)
def upload_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(admin_imports, "UPLOAD_DIR", tmp_path / "uploads")
    return tmp_path / "uploads"


def upload(client, content: bytes, *, dataset="acled", name="events.csv", **options):
    data = {"dataset": dataset, "file": SimpleUploadedFile(name, content, "text/csv"), "status": Status.PUBLISHED}
    data.update({key: "on" for key, value in options.items() if value})
    return client.post(UPLOAD, data)


def with_bad_row() -> bytes:
    rows = list(csv.DictReader(io.StringIO(ACLED_CURRENT.read_text(encoding="utf-8"), newline="")))
    rows[1]["fatalities"] = "many"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_the_upload_page_offers_both_datasets(staff_client):
    response = staff_client.get(UPLOAD)

    assert response.status_code == 200
    page = response.content.decode()
    assert "ACLED (2020 layout or current layout)" in page
    assert "UCDP GED (standard layout or the HDX layout)" in page
    assert 'enctype="multipart/form-data"' in page


def test_preview_counts_then_confirm_imports(staff_client, staff_user):
    response = upload(staff_client, ACLED_CURRENT.read_bytes())

    assert response.status_code == 200
    assert response.templates[0].name == "datasets/preview.html"
    result = response.context["result"]
    assert (result.new, result.updated, result.unchanged, result.rejected) == (6, 0, 0, 0)
    assert '<td class="count-new">6</td>' in response.content.decode()
    assert "Import: 6 new, 0 updated" in response.content.decode()
    assert Incident.objects.count() == 0

    response = staff_client.post(CONFIRM, {"token": response.context["token"]})

    assert response.status_code == 200
    assert response.context["result"].written
    assert Incident.objects.count() == 6
    assert set(Incident.objects.values_list("created_by", flat=True)) == {staff_user.pk}
    assert "is imported" in response.content.decode()

    again = upload(staff_client, ACLED_CURRENT.read_bytes())
    assert again.context["result"].unchanged == 6
    assert "Nothing to import: every row is already held as it is." in again.content.decode()


def test_preview_lists_rejects_and_the_valid_rows_can_be_imported(staff_client, upload_dir):
    response = upload(staff_client, with_bad_row())

    page = response.content.decode()
    assert response.context["result"].rejected == 1
    assert "<td>3</td><td>fatalities</td><td>“many” is not a whole number</td>" in page
    assert "Import the 5 valid new and updated rows, skip the 1 rejected" in page

    done = staff_client.post(CONFIRM, {"token": response.context["token"], "skip_invalid": "1"})

    assert Incident.objects.count() == 5
    assert not (upload_dir / f"{response.context['token']}.csv").exists()
    assert f"../rejects/{response.context['token']}/" in done.content.decode()
    rejects = staff_client.get(f"/admin/incidents/incident/import/rejects/{response.context['token']}/")
    assert rejects.status_code == 200
    text = b"".join(rejects.streaming_content).decode("utf-8")
    assert "IRQ90002" in text and "“many” is not a whole number" in text


def test_a_confirm_with_rejects_and_no_skip_writes_nothing(staff_client):
    response = upload(staff_client, with_bad_row())

    done = staff_client.post(CONFIRM, {"token": response.context["token"]})

    assert done.context["result"].written is False
    assert "was not imported: nothing was written" in done.content.decode()
    assert Incident.objects.count() == 0


def test_a_file_that_is_not_csv_is_refused_on_the_form(staff_client):
    response = upload(staff_client, b"\x89PNG\r\n\x1a\n" + bytes(64), name="map.png")

    assert response.templates[0].name == "datasets/upload.html"
    assert "This is not a CSV file: it looks like a PNG image." in response.content.decode()
    assert not staff_client.session.get("dataset_imports")


def test_the_wrong_dataset_is_named(staff_client):
    response = upload(staff_client, ACLED_CURRENT.read_bytes(), dataset="ucdp")

    assert "This file holds ACLED events, not UCDP GED events" in response.content.decode()


def test_a_token_from_elsewhere_is_refused(staff_client):
    response = staff_client.post(CONFIRM, {"token": "not-yours"})

    assert response.status_code == 404
    assert Incident.objects.count() == 0


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    response = client.post(
        UPLOAD, {"dataset": "acled", "file": SimpleUploadedFile("a.csv", ACLED_CURRENT.read_bytes())}
    )
    assert response.status_code == 302
    response = client.post(CONFIRM, {"token": "anything"})
    assert response.status_code == 302
    assert Incident.objects.count() == 0


def test_staff_without_the_incident_permissions_are_refused(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="a-long-test-password", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_incident"))
    client.force_login(clerk)

    assert client.get(UPLOAD).status_code == 403
    assert upload(client, ACLED_CURRENT.read_bytes()).status_code == 403
    assert Incident.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(staff_client, settings):
    settings.MAX_DATASET_UPLOAD_BYTES = 1024
    response = upload(staff_client, ACLED_CURRENT.read_bytes() * 10)
    assert "The file is larger than 1.0\xa0KB" in response.content.decode()
    assert Incident.objects.count() == 0


def test_a_contributor_previews_but_cannot_import_for_real(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("carol", "carol@example.org", "pw-long-enough-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Contributors"))
    client.force_login(user)
    preview = upload(client, ACLED_CURRENT.read_bytes())
    assert preview.status_code == 200 and preview.context["can_import"] is False
    response = client.post(CONFIRM, {"token": preview.context["token"]})
    assert response.status_code == 403
    assert Incident.objects.count() == 0


# Files nobody confirmed, and a preview that stops early on a file with nothing valid


def junk_csv(rows: int) -> bytes:
    header = ACLED_CURRENT.read_text(encoding="utf-8").splitlines()[0]
    width = header.count(",") + 1
    return (header + "\n" + "".join(",".join([f"junk {n}"] * width) + "\n" for n in range(rows))).encode()


def test_a_file_with_no_valid_row_stops_early_and_says_why(staff_client):
    response = upload(staff_client, junk_csv(admin_imports.PREVIEW_GIVE_UP_ROWS + 500))

    result = response.context["result"]
    assert result.gave_up and result.rows == result.rejected == admin_imports.PREVIEW_GIVE_UP_ROWS
    page = response.content.decode()
    assert "None of the first 1,000 rows is valid, so the rest of the file was not read:" in page
    # The reasons, most common first, with the values left out.
    first = result.reasons[0]
    assert first[1] == 1000 and "“…”" in first[0]
    assert f"{first[0]} (1,000 rows)" in page
    assert "Nothing to import" not in page
    assert 'value="Import' not in page


def test_a_short_file_with_no_valid_row_is_read_whole(staff_client):
    response = upload(staff_client, junk_csv(3))

    result = response.context["result"]
    assert not result.gave_up and result.rows == result.rejected == 3
    page = response.content.decode()
    assert "None of the 3 rows is valid:" in page
    assert "Nothing to import" not in page


def test_held_rows_with_a_rejected_one_say_every_valid_row_is_held(staff_client):
    staff_client.post(CONFIRM, {"token": upload(staff_client, ACLED_CURRENT.read_bytes()).context["token"]})

    response = upload(staff_client, with_bad_row())

    result = response.context["result"]
    assert (result.new, result.updated, result.rejected) == (0, 0, 1)
    assert "Nothing to import: every valid row is already held as it is." in response.content.decode()


def age(path: Path, minutes: float):
    import os
    import time

    then = time.time() - minutes * 60
    os.utime(path, (then, then))


def test_unconfirmed_uploads_go_after_the_lifetime(staff_client, upload_dir, settings):
    settings.DATASET_UPLOAD_MAX_AGE_MINUTES = 60
    upload(staff_client, ACLED_CURRENT.read_bytes())
    (old,) = upload_dir.glob("*.csv")
    age(old, 61)
    fresh = upload(staff_client, ACLED_CURRENT.read_bytes())

    assert not old.exists()
    assert Path(fresh.context["pending"]["path"]).exists()
    # Confirming an upload past its lifetime says so.
    age(Path(fresh.context["pending"]["path"]), 61)
    response = staff_client.post(CONFIRM, {"token": fresh.context["token"]})
    assert response.status_code == 404


def test_purge_uploads_command(upload_dir, settings):
    from django.core.management import call_command

    settings.DATASET_UPLOAD_MAX_AGE_MINUTES = 30
    upload_dir.mkdir()
    old, fresh = upload_dir / "a.csv", upload_dir / "b.csv"
    old.write_text("x")
    fresh.write_text("x")
    age(old, 31)
    age(fresh, 29)
    out = io.StringIO()

    call_command("purge_uploads", stdout=out)

    assert not old.exists() and fresh.exists()
    assert "1 file older than 30 minutes removed" in out.getvalue()


def test_the_upload_lifetime_defaults_to_an_hour():
    from config import settings as project_settings

    assert project_settings.DATASET_UPLOAD_MAX_AGE_MINUTES == 60
