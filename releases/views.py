"""The releases: their list, each release's page (what changed since the one before) and that as CSV."""

import csv
import io

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from config.methods import read_only
from incidents.exports.records import text_cell
from releases import changes
from releases.models import Release
from releases.moments import DATA_AS_OF, Moment

SHOWN = 100
CSV_COLUMNS = ["change", "public_id", "title", "start_date", "status", "url"]


@read_only
def release_list(request):
    releases = Paginator(Release.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "releases/release_list.html", {"releases": releases})


def _sets(release):
    previous = release.previous()
    since = previous.moment if previous else None
    return previous, {kind: changes.changed_between(since, release.moment, kind) for kind in changes.KINDS}


@read_only
def release_detail(request, name):
    release = get_object_or_404(Release, name=name)
    previous, sets = _sets(release)
    sections = []
    for kind, rows in sets.items():
        shown = list(rows.values(*changes.FIELDS)[: SHOWN + 1])
        if kind == changes.RETRACTED:
            became = changes.status_at([row["id"] for row in shown], release.moment)
            for row in shown:
                row["status"] = became.get(row["id"], "deleted")
        sections.append({"kind": kind, "rows": shown[:SHOWN], "more": len(shown) > SHOWN})
    ctx = {
        "release": release,
        "previous": previous,
        "sections": sections,
        "list_url": f"{reverse('incidents:list')}?release={release.name}",
        "csv_url": reverse("releases:changes-csv", args=[release.name]),
    }
    return render(request, "releases/release_detail.html", ctx)


def _csv_rows(release, sets, detail: str):
    """The rows of the changes CSV, kind after kind, each kind by date, newest first."""
    for kind, rows in sets.items():
        retracted = kind == changes.RETRACTED
        # A retracted incident's page as it stands now says so; the others link to the release.
        query = "" if retracted else f"?release={release.name}"
        for batch in _batches(rows.values_list(*changes.FIELDS)):
            became = changes.status_at([row[0] for row in batch], release.moment) if retracted else {}
            for id_, public_id, title, start_date, status in batch:
                status = became.get(id_, "deleted") if retracted else status
                url = detail.format(public_id) + query
                yield [kind, public_id, text_cell(title), start_date.isoformat(), status, url]


@read_only
def changes_csv(request, name):
    release = get_object_or_404(Release, name=name)
    _, sets = _sets(release)
    detail = request.build_absolute_uri(reverse("incidents:detail", args=["ID"])).replace("/ID/", "/{}/")

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for row in _csv_rows(release, sets, detail):
            writer.writerow(row)
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="release-{release.name}-changes.csv"'
    response[DATA_AS_OF] = Moment(release.moment, release).header
    return response


def _batches(rows, size: int = 2000):
    # Ordered by date and id, sliced: each batch is one query, no cursor held open between them.
    start = 0
    while batch := list(rows[start : start + size]):
        yield batch
        start += size
