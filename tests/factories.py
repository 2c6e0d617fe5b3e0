"""Small builders for test data: each makes a valid row and takes overrides."""

import datetime
import itertools

from incidents.models import ArmedGroup, CasualtyClaim, Incident, Person, Report, Source, Statement
from incidents.models.choices import CasualtyCategory, EventType, GroupKind, SourceKind, Stance

_counter = itertools.count(1)


def source(**fields) -> Source:
    fields.setdefault("name", f"Source {next(_counter)}")
    fields.setdefault("kind", SourceKind.NEWS_AGENCY)
    return Source.objects.create(**fields)


def report(**fields) -> Report:
    fields.setdefault("source", fields.get("source") or source())
    fields.setdefault("title", f"Report {next(_counter)}")
    fields.setdefault("published_on", datetime.date(2024, 1, 5))
    return Report.objects.create(**fields)


def group(**fields) -> ArmedGroup:
    fields.setdefault("name", f"Group {next(_counter)}")
    fields.setdefault("kind", GroupKind.NON_STATE)
    return ArmedGroup.objects.create(**fields)


def person(**fields) -> Person:
    fields.setdefault("name", f"Person {next(_counter)}")
    return Person.objects.create(**fields)


def incident(**fields) -> Incident:
    fields.setdefault("title", f"Incident {next(_counter)}")
    fields.setdefault("start_date", datetime.date(2024, 1, 4))
    fields.setdefault("event_type", EventType.REMOTE_VIOLENCE)
    return Incident.objects.create(**fields)


def claim(incident: Incident, **fields) -> CasualtyClaim:
    fields.setdefault("report", fields.get("report") or report())
    fields.setdefault("claimant", "a source")
    fields.setdefault("category", CasualtyCategory.ALL)
    return CasualtyClaim.objects.create(incident=incident, **fields)


def statement(**fields) -> Statement:
    fields.setdefault("report", fields.get("report") or report())
    fields.setdefault("said_on", datetime.date(2024, 1, 5))
    fields.setdefault("quote", "We condemn this attack.")
    fields.setdefault("stance", Stance.CONDEMNS)
    fields.setdefault("body", "A ministry")
    return Statement.objects.create(**fields)


def staff_user(name: str, role: str | None = None, **fields):
    """A staff login in one of the roles (incidents.roles), password "a-long-test-password"."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from incidents.roles import create_roles

    if role and not Group.objects.filter(name=role).exists():
        # A transactional test before this one emptied the tables the migration filled.
        create_roles(apps)
    fields.setdefault("is_staff", True)
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "a-long-test-password", **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def logged_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
