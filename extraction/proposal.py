"""The proposal an extraction gives: what a careful reader would record from one report, each item with
the character spans [start, end) of the text it came from. `Proposal.as_dict()` is the JSON shape
documented in docs/extraction.md.
"""

from dataclasses import asdict, dataclass, field


class ExtractionError(ValueError):
    """The text cannot give a proposal; the message says why in words a user can act on."""


@dataclass
class DateProposal:
    text: str
    spans: list[list[int]]
    start: str  # ISO date
    end: str
    precision: str  # incidents.models.choices.DatePrecision value
    role: str  # "incident", "earlier" (an earlier event), "statement" (when something was said), "other"
    part: str = ""  # "early", "late", "night"...: what the text says about the part of the day or month
    time_utc: str | None = None  # "09:00"
    time_approximate: bool = False
    time_text: str = ""
    time_spans: list[list[int]] = field(default_factory=list)
    time_note: str = ""


@dataclass
class PlaceProposal:
    text: str
    spans: list[list[int]]
    name: str
    matched: bool
    kind: str = ""  # geo.PlaceKind value or "governorate"; empty when unmatched
    qualifier: str = ""  # "eastern", "near", "west of"...
    id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    governorate: str = ""
    governorate_code: str = ""
    country: str = ""
    country_code: str = ""
    dateline: bool = False


@dataclass
class GroupRole:
    role: str  # incidents.models.choices.ParticipationRole value
    attribution: str  # incidents.models.choices.Attribution value
    cue: str  # the words that say it
    spans: list[list[int]]


@dataclass
class GroupProposal:
    text: str
    spans: list[list[int]]
    name: str
    matched: bool
    id: int | None = None
    new: bool = False  # group-like name not in the lexicon: proposed as a new group
    abbreviation: str = ""
    roles: list[GroupRole] = field(default_factory=list)
    # A GroupKind value for a new group when the words say which: "unidentified" for attackers named only as "gunmen".
    kind: str = ""


@dataclass
class PersonProposal:
    text: str
    spans: list[list[int]]
    name: str
    matched: bool
    id: int | None = None
    title: str = ""  # "Major General", "Iraqi Prime Minister"
    role: str = ""  # "Pentagon spokesperson", "leader of Harakat al Nujaba"
    role_kind: str = ""  # incidents.models.choices.RoleKind value
    group: str = ""  # the armed group the role is for
    body: str = ""  # a body that is not an armed group: "Pentagon"


@dataclass
class ClaimProposal:
    text: str
    spans: list[list[int]]
    outcome: str  # "killed", "injured", or "harmed" (killed and injured alike: "no civilians were harmed")
    category: str  # incidents.models.choices.CasualtyCategory value
    min: int | None
    max: int | None  # None: "at least"
    approximate: bool = False
    group: str = ""
    claimant: str = ""  # who states it; empty: the report's own account
    claimant_person: str = ""
    claimant_spans: list[list[int]] = field(default_factory=list)
    confirmed_by: list[str] = field(default_factory=list)
    earlier_event: bool = False  # stated about an earlier event the report mentions


@dataclass
class StatementProposal:
    text: str
    spans: list[list[int]]
    quote: str
    speaker: str  # a person's name, or the description the text gives ("a Pentagon spokesperson")
    speaker_title: str = ""
    speaker_is_person: bool = False
    speaker_spans: list[list[int]] = field(default_factory=list)
    body: str = ""  # the group or body spoken for
    stance: str = "describes"  # incidents.models.choices.Stance value
    stance_cues: list[str] = field(default_factory=list)
    said_on: str = ""  # ISO day the text says it was said ("the army said on Monday"); "" when it names none


@dataclass
class EventTypeProposal:
    event_type: str  # incidents.models.choices.EventType value
    sub_event_type: str  # incidents.models.choices.SubEventType value
    text: str
    spans: list[list[int]]
    perpetrator: str = ""
    target: str = ""


@dataclass
class MeansProposal:
    means: str  # incidents.models.choices.Means value
    text: str
    spans: list[list[int]]


@dataclass
class Proposal:
    publication_date: str
    title: str
    outlet: str
    url: str
    body_offset: int  # where the body starts: spans minus this index the body alone
    dates: list[DateProposal]
    places: list[PlaceProposal]
    groups: list[GroupProposal]
    people: list[PersonProposal]
    casualty_claims: list[ClaimProposal]
    statements: list[StatementProposal]
    event_type: EventTypeProposal | None
    means: list[MeansProposal]
    warnings: list[str]

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def incident_date(self) -> DateProposal | None:
        return next((d for d in self.dates if d.role == "incident"), None)
