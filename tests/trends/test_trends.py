"""The trends page and its CSV: counts, fatality bands, contested incidents, series and links."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse

from geo.models import AdminArea
from incidents.models import Participation
from incidents.models.choices import EventType, ParticipationRole, Status
from tests import factories
from trends import series

pytestmark = pytest.mark.django_db

PAGE = reverse("trends:trends")
CSV = reverse("trends:csv")


def published(day, **fields):
    return factories.incident(start_date=day, status=Status.PUBLISHED, **fields)


def with_claims(incident, *figures):
    for killed in figures:
        factories.claim(incident, killed_min=killed, killed_max=killed)
    incident.refresh_from_db()
    return incident


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def march_and_may():
    """Three incidents in March 2024 (one contested: 4 against 10 killed) and one in May."""
    contested = with_claims(published(datetime.date(2024, 3, 5), event_type=EventType.BATTLES), 4, 10)
    plain = with_claims(published(datetime.date(2024, 3, 20)), 3)
    published(datetime.date(2024, 3, 31), event_type=EventType.BATTLES)
    may = with_claims(published(datetime.date(2024, 5, 2)), 7)
    factories.incident(start_date=datetime.date(2024, 4, 2))  # a draft: never counted
    return contested, plain, may


def test_each_month_counts_its_incidents_with_the_sources_range_and_contested_ones_apart(client, march_and_may):
    contested, _, _ = march_and_may
    assert contested.contested and contested.killed_low == 4 and contested.killed_high == 10

    found = rows(client.get(CSV, {"interval": "month"}))

    totals = {row["period_start"]: row for row in found if row["series"] == "all"}
    assert list(totals) == ["2024-03-01", "2024-04-01", "2024-05-01"]
    march = totals["2024-03-01"]
    assert march["period_end"] == "2024-03-31"
    assert (march["incidents"], march["contested"]) == ("3", "1")
    assert int(march["killed_low"]) == 4 + 3
    assert int(march["killed_high"]) == 10 + 3
    assert int(march["killed_low"]) <= int(march["killed_best"]) <= int(march["killed_high"])
    assert totals["2024-04-01"]["incidents"] == "0"
    assert (totals["2024-05-01"]["incidents"], totals["2024-05-01"]["killed_best"]) == ("1", "7")


def test_series_by_event_type_add_up_to_the_total(client, march_and_may):
    found = rows(client.get(CSV, {"interval": "month", "by": "event_type"}))

    march = {row["series"]: int(row["incidents"]) for row in found if row["period_start"] == "2024-03-01"}
    assert march == {"all": 3, EventType.BATTLES: 2, EventType.REMOTE_VIOLENCE: 1}


def test_series_by_perpetrator_group_keep_the_rest_as_other(client, march_and_may):
    contested, plain, _ = march_and_may
    militia = factories.group(name="=Militia")  # a name a spreadsheet would run as a formula
    Participation.objects.create(incident=contested, group=militia, role=ParticipationRole.PERPETRATOR)
    Participation.objects.create(incident=plain, group=militia, role=ParticipationRole.TARGET)

    found = rows(client.get(CSV, {"interval": "month", "by": "group"}))

    march = {row["series_label"]: int(row["incidents"]) for row in found if row["period_start"] == "2024-03-01"}
    assert march == {"All incidents": 3, "'=Militia": 1, "Other or unattributed": 2}


def test_series_by_governorate_name_the_governorate(client, settings):
    from geo.loader import load_all

    load_all()
    baghdad = AdminArea.objects.get(iso_code="IQ-BG")
    published(datetime.date(2024, 3, 5), admin_area=baghdad, country=baghdad.country)
    published(datetime.date(2024, 3, 6))

    found = rows(client.get(CSV, {"interval": "month", "by": "governorate"}))

    labels = {row["series_label"]: row["incidents"] for row in found if row["series"] != "all"}
    assert labels == {baghdad.name_en: "1", "Other or none": "1"}


def test_the_filters_apply_and_the_chosen_dates_bound_the_periods(client, march_and_may):
    found = rows(client.get(CSV, {"event_type": EventType.BATTLES, "date_from": "2024-02-10", "date_to": "2024-03-31"}))

    totals = [(row["period_start"], row["incidents"]) for row in found if row["series"] == "all"]
    # Under half a year: weeks, from the week of 10 February (a Saturday) to the week of 31 March.
    assert totals[0] == ("2024-02-05", "0")
    assert totals[-1][0] == "2024-03-25"
    assert sum(int(n) for _, n in totals) == 2


def test_a_long_span_asked_per_week_is_drawn_per_month_and_says_so(client):
    published(datetime.date(2010, 1, 1))
    published(datetime.date(2024, 1, 1))

    response = client.get(PAGE, {"interval": "week"})

    assert response.status_code == 200
    # 731 weeks, more than can be drawn; 169 months can.
    assert response.context["trend"].interval == "month"
    assert "Drawn per month: per week would be more than 400 bars." in response.content.decode()


def test_the_page_draws_bars_a_band_and_a_link_to_the_list_for_each_period(client, march_and_may):
    html = client.get(PAGE, {"interval": "month"}).content.decode()

    assert html.count('class="bar s') == 3  # March: two types; May: one; April: none
    assert '<polygon class="band"' in html and '<polyline class="best"' in html
    assert html.count('class="contested"') == 1
    assert len(re.findall(r'<a href="[^"]+" class="period">', html)) == 3


def test_bars_of_groups_that_share_incidents_stay_inside_the_chart(client, march_and_may):
    """By group an incident counts for each of its groups: the scale must fit the stack, not the total."""
    contested, plain, _ = march_and_may
    for name in ("Army", "Militia"):
        group = factories.group(name=name)
        for incident in (contested, plain):
            Participation.objects.create(incident=incident, group=group, role=ParticipationRole.PERPETRATOR)

    chart = client.get(PAGE, {"interval": "month", "by": "group"}).context["chart"]

    tops = [block["y"] for column in chart["columns"] for block in column["stack"]]
    assert len(tops) > 3 and min(tops) >= chart["bars_top"] - 0.01
    note = "An incident counts for each of its groups"
    assert note in client.get(PAGE, {"by": "group"}).content.decode()
    assert note not in client.get(PAGE, {"by": "event_type"}).content.decode()


def test_a_period_links_to_the_list_of_its_incidents_under_the_same_filters(client, march_and_may):
    html = client.get(PAGE, {"interval": "month", "event_type": EventType.BATTLES}).content.decode()

    (link,) = re.findall(r'<a href="([^"]+)" class="period">', html)
    link = link.replace("&amp;", "&")
    assert "date_from=2024-03-01" in link and "date_to=2024-03-31" in link and "event_type=battles" in link
    assert "interval" not in link
    listed = client.get(link)
    assert listed.status_code == 200 and listed.context["page"].paginator.count == 2


def test_applying_filters_keeps_the_chosen_interval_and_split(client, march_and_may):
    html = client.get(PAGE, {"interval": "month", "by": "group", "zoom": "3"}).content.decode()

    form = html[html.index('<form class="filters"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="interval" value="month">' in form
    assert '<input type="hidden" name="by" value="group">' in form
    assert 'name="zoom"' not in form  # only the page's own parameters


def test_hover_text_gives_every_figure_of_the_period(client, march_and_may):
    html = client.get(PAGE, {"interval": "month"}).content.decode()

    titles = re.findall(r"<title>([^<]+)</title>", html)
    march = next(t for t in titles if t.startswith("Mar 2024"))
    assert "3 incidents (1 contested)" in march
    assert "Killed: " in march and "range 7–13" in march
    assert "Battles: 2 incidents" in march


def test_no_match_says_so(client):
    response = client.get(PAGE, {"q": "nothing matches this"})

    assert response.status_code == 200
    assert "No incident matches these filters." in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"interval": "fortnight"}, {"by": "colour"}, {"date_from": "not a date"}, {"killed_min": "-3"}],
)
def test_garbage_parameters_are_a_400_naming_them(client, params):
    page = client.get(PAGE, params)
    table = client.get(CSV, params)

    assert page.status_code == 400 and table.status_code == 400
    name = next(iter(params))
    assert name in page.content.decode() and name in table.content.decode()


def test_posting_is_refused(client):
    assert client.post(PAGE).status_code == 405
    assert client.post(CSV).status_code == 405


def test_automatic_interval_follows_the_span():
    day = datetime.date(2024, 1, 1)
    assert series.choose_interval(day, day + datetime.timedelta(days=90), None) == "week"
    assert series.choose_interval(day, day + datetime.timedelta(days=900), None) == "month"
    assert series.choose_interval(day, day + datetime.timedelta(days=9000), None) == "year"
    assert series.periods_between(datetime.date(2024, 1, 31), datetime.date(2024, 3, 1), "month") == [
        datetime.date(2024, 1, 1),
        datetime.date(2024, 2, 1),
        datetime.date(2024, 3, 1),
    ]
