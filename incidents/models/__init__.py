from incidents.models.actors import Affiliation, ArmedGroup, ExternalName, GroupAlias, Person
from incidents.models.claims import Casualty, CasualtyClaim
from incidents.models.incident import Incident, IncidentLink, StatusChange
from incidents.models.participation import Participation
from incidents.models.review import PendingChange
from incidents.models.sources import Report, Source
from incidents.models.statements import Statement

__all__ = [
    "Affiliation",
    "ArmedGroup",
    "Casualty",
    "CasualtyClaim",
    "ExternalName",
    "GroupAlias",
    "Incident",
    "IncidentLink",
    "Participation",
    "PendingChange",
    "Person",
    "Report",
    "Source",
    "Statement",
    "StatusChange",
]
