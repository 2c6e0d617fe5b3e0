"""Whom a casualty figure counts: civilians, combatants (an armed group's members) or security forces (a state's),
from the figure's noun ("three soldiers"), its modifiers ("PKK members") and, for "its own" people, the body that
speaks of them ("the army said three of its members"); and, once the event is read, bare "members" as the attacked
force's."""

import re

from extraction.proposal import ClaimProposal, EventTypeProposal
from extraction.reading import Reading

CIVILIANS = re.compile(
    r"civilian|child|women|woman|residents?|villagers?|shepherds?|farmers?|workers?|pilgrims?|students?|journalists?|"
    r"hunters?|foragers?|gatherers?|pickers?|herders?|"
    r"passengers?|bystanders|boys?|girls?|relatives|employees?|citizens?|contractors?|famil(?:y|ies)|interpreters?|"
    r"translators?|teachers?|protesters?|demonstrators?|doctors?|medics|paramedics|nurses?|drivers?",
    re.IGNORECASE,
)
SECURITY = re.compile(
    r"soldiers?|troops|service[\s-]*members?|servicem[ae]n|servicemembers|personnel|police|officers?|guards?|recruits?|"
    r"Peshmerga|advis[eo]rs?|agents?",
    re.IGNORECASE,
)
COMBATANTS = re.compile(
    r"members?|fighters?|militants?|militiamen|insurgents?|jihadists?|commanders?|leaders?|aides?|bodyguards?|gunmen|"
    r"attackers?|paramilitaries|operatives|terrorists?|companions?|comrades|enem(?:y|ies)",
    re.IGNORECASE,
)

# The bodies whose members are security forces: "three of its members" in their statement.
SECURITY_BODY = re.compile(
    # Not a "military council" (the SDF's local councils, an armed group's).
    r"counter[\s-]?terror|police|\barmy\b|security\s+(?:forces|directorate|services)|Peshmerga|military(?!\s+council)|Asayish|"
    r"ministry\s+of\s+(?:defen[cs]e|interior)|border\s+guards?",
    re.IGNORECASE,
)
# Rescue and medical bodies, whose own people are civilians.
RESCUE_BODY = re.compile(r"civil\s+defen[cs]e|rescue|red\s+crescent|white\s+helmets|health|hospital|medical", re.I)


def category_of(noun: str, mods: str) -> str:
    """The noun decides before its modifiers ("suspected PKK militants" are combatants); the
    modifiers decide for "people", "members"..."""
    if CIVILIANS.search(noun):
        return "civilians"
    if SECURITY.search(noun) or re.search(
        r"\b(?:soldiers?|troops|security|army|military|police|asayi?sh|assayish|asayesh"
        r"|(?:regime|government|state)\s+forces)\b",
        mods,
        re.I,
    ):
        return "security_forces"
    if COMBATANTS.search(noun) and not re.fullmatch(r"members?", noun, re.IGNORECASE):
        return "combatants"
    # Capitalised modifiers are names ("Kurdistan Workers' Party members"), not a civilian word.
    if CIVILIANS.search(" ".join(word for word in mods.split() if not word[:1].isupper())):
        return "civilians"
    if COMBATANTS.search(noun) or re.search(r"militia|militant", mods, re.IGNORECASE):
        return "combatants"
    return "all"


# "the death of five members", "Three other members were also wounded": members of no group the figure names.
_BARE_MEMBERS = re.compile(r"\bmembers?\b(?!\s+of\b)", re.IGNORECASE)


def members_of_the_force_attacked(
    reading: Reading, claims: list[ClaimProposal], event: EventTypeProposal | None
) -> None:
    """Bare members the report counts, where a state's forces are the ones attacked, are theirs: security forces,
    as a state's forces' members are ("the attack on the police post led to the injury of four members")."""
    target = next((g for g in reading.groups if event and g.name == event.target), None)
    if target is None or reading.group_kind(target) != "state_force":
        return
    for claim in claims:
        if claim.category == "combatants" and not claim.group and _BARE_MEMBERS.search(claim.text):
            claim.category = "security_forces"
