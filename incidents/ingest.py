"""From a news report's proposal to records: what staff review, what one confirmation writes.

`propose()` maps the extractor's proposal (`incidents.importers.reports`, `Proposal.as_dict()`) onto
the records staff review: an unsaved incident and lists of group, person, claim, statement and link
items. Items refer to each other by key ("g0", "p1", "c2"), so a claim can name a group that does
not exist yet; a key is the index of the proposal item it came from. `ingest()` writes the reviewed
items in one transaction, so a failure anywhere writes nothing. `find_duplicates()` lists incidents
the new one may repeat.
"""

import bisect
import datetime
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from geo.models import AdminArea, Country
from incidents import locking
from incidents.importers.lexicon import matching_key
from incidents.models import (
    Affiliation,
    ArmedGroup,
    Casualty,
    CasualtyClaim,
    GroupAlias,
    Incident,
    IncidentLink,
    Participation,
    Person,
    Report,
    Source,
    Statement,
)
from incidents.models.choices import (
    Attribution,
    CasualtyCategory,
    CasualtyOutcome,
    DatePrecision,
    GroupKind,
    LinkKind,
    LocationPrecision,
    ParticipationRole,
    Stance,
    Status,
    SubEventType,
)

# What counts as a possible duplicate of a new incident.
DUPLICATE_DAYS = 2
DUPLICATE_KM = 25
EARTH_RADIUS_KM = 6371.0088
# Candidates offered as the earlier event a report refers to, per mention.
LINK_SUGGESTIONS = 5

PROPOSED_NOTE = "Proposed as new while ingesting the report “{title}” ({date}); check the name, kind and spellings."


@dataclass
class GroupItem:
    key: str
    include: bool = True
    group_id: int | None = None  # an existing group; None creates one named `name`
    name: str = ""
    kind: str = GroupKind.NON_STATE
    alias: str = ""  # the report's words for a new group, kept as an alias when they are not its name
    role: str = ""  # a ParticipationRole value; "" names the group without giving it a part
    attribution: str = Attribution.ATTRIBUTED


@dataclass
class PersonItem:
    key: str
    include: bool = True
    person_id: int | None = None  # an existing person; None creates one named `name`
    name: str = ""
    alias: str = ""
    role_kind: str = ""  # a RoleKind value: with a group or body it becomes an affiliation
    title: str = ""
    group_key: str = ""
    body: str = ""
    casualty: str = ""  # a CasualtyOutcome value when the report names them as killed, injured or missing
    casualty_claim_key: str = ""


@dataclass
class ClaimItem:
    key: str
    include: bool = True
    claimant: str = ""
    claimant_person_key: str = ""
    category: str = CasualtyCategory.ALL
    group_key: str = ""
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    quote: str = ""
    note: str = ""


@dataclass
class StatementItem:
    key: str
    include: bool = True
    speaker_key: str = ""
    speaker_title: str = ""
    body: str = ""
    body_group_key: str = ""
    quote: str = ""
    stance: str = Stance.DESCRIBES
    said_on: datetime.date | None = None


@dataclass
class LinkItem:
    key: str
    include: bool = False
    to_incident_id: int | None = None
    kind: str = LinkKind.FOLLOW_UP_TO
    note: str = ""
    date_key: str = ""  # the mention of an earlier event this link rests on


@dataclass
class Ingestion:
    report: Report  # unsaved: written with the rest; saved: cited as it is
    incident: Incident  # unsaved: a new draft; saved: everything is attached to it
    expected_version: int | None = None  # attaching: the version the reviewer saw
    groups: list[GroupItem] = field(default_factory=list)
    people: list[PersonItem] = field(default_factory=list)
    claims: list[ClaimItem] = field(default_factory=list)
    statements: list[StatementItem] = field(default_factory=list)
    links: list[LinkItem] = field(default_factory=list)


@dataclass
class IngestResult:
    report: Report
    incident: Incident
    attached: bool
    counts: Counter

    def summary(self) -> str:
        done = "Added to" if self.attached else "Created draft"
        parts = [
            f"{self.counts[what]} {one if self.counts[what] == 1 else many}"
            for what, one, many in [
                ("participations", "participant", "participants"),
                ("claims", "casualty claim", "casualty claims"),
                ("casualties", "named casualty", "named casualties"),
                ("statements", "statement", "statements"),
                ("links", "link", "links"),
                ("new_groups", "new group", "new groups"),
                ("new_people", "new person", "new people"),
            ]
            if self.counts[what]
        ]
        return f"{done} {self.incident.public_id} from the report: {', '.join(parts) or 'nothing new'}."


# ---------------------------------------------------------------------------------------------
# Proposal → review items
# ---------------------------------------------------------------------------------------------


class Sentences:
    """Sentence bounds in a report's body, to quote whole sentences around the words matched."""

    _END = re.compile(r"[.!?][\"”’)\]]*(?=\s)|\n")
    # "U.S." and "Maj." end with a full stop but not a sentence.
    _NOT_AN_END = re.compile(
        r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Capt|Sgt|St|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.$"
    )

    def __init__(self, text: str, body_offset: int = 0):
        self.text = text
        self.start = body_offset
        self.breaks = [body_offset]
        for match in self._END.finditer(text, body_offset):
            if not self._NOT_AN_END.search(text[max(body_offset, match.start() - 12) : match.end()]):
                self.breaks.append(match.end())
        self.breaks.append(len(text))

    def around(self, start: int, end: int) -> str:
        left = self.breaks[max(bisect.bisect_right(self.breaks, start) - 1, 0)]
        right = self.breaks[min(bisect.bisect_left(self.breaks, max(end, start + 1)), len(self.breaks) - 1)]
        return _balanced(_squash(self.text[left:right]))

    def quote(self, spans) -> str:
        """The sentences holding the spans, in order, each once."""
        found = []
        for start, end in sorted(spans):
            sentence = self.around(start, end)
            if sentence and sentence not in found:
                found.append(sentence)
        return " … ".join(found)

    def lead(self) -> str:
        """The report's first sentence."""
        return self.around(self.start, self.start)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _balanced(sentence: str) -> str:
    """Drop a quotation mark the sentence opens or closes without its pair (a quote running across sentences)."""
    if sentence.count('"') % 2:
        sentence = sentence.strip('"')
    if sentence.startswith("“") and "”" not in sentence:
        sentence = sentence[1:]
    if sentence.endswith("”") and "“" not in sentence:
        sentence = sentence[:-1]
    return sentence.strip()


def _canonical(name: str) -> str:
    return matching_key(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE))


def propose(proposal: dict, text: str, report: Report) -> Ingestion:
    """The records a proposal suggests, for staff to review; nothing is written.

    `text` is the report as the proposal's spans index it (header included). An unsaved report
    keeps the body only: the header's date, title, outlet and URL have their own fields.
    """
    sentences = Sentences(text, proposal["body_offset"])
    if report.pk is None:
        report.text = text[proposal["body_offset"] :].strip()
    groups = [_group_item(i, item, proposal.get("event_type")) for i, item in enumerate(proposal["groups"])]
    group_keys = {_canonical(item["name"]): f"g{i}" for i, item in enumerate(proposal["groups"])}
    people = [_person_item(i, item, group_keys) for i, item in enumerate(proposal["people"])]
    person_keys = {_canonical(item["name"]): f"p{i}" for i, item in enumerate(proposal["people"])}
    claims = _claim_items(proposal["casualty_claims"], sentences, group_keys, person_keys, report)
    statements = [
        _statement_item(i, item, group_keys, person_keys, report) for i, item in enumerate(proposal["statements"])
    ]
    _suggest_casualties(people, claims, statements)
    referenced = {p.group_key for p in people} | {c.group_key for c in claims if c.include}
    referenced |= {s.body_group_key for s in statements}
    for item in groups:
        item.include = bool(item.role) or item.key in referenced
    incident = _incident(proposal, sentences, report)
    links = _suggest_links(proposal, groups)
    return Ingestion(
        report=report,
        incident=incident,
        groups=groups,
        people=people,
        claims=claims,
        statements=statements,
        links=links,
    )


def _group_item(index: int, item: dict, event_type: dict | None) -> GroupItem:
    role, attribution = "", Attribution.ATTRIBUTED
    if item["roles"]:
        role, attribution = item["roles"][0]["role"], item["roles"][0]["attribution"]
    elif event_type and item["name"] in (event_type["perpetrator"], event_type["target"]):
        role = ParticipationRole.PERPETRATOR if item["name"] == event_type["perpetrator"] else ParticipationRole.TARGET
    matched = item["matched"] and item["id"] is not None
    return GroupItem(
        key=f"g{index}",
        group_id=item["id"] if matched else None,
        name="" if matched else item["name"],
        alias="" if matched else _squash(item["text"]),
        role=role,
        attribution=attribution,
    )


def _person_item(index: int, item: dict, group_keys: dict) -> PersonItem:
    matched = item["matched"] and item["id"] is not None
    return PersonItem(
        key=f"p{index}",
        person_id=item["id"] if matched else None,
        name="" if matched else item["name"],
        alias="" if matched else _squash(item["text"]),
        role_kind=item["role_kind"],
        title=item["role"] or item["title"],
        group_key=group_keys.get(_canonical(item["group"]), "") if item["group"] else "",
        body=item["body"],
    )


def _claim_items(proposed, sentences, group_keys, person_keys, report) -> list[ClaimItem]:
    # One source named two ways ("the Pentagon", "Pentagon") must stay one account for the toll.
    claimants: dict[str, str] = {}
    items = []
    for index, claim in enumerate(proposed):
        claimant = claim["claimant"] or f"{_outlet(report)} (the report's own account)"
        claimant = claimants.setdefault(_canonical(claimant), claimant)
        figures = {"min": claim["min"], "max": claim["max"]}
        killed = figures if claim["outcome"] in ("killed", "harmed") else {"min": None, "max": None}
        injured = figures if claim["outcome"] in ("injured", "harmed") else {"min": None, "max": None}
        notes = []
        if claim["confirmed_by"]:
            notes.append(f"Confirmed by {', '.join(claim['confirmed_by'])}.")
        if claim["approximate"]:
            notes.append("An approximate figure.")
        if claim["min"] is None and claim["max"] is not None:
            notes.append("The report gives only an upper bound: set the minimum.")
        if claim["earlier_event"]:
            notes.append("About an earlier event the report mentions.")
        items.append(
            ClaimItem(
                key=f"c{index}",
                include=not claim["earlier_event"],
                claimant=claimant,
                claimant_person_key=person_keys.get(_canonical(claim["claimant_person"]), "")
                if claim["claimant_person"]
                else "",
                category=claim["category"],
                group_key=group_keys.get(_canonical(claim["group"]), "") if claim["group"] else "",
                killed_min=killed["min"],
                killed_max=killed["max"],
                injured_min=injured["min"],
                injured_max=injured["max"],
                quote=sentences.quote(claim["spans"]),
                note=" ".join(notes),
            )
        )
    return items


def _outlet(report: Report) -> str:
    try:
        return report.source.name
    except Source.DoesNotExist:
        return "the report"


def _statement_item(index, item, group_keys, person_keys, report) -> StatementItem:
    speaker_key = person_keys.get(_canonical(item["speaker"]), "") if item["speaker_is_person"] else ""
    body_group_key = group_keys.get(_canonical(item["body"]), "") if item["body"] else ""
    return StatementItem(
        key=f"s{index}",
        speaker_key=speaker_key,
        speaker_title=item["speaker_title"] or ("" if speaker_key else item["speaker"]),
        body="" if body_group_key else item["body"],
        body_group_key=body_group_key,
        quote=item["quote"],
        stance=item["stance"],
        said_on=report.published_on,
    )


def _suggest_casualties(people, claims, statements):
    """A named member of a group whose dead a claim counts is likely one of them (the strike's target).

    People who speak or are cited as sources are not."""
    voices = {s.speaker_key for s in statements} | {c.claimant_person_key for c in claims}
    for person in people:
        if person.key in voices or not person.group_key:
            continue
        claim = next(
            (c for c in claims if c.include and c.group_key == person.group_key and c.killed_max != 0 and c.killed_min),
            None,
        )
        if claim is not None:
            person.casualty = CasualtyOutcome.KILLED
            person.casualty_claim_key = claim.key


def _incident(proposal: dict, sentences: Sentences, report: Report) -> Incident:
    incident = Incident(status=Status.DRAFT)
    when = next((d for d in proposal["dates"] if d["role"] == "incident"), None)
    if when is not None:
        incident.start_date = datetime.date.fromisoformat(when["start"])
        end = datetime.date.fromisoformat(when["end"])
        incident.date_precision = when["precision"]
        if end != incident.start_date:
            incident.end_date = end
            if when["precision"] == DatePrecision.DAY:
                incident.date_precision = DatePrecision.DAYS
        if when["time_utc"]:
            incident.time_utc = datetime.time.fromisoformat(when["time_utc"])
            incident.time_approximate = when["time_approximate"]
    event = proposal.get("event_type")
    if event:
        incident.event_type = event["event_type"]
        incident.sub_event_type = event["sub_event_type"]
    incident.means = list(dict.fromkeys(m["means"] for m in proposal["means"]))
    _locate(incident, proposal["places"])
    incident.title = _title(event, incident.place_name, report)
    incident.summary = sentences.lead()
    return incident


def _locate(incident: Incident, places: list[dict]):
    def rank(place):
        return (not place["matched"], place["dateline"], place["kind"] == "governorate")

    place = min(places, key=rank, default=None)
    if place is None:
        incident.location_precision = LocationPrecision.UNKNOWN
        return
    incident.place_name = _squash(place["text"])
    if not place["matched"]:
        incident.location_precision = LocationPrecision.UNKNOWN
        return
    if place["kind"] == "governorate":
        incident.admin_area_id = place["id"]
        incident.location_precision = LocationPrecision.GOVERNORATE
    else:
        incident.place_id = place["id"]
        incident.latitude, incident.longitude = place["latitude"], place["longitude"]
        if place["governorate_code"]:
            incident.admin_area_id = (
                AdminArea.objects.filter(iso_code=place["governorate_code"]).values_list("pk", flat=True).first()
            )
        if place["qualifier"] in ("near", "outside") or " of" in place["qualifier"]:
            incident.location_precision = LocationPrecision.NEAR
        elif place["kind"] == "populated_place":
            incident.location_precision = LocationPrecision.TOWN
        else:
            incident.location_precision = LocationPrecision.EXACT
    if place["country_code"]:
        incident.country_id = Country.objects.filter(iso2=place["country_code"]).values_list("pk", flat=True).first()


def _title(event: dict | None, place_name: str, report: Report) -> str:
    if not event:
        return report.title[:300]
    words = [SubEventType(event["sub_event_type"]).label if event["sub_event_type"] else "Incident"]
    if event["perpetrator"]:
        words.append(f"by {event['perpetrator']}")
    if event["target"]:
        words.append(f"on {event['target']}")
    if place_name:
        words.append(f"in {place_name}")
    return " ".join(words)[:300]


def _suggest_links(proposal: dict, groups: list[GroupItem]) -> list[LinkItem]:
    """Held incidents sharing a group with this one at the time of each earlier event the report mentions."""
    earlier = [
        (f"d{i}", d, datetime.date.fromisoformat(d["start"]), datetime.date.fromisoformat(d["end"]))
        for i, d in enumerate(proposal["dates"])
        if d["role"] == "earlier"
    ]
    group_ids = {g.group_id for g in groups if g.include and g.group_id}
    if not earlier or not group_ids:
        return []
    overlaps = Q()
    for _, _, start, end in earlier:
        overlaps |= Q(start_date__lte=end) & (Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start))
    candidates = list(
        Incident.objects.filter(overlaps, merged_into__isnull=True)
        .filter(pk__in=Participation.objects.filter(group_id__in=group_ids).values("incident_id"))
        .order_by("-start_date", "pk")
        .only("pk", "start_date", "end_date")[: LINK_SUGGESTIONS * len(earlier)]
    )
    links = []
    for date_key, mention, start, end in earlier:
        held = [c for c in candidates if c.start_date <= end and (c.end_date or c.start_date) >= start]
        for candidate in held[:LINK_SUGGESTIONS]:
            links.append(
                LinkItem(
                    key=f"l{len(links)}",
                    to_incident_id=candidate.pk,
                    note=f"The report refers to it as “{_squash(mention['text'])}”.",
                    date_key=date_key,
                )
            )
    return links


# ---------------------------------------------------------------------------------------------
# Review items → records
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def ingest(user, ingestion: Ingestion) -> IngestResult:
    """Write the report, the incident (or attach to one) and every included item, citing the report.

    Raises locking.StaleEdit when the incident attached to changed since `expected_version`,
    ValidationError for an item that refers to one left out, and IntegrityError for a row the
    database refuses; in every case nothing at all is written.
    """
    counts = Counter()
    report = _save_report(user, ingestion.report)
    attached = ingestion.incident.pk is not None
    incident = _save_incident(user, ingestion)
    groups = _save_groups(ingestion.groups, report, counts)
    people = _save_people(ingestion.people, report, groups, counts)

    for item in ingestion.groups:
        if item.include and item.role:
            _, created = Participation.objects.get_or_create(
                incident=incident,
                group=groups[item.key],
                role=item.role,
                defaults={"attribution": item.attribution, "report": report},
            )
            counts["participations"] += created

    claims = {}
    for item in ingestion.claims:
        if not item.include:
            continue
        claims[item.key] = CasualtyClaim.objects.create(
            incident=incident,
            report=report,
            claimant=item.claimant,
            claimant_person=_ref(people, item.claimant_person_key, item.key),
            category=item.category,
            group=_ref(groups, item.group_key, item.key),
            killed_min=item.killed_min,
            killed_max=item.killed_max,
            injured_min=item.injured_min,
            injured_max=item.injured_max,
            quote=item.quote,
            note=item.note[:500],
        )
        counts["claims"] += 1

    for item in ingestion.people:
        if item.include and item.casualty:
            _, created = Casualty.objects.get_or_create(
                incident=incident,
                person=people[item.key],
                defaults={
                    "outcome": item.casualty,
                    "claim": _ref(claims, item.casualty_claim_key, item.key),
                    "report": report,
                },
            )
            counts["casualties"] += created

    for item in ingestion.statements:
        if not item.include:
            continue
        statement = Statement.objects.create(
            speaker=_ref(people, item.speaker_key, item.key),
            speaker_title=item.speaker_title,
            body_group=_ref(groups, item.body_group_key, item.key),
            body=item.body,
            said_on=item.said_on or report.published_on,
            quote=item.quote,
            stance=item.stance,
            report=report,
        )
        statement.incidents.add(incident)
        counts["statements"] += 1

    for item in ingestion.links:
        if item.include:
            _, created = IncidentLink.objects.get_or_create(
                from_incident=incident,
                to_incident_id=item.to_incident_id,
                kind=item.kind,
                defaults={"report": report, "note": item.note[:500]},
            )
            counts["links"] += created

    incident.refresh_from_db()
    return IngestResult(report=report, incident=incident, attached=attached, counts=counts)


def held_report(url: str, text: str) -> Report | None:
    """A report already held at this address (a trailing slash aside) or with this text (spaces
    around it aside): the same article ingested twice would count its claims twice."""
    same = Q(text__in={text, text.strip()}) if text.strip() else Q(pk__in=[])
    url = url.strip()
    if url:
        same |= Q(url__in={url, url.rstrip("/"), url.rstrip("/") + "/"})
    return Report.objects.filter(same).select_related("source").order_by("pk").first()


def _ref(saved: dict, key: str, by: str):
    if not key:
        return None
    if key not in saved:
        raise ValidationError(f"{by} refers to {key}, which is left out.")
    return saved[key]


def _save_report(user, report: Report) -> Report:
    if report.pk is not None:
        return report
    if report.source.pk is None:
        source, _ = Source.objects.get_or_create(name=report.source.name, defaults={"kind": report.source.kind})
        report.source = source
    report.ingested_by = user
    # Public once something published cites it, or once an editor approves it (incidents.visibility).
    report.approved = False
    report.retrieved_at = report.retrieved_at or timezone.now()
    report.save()
    return report


def _save_incident(user, ingestion: Ingestion) -> Incident:
    incident = ingestion.incident
    incident.changed_by = user
    incident._history_user = user
    if incident.pk is None:
        incident.status = Status.DRAFT
        incident.created_by = user
        incident.full_clean()
        incident.save()
        return incident
    expected = incident.version if ingestion.expected_version is None else ingestion.expected_version
    locking.claim_version(incident, expected)
    incident.save(update_fields=["changed_by", "version", "changed_at"])
    return incident


def _proposed_note(report: Report) -> str:
    return PROPOSED_NOTE.format(title=report.title, date=f"{report.published_on:%Y-%m-%d}")


def _save_groups(items: list[GroupItem], report: Report, counts: Counter) -> dict[str, ArmedGroup]:
    chosen = [item for item in items if item.include]
    existing = ArmedGroup.objects.in_bulk([item.group_id for item in chosen if item.group_id])
    saved = {}
    for item in chosen:
        if item.group_id:
            if item.group_id not in existing:
                raise ValidationError(f"{item.key}: the group chosen no longer exists.")
            saved[item.key] = existing[item.group_id]
            continue
        group = ArmedGroup.objects.create(
            name=item.name.strip(), kind=item.kind, approved=False, staff_note=_proposed_note(report)
        )
        if item.alias and item.alias != group.name:
            GroupAlias.objects.create(group=group, name=item.alias)
        saved[item.key] = group
        counts["new_groups"] += 1
    return saved


def _save_people(items: list[PersonItem], report: Report, groups: dict, counts: Counter) -> dict[str, Person]:
    chosen = [item for item in items if item.include]
    existing = Person.objects.in_bulk([item.person_id for item in chosen if item.person_id])
    roles_held = set(
        Affiliation.objects.filter(person__in=existing.values()).values_list("person_id", "role").distinct()
    )
    saved = {}
    for item in chosen:
        if item.person_id:
            if item.person_id not in existing:
                raise ValidationError(f"{item.key}: the person chosen no longer exists.")
            person = existing[item.person_id]
        else:
            aliases = item.alias if item.alias and item.alias != item.name.strip() else ""
            person = Person.objects.create(
                name=item.name.strip(), aliases=aliases, approved=False, staff_note=_proposed_note(report)
            )
            counts["new_people"] += 1
        saved[item.key] = person
        group = _ref(groups, item.group_key, item.key)
        # An existing person keeps the roles already recorded for them; a new one gets the report's.
        if item.role_kind and (group or item.body) and (person.pk, item.role_kind) not in roles_held:
            Affiliation.objects.create(
                person=person, group=group, body="" if group else item.body, role=item.role_kind, title=item.title
            )
            roles_held.add((person.pk, item.role_kind))
    return saved


# ---------------------------------------------------------------------------------------------
# Possible duplicates
# ---------------------------------------------------------------------------------------------


@dataclass
class Duplicate:
    incident: Incident
    distance_km: float | None  # None: the new incident has no point to measure from
    shared_groups: list[str]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def find_duplicates(
    start_date: datetime.date,
    end_date: datetime.date | None,
    latitude: float | None,
    longitude: float | None,
    group_ids,
    *,
    days: int = DUPLICATE_DAYS,
    km: float = DUPLICATE_KM,
) -> list[Duplicate]:
    """Held incidents within `days` and `km` of the new one that share one of its groups, nearest first.

    The database narrows by date and by a latitude/longitude box; the exact distance is measured
    here. Without a point for the new incident, every incident within the dates sharing a group is
    listed, with no distance.
    """
    group_ids = set(group_ids)
    if not group_ids or start_date is None:
        return []
    window = datetime.timedelta(days=days)
    # Within the calendar: a date near year 1 or 9999 (refused on saving) must not fail the search.
    low = start_date - window if start_date - datetime.date.min > window else datetime.date.min
    end = end_date or start_date
    high = end + window if datetime.date.max - end > window else datetime.date.max
    candidates = (
        Incident.objects.filter(merged_into__isnull=True, start_date__lte=high)
        .filter(Q(end_date__gte=low) | Q(end_date__isnull=True, start_date__gte=low))
        .filter(pk__in=Participation.objects.filter(group_id__in=group_ids).values("incident_id"))
    )
    located = latitude is not None and longitude is not None
    if located:
        dlat = math.degrees(km / EARTH_RADIUS_KM)
        dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
        candidates = candidates.filter(
            latitude__range=(latitude - dlat, latitude + dlat), longitude__range=(longitude - dlon, longitude + dlon)
        )
    candidates = candidates.prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("group"))
    ).order_by("start_date", "pk")
    found = []
    for incident in candidates:
        distance = None
        if located:
            distance = haversine_km(latitude, longitude, incident.latitude, incident.longitude)
            if distance > km:
                continue
        shared = sorted({p.group.name for p in incident.participations.all() if p.group_id in group_ids})
        found.append(Duplicate(incident=incident, distance_km=distance, shared_groups=shared))
    found.sort(key=lambda d: (d.distance_km or 0, abs((d.incident.start_date - start_date).days)))
    return found
