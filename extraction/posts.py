"""The kind of post (a `RoleKind` value) that the words of a person's role name."""

import re


def role_kind(role: str) -> str:
    """The kind of post a role names: "Pentagon spokesperson" a spokesperson, "head of the SDF's media
    centre" a spokesperson too, "district chief of Chamchamal" an official; "other" for any other role, "" for none."""
    lowered = role.lower()
    for pattern, kind in (
        # The head of a media office speaks for the group; the head of a monitor or an aid body is no official.
        (r"spokes|\b(?:media|press)\b", "spokesperson"),
        (
            r"observatory|monitor|rights|red crescent|civil defen[cs]e|white helmets|hospital|charity|organi[sz]ation",
            "other",
        ),
        # A district's or a province's chief is an official, not a group's leader.
        (
            r"\b(?:district|sub-?district|province|governorate|municipality|county|council)\b.*\b(?:chief|head)\b"
            r"|\b(?:chief|head)\b.*\b(?:district|sub-?district|province|governorate|municipality|county|council)\b",
            "official",
        ),
        (r"commander|general\b|colonel|officer", "commander"),
        (r"leader|\bhead\b|chief|founder|emir", "leader"),
        (r"\b(?:family|tribe|clan|teams?|peace\w*|ngo|volunteers?)\b", "other"),
        (r"member|fighter|militant|soldier", "member"),
        (
            r"minister|president|official|governor|mayor|secretary|ambassador|envoy|lawmaker|director|aide|adviser",
            "official",
        ),
    ):
        if re.search(pattern, lowered):
            return kind
    return "other" if role else ""
