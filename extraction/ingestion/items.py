"""The records staff review before one confirmation writes them: each item keyed as its proposal item."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from incidents.models import Incident, Report
from incidents.models.choices import Attribution, CasualtyCategory, GroupKind, LinkKind, Stance


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
