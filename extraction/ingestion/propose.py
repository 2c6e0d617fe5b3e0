"""The records a proposal suggests, for staff to review: nothing is written here."""

import datetime
import re

from django.db.models import Q

from extraction.ingestion.items import ClaimItem, GroupItem, Ingestion, LinkItem, PersonItem, StatementItem
from extraction.ingestion.quoting import Sentences, squash
from extraction.lexicon import matching_key
from geo.models import AdminArea, Country
from incidents.models import Incident, Participation, Report, Source
from incidents.models.choices import (
    Attribution,
    CasualtyOutcome,
    DatePrecision,
    GroupKind,
    LocationPrecision,
    ParticipationRole,
    Status,
    SubEventType,
)
from incidents.models.claims import figure_range

# Candidates offered as the earlier event a report refers to, per mention.
LINK_SUGGESTIONS = 5


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
        kind=item.get("kind") or GroupKind.NON_STATE,
        alias="" if matched else squash(item["text"]),
        role=role,
        attribution=attribution,
    )


def _person_item(index: int, item: dict, group_keys: dict) -> PersonItem:
    matched = item["matched"] and item["id"] is not None
    return PersonItem(
        key=f"p{index}",
        person_id=item["id"] if matched else None,
        name="" if matched else item["name"],
        alias="" if matched else squash(item["text"]),
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
        if claim["outcome"] == "harmed" and claim["min"]:
            # "Four casualties": four killed and wounded together, not four of each; each is 0 to the whole.
            killed = injured = {"min": 0, "max": claim["max"]}
            notes.append(
                f"Killed and wounded together: {figure_range(claim['min'], claim['max'])}; the report does not say how "
                "many of each."
            )
            if re.search(r"neutrali[sz]", claim["text"], re.IGNORECASE):
                notes.append('"Neutralized" also counts those captured or who surrendered.')
        if claim["outcome"] == "missing":
            # "Twelve civilians were kidnapped": a claim counts the killed and the wounded only; the figure stays in
            # the note, and the row unticked, for staff to record the people as missing or abducted.
            notes.append(
                f"Missing or abducted: {figure_range(claim['min'], claim['max'])}; not a count of the dead or wounded."
            )
        if claim["confirmed_by"]:
            notes.append(f"Confirmed by {', '.join(claim['confirmed_by'])}.")
        if claim["approximate"]:
            notes.append("An approximate figure.")
        if claim["min"] is None and claim["max"] is not None and claim["outcome"] != "missing":
            notes.append("The report gives only an upper bound: set the minimum.")
        if claim["earlier_event"]:
            notes.append("About an earlier event the report mentions.")
        items.append(
            ClaimItem(
                key=f"c{index}",
                include=not claim["earlier_event"] and claim["outcome"] != "missing",
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
        said_on=datetime.date.fromisoformat(item["said_on"]) if item["said_on"] else report.published_on,
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
    incident.summary = sentences.lead_after_dateline()
    return incident


def _locate(incident: Incident, places: list[dict]):
    def rank(place):
        return (not place["matched"], place["dateline"], place["kind"] == "governorate")

    # A country locates nothing finer than itself: it is left for the country below.
    place = min((p for p in places if p["kind"] != "country"), key=rank, default=None)
    if place is None:
        incident.location_precision = LocationPrecision.UNKNOWN
        return
    # A dateline's capitals ("KIFRI —") are no way to write the place in a title.
    incident.place_name = squash(place["text"].title() if place["text"].isupper() else place["text"])
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


# A place named with where it lies from it: "near Mayadeen", "north of Baghdad".
_WHERE_ALREADY = re.compile(r"(?:near|outside|[\w-]+\s+of)\b", re.IGNORECASE)


def _title(event: dict | None, place_name: str, report: Report) -> str:
    if not event:
        return report.title[:300]
    words = [SubEventType(event["sub_event_type"]).label if event["sub_event_type"] else "Incident"]
    if event["perpetrator"]:
        words.append(f"by {event['perpetrator']}")
    if event["target"]:
        words.append(f"on {event['target']}")
    if place_name:
        # "near Mayadeen", "north of Baghdad" say where already; "eastern Baghdad" takes "in".
        words.append(place_name if _WHERE_ALREADY.match(place_name) else f"in {place_name}")
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
                    note=f"The report refers to it as “{squash(mention['text'])}”.",
                    date_key=date_key,
                )
            )
    return links


# ---------------------------------------------------------------------------------------------
# Review items → records
