"""The part each armed group plays in the event (perpetrator, target) and how the report knows it: from
the words around its mentions, from groups joined by "and" and the sides of a clash, from the people hit and
from the losses a state's forces report; and, when no named group carried the attack out, the attackers the
report names only by what they were ("gunmen"), added as an unidentified group.
"""

import re

from extraction.proposal import ClaimProposal, GroupProposal, GroupRole
from extraction.reading import Reading
from extraction.words import (
    AIRCRAFT,
    DASH_BODY,
    DASH_CLOSE,
    DASH_OPEN,
    DASHED_ASIDE,
    SAY_VERB,
    WARS_SIDES,
    clean,
    span_list,
)

# A word between a name and the passive said of it: no verb of speech, conjunction or participle of its own.
_BETWEEN = r"(?!(?:said|says|saying|told|claimed|reported|announced|stated|but|while|which|who)\b|\w+ed\b)"
_ROLE_PATTERNS = [
    # (role, attribution, where, pattern): "before" runs on the words before the mention, "after" on those after.
    # "X, an umbrella group, in a statement published on its Telegram channel claimed", "X has endorsed the attack".
    ("perpetrator", "claimed", "after", r"^\W*(?:in\s+a\s+statement\b[^.;,“”\"]{0,60}?\s+)?(?:\w+\s+){0,3}?(?:claimed|claims|claiming|endorsed|(?:asserted|took|assumed|declared)\s+responsibility)\b"),  # noqa: E501
    ("perpetrator", "claimed", "before", r"\bclaimed\s+(?:responsibility\s+)?by\s+(?:the\s+)?$"),
    # "X released a video depicting an attack on the Harir base and claimed responsibility for a drone strike".
    ("perpetrator", "claimed", "after", r"^[^.;“”\"]{0,100}?\band\s+(?:claimed|assumed|took)\s+responsibility\b"),
    # "Claiming responsibility for the attack, a group named the Islamic Resistance in Iraq stated".
    ("perpetrator", "claimed", "before", r"\bclaiming\s+responsibility\b[^.;“”\"]{0,60},\s+(?:a\s+group\s+(?:named|called)\s+)?(?:the\s+)?$"),  # noqa: E501
    ("perpetrator", "claimed", "after", r"^[^.;]{0,25}\b(?:said|announced|stated|confirmed) (?:(?:in|on|late|early) [\w ]{1,30}? |[A-Z]\w+day )?(?:that )?(?:it|they|its (?:fighters|members|forces|drones)) (?:had |has )?(?:carried out|conducted|launched|targeted|attacked|struck|fired|killed|ambushed|neutrali[sz]ed|destroyed|dismantled|raided|eliminated)"),  # noqa: E501
    ("perpetrator", "attributed", "before", r"\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|held)\s+[\"“]?(?:the\s+)?(?:[\w-]+\s+){0,2}$"),  # noqa: E501
    ("perpetrator", "attributed", "before", r"\b(?:blam(?:ed|es|ing)|attribut(?:e|ed|es|ing)|pinned)\b(?:\s+(?!for\b)[\w'’]+){0,4}\s+(?:on|to)\s+(?:the\s+)?$"),  # noqa: E501
    ("perpetrator", "attributed", "after", r"^\W*(?:(?:in|of)\s+[A-Z]\w+(?:\s+and\s+[A-Z]\w+)?\s+)?(?:was|were|is|are|has been|have been)\s+(?:widely\s+)?(?:blamed|suspected|accused)"),  # noqa: E501
    # "a member of the Islamic State group was behind the attack": who a source says did it.
    ("perpetrator", "attributed", "after", r"^\W*(?:group\s+|militants?\s+|members?\s+)?(?:was|were|is|are)\s+(?:(?:likely|probably|believed\s+to\s+be)\s+)?behind\s+(?:the|this|Sunday['’]s|[A-Z]\w+day['’]s)\s+(?:[\w-]+\s+){0,2}?(?:attack|bombing|blast|strike|explosion)"),  # noqa: E501
    ("perpetrator", "claimed", "after", r"^\W*(?:\w+\s+){0,3}?announced\s+(?:[\w-]+\s+){0,4}?(?:the\s+)?(?:targeting|bombing|attacks?|strikes?)\s+(?:of|on)\b"),  # noqa: E501
    # "The Islamic Resistance in Iraq declared on Friday that the Ain al-Asad Air Base was targeted with two drones".
    ("perpetrator", "claimed", "after", r"^[^.;“”]{0,40}?\b(?:declared|announced)\b[^.;“”]{0,30}?\bthat\s+(?!(?:its|their|our)\b)[^.;“”]{0,120}?\b(?:was|were|had\s+been)\s+(?:\w+\s+)?(?:targeted|attacked|struck|hit|bombed|shelled)\b(?!\s+by\b)"),  # noqa: E501
    # A group that mourns its own: "X announced the martyrdom of four fighters", "X said it lost two members".
    ("target", "confirmed", "after", r"^\W*(?:\([A-Z]+\)\s*)?(?:[\w-]+\s+){0,6}?(?:announced|mourned|confirmed|acknowledged)\s+(?:in\s+a\s+statement\s+)?(?:the\s+)?(?:martyrdom|deaths?|killing|loss)\s+of\b|^[^.;]{0,30}?\bsaid\s+(?:it|they)\s+(?:had\s+)?lost\b"),  # noqa: E501
    # "the IRGC says four of its advisers have been killed", "the PMF confirmed the strike killed four of its members".
    ("target", "confirmed", "after", r"^[^.;“”\"]{0,40}?\b(?:said|says|confirmed|announced|acknowledged)\b[^.;]{0,80}?\bof\s+(?:its|their)\s+[“\"]?(?:[\w-]+\s+){0,2}?(?:members|fighters|personnel|advis[eo]rs|officers|soldiers|commanders|men)\b"),  # noqa: E501
    # "The PMF said seven were killed when the U.S. bombed its operations headquarters": what was hit was its.
    ("target", "confirmed", "after", r"^(?:U\.S\.|[^.;“”\"]){0,120}?\b(?:said|says|announced|confirmed)\b(?:U\.S\.|[^.;“”\"]){0,120}?\b(?:bombed|struck|hit|targeted|attacked|shelled)\s+(?:its|their)\s+(?:[\w-]+\s+){0,4}?(?:headquarters|bases?|positions?|posts?|sites?|depots?|convoys?|offices?|hospital)\b"),  # noqa: E501
    # "a death toll of eight, including six members of the National Defence Forces".
    ("target", "confirmed", "before", r"\b(?:toll|dead|killed|victims|casualties)\b[^.;]{0,60}?\bincluding\s+[“\"]?(?:[\w-]+\s+){0,3}?(?:members?|fighters?|soldiers?|personnel|officers?)\s+(?:of|from)\s+(?:the\s+)?$"),  # noqa: E501
    # "At least five members of the PMF, an umbrella of militias, have been killed": "around" reads the words
    # before the name, a \x00 for it, then the words after.
    ("target", "confirmed", "around", r"\b(?:members?|fighters?|personnel|officers?|soldiers?|commanders?|elements)\s+(?:of|from)\s+(?:the\s+)?\x00[^.;]{0,120}?\b(?:killed|wounded|injured|died|dead)\b"),  # noqa: E501
    # "X fighters were killed", "an Iraqi army officer and four soldiers were killed"; not "X said two ... were killed".
    # Up to five words between, or eight with no comma: "US forces at Mission Support Site Euphrates were targeted".
    ("target", "confirmed", "after", r"^\W*(?:(?:" + _BETWEEN + r"[“\"(]?\w+[”\")]?,?\s+){0,5}?|(?:" + _BETWEEN + r"[“\"(]?[\w'’-]+[”\")]?\s+){0,8}?)(?:(?:was|were|has been|have been|had been|came|come|comes)\s+(?:\w+\s+)?[“\"]?(?:killed|struck|hit|targeted|attacked|wounded|injured|bombed|under attack)|lost\s+(?:his|her|their)\s+li(?:fe|ves)|died\b)"),  # noqa: E501
    # "The positions of the US forces at the airport were targeted": whose the positions were.
    ("target", "confirmed", "around", r"\b(?:positions?|bases?|posts?|headquarters|convoys?|patrols?|vehicles?|outposts?|checkpoints?)\s+of\s+(?:the\s+)?\x00[^.;“”\"]{0,80}?\b(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?(?:targeted|attacked|struck|hit|shelled|bombed)\b"),  # noqa: E501
    # "the Ain al-Assad base, affiliated with the international coalition, ... was attacked": whose the base was.
    ("target", "confirmed", "around", r"\b(?:bases?|airports?|facility|facilities|positions?|outposts?|garrison)\b,?\s+(?:affiliated\s+with|belonging\s+to|used\s+of|hosting)\s+(?:the\s+)?\x00[^.;“”\"]{0,80}?\b(?:was|were|had\s+been|has\s+been)\s+(?:\w+\s+)?(?:targeted|attacked|struck|hit|shelled|bombed)\b"),  # noqa: E501
    # "a suicide drone heading towards the international coalition base": what it was sent at.
    ("target", "confirmed", "before", r"\b(?:drones?|rockets?|missiles?|UAVs?)\s+(?:was\s+|were\s+)?(?:heading|headed|flying|aimed)\s+(?:towards?|for|at)\s+(?:the\s+|an?\s+)?$"),  # noqa: E501
    # "A US base in Homs province came under a drone attack": the base's force, the target.
    ("target", "confirmed", "after", r"^\s*(?:bases?|positions?|convoy|patrol|headquarters|outposts?|facility|garrison)\b[^.;,“”\"]{0,80}?\b(?:came\s+under\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:attack|fire)|(?:was|were)\s+(?:\w+\s+)?(?:targeted|attacked|hit|struck|shelled))\b"),  # noqa: E501
    # "an attack on the base, where US forces are deployed": the forces it hosts.
    ("target", "confirmed", "before", r"\b(?:attack|strike|struck|targeted|targeting|assault|hit|shot\s+down|intercepted|downed|launched|fired)\w*\b[^.;“”\"]{0,160}?\b(?:base|airport|air\s*base|airbase|airfield|facility|camp|garrison|outpost)\b[^.;“”\"]{0,80}?,\s*(?:where|which\s+(?:hosts?|houses?)|that\s+(?:hosts?|houses?))\s+(?:the\s+)?$"),  # noqa: E501
    # "Coalition Forces shot down two drones", "Security forces repelled the attack", "shot down by US defense
    # systems": who fended the attack off was attacked.
    # "The SDF announced that its fighters repelled an assault": its own.
    ("target", "confirmed", "after", r"^\W*(?:\([A-Z]+\)\s*)?(?:\w+\s+that\s+(?:its|their)\s+(?:fighters|forces|members|units)\s+)?(?:(?:have|has|had)\s+)?(?:\w+ly\s+)?(?:shot\s+down|intercepted|downed|repelled|repulsed)\b"),  # noqa: E501
    ("target", "confirmed", "before", r"\b(?:shot\s+down|intercepted|downed|repelled|repulsed)\s+by\s+(?:the\s+)?$"),
    # Not strikes elsewhere: "until the Israeli strikes on Gaza end".
    ("perpetrator", "confirmed", "after", r"^\W*(?:['’]s?\s+|[A-Z][\w.]{1,9}\)\s+)?(?:and\s+(?:the\s+)?[A-Z][\w'’-]*\s+(?:(?:have|has|had)\s+)?)?(?:(?!(?:under|amid|facing|despite|after|from|said|says|told|reported|stated|confirmed|condemned|denounced|denied|mourned|acknowledged|critici[sz]ed|described)\b)[\w'’-]+\s+){0,2}?(?:(?:has|have|had)\s+)?(?:reportedly\s+|allegedly\s+)?(?:(?<!\ba )(?<!\ban )(?<!\bthe )[“\"])?(?:launched(?!\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:(?<!security )(?<!military )operation|campaign|search|investigation|sweep))|carried out|carrying out|conducted|neutrali[sz]ed|staged|mounted|struck|strikes|striking|hit|attacked|fired|opened\s+fire|bombed|shelled|pounded|bombarded|destroyed|continued\s+(?:its|their)\s+(?:attacks|strikes|shelling|bombardment)|shelling|bombardment|targett?ed|killed|ambushed|raided|stormed|infiltrated|surrounded|kidnapped|abducted|planted|drone strike|air ?strikes?|strike|drones?|" + AIRCRAFT + r")\b(?!\s+(?:on|in|against)\s+(?:the\s+)?(?:Gaza|Lebanon|Yemen|Beirut|Israel|Iran|Tehran)(?![\w-]))"),  # noqa: E501
    # "in IS attacks", "a suspected PKK ambush": the attack the name qualifies is the group's.
    ("perpetrator", "confirmed", "after", r"^(?:['’]s?)?(?:\s*\([A-Z]+\))?\s+(?:attacks?|ambush(?:es)?|bombings?|assaults?|offensive)\b"),  # noqa: E501
    # "the joint raid overnight Monday that was conducted by US and Iraqi forces".
    ("perpetrator", "confirmed", "before", r"\b(?:strikes?|attacks?|shelling|raids?|ambush|bombardments?|fire|operation)[”\"]?(?:(?:\s+[^.;,“”\"]{0,40}?)?\s+(?:that|which)\s+(?:was|were|had\s+been)|\s+(?:was|were|had\s+been)(?:\s+\w+ly)?)?(?:\s+(?:on\s+|late\s+|early\s+)?\w+day(?:\s+(?:night|morning|evening))?)?\s+(?:carried out\s+|launched\s+|conducted\s+|orchestrated\s+|perpetrated\s+|staged\s+|mounted\s+)?by\s+(?:(?:members|fighters|militants|elements|cells|gunmen)\s+(?:of|from)\s+)?(?:the\s+(?:[\w-]+\s+)?(?:group|organi[sz]ation|militia|movement|faction)\s+|the\s+|neighbou?ring\s+)?$"),  # noqa: E501
    # "The attack involving extremists from the Ansar al-Tawhid group": whose fighters made it.
    ("perpetrator", "confirmed", "before", r"\b(?:attacks?|assaults?|ambush(?:es)?|offensive)\s+(?:involving|by)\s+(?:[\w-]+\s+)?(?:extremists|fighters|militants|members|gunmen|elements)\s+(?:from|of)\s+(?:the\s+)?$"),  # noqa: E501
    # "attacked on Thursday evening by drones from Iran-backed groups": whose the weapons were.
    ("perpetrator", "confirmed", "before", r"\bby\s+(?:[\w-]+\s+){0,2}?(?:drones?|rockets?|missiles?|UAVs?)\s+(?:from|of|belonging\s+to|launched\s+by)\s+(?:the\s+)?$"),  # noqa: E501
    # "they were targeted by an ISIS cell during a patrol": the agent of a passive attack.
    ("perpetrator", "confirmed", "before", r"\b(?:were|was|been)\s+(?:\w+ly\s+)?(?:targeted|attacked|ambushed|struck|shot(?:\s+dead)?|killed|kidnapped|abducted|fired\s+(?:on|upon|at))(?:\s+(?:on|in|at|near)\s+[^;.“”\"]{0,40}?,?)?\s+by\s+(?:an?\s+|the\s+)?$"),  # noqa: E501
    # "came under fire from the PKK".
    ("perpetrator", "confirmed", "before", r"\bcame\s+under\s+(?:[\w-]+\s+){0,2}?(?:fire|attack|shelling|bombardment)\s+from\s+(?:the\s+)?$"),  # noqa: E501
    # "an attack on their base in northern Iraq by members of the outlawed PKK", "an attack in Idlib by the army".
    ("perpetrator", "confirmed", "before", r"\b(?:strikes?|attacks?|assaults?|raids?|ambush(?:es)?)\s+(?:on|against|in|near)\s+[^.;,“”\"]{0,80}?\bby\s+(?:(?:members|fighters|militants|elements|cells|gunmen)\s+(?:of|from)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?$"),  # noqa: E501
    # "gunmen, suspected by security forces to be ISIS members": whose the attackers are said to be.
    ("perpetrator", "attributed", "before", r"\bsuspect(?:ed|ing)\b[^.;“”]{0,60}?\bto\s+be\s+(?:an?\s+|the\s+)?$"),
    # "an assault by terrorist cells affiliated with the Islamic State": the attackers' group, as a source says.
    ("perpetrator", "attributed", "before", r"\b(?:strikes?|attacks?|assaults?|raids?|ambush(?:es)?|bombings?|shelling)\s+(?:carried out\s+|launched\s+|conducted\s+)?by\s+(?:[\w-]+\s+){0,3}?(?:affiliated|linked|allied|aligned|associated|loyal)\s+(?:with|to)\s+(?:the\s+)?$"),  # noqa: E501
    # "a landmine left by the militant Islamic State group": who laid what killed them.
    ("perpetrator", "attributed", "before", r"\b(?:mines?|landmines?|explosives?|bombs?|devices?|IEDs?|booby[\s-]traps?)\s+(?:(?:was|were|had\s+been|has\s+been)\s+)?(?:left|planted|laid)\s+(?:behind\s+)?by\s+(?:(?:cells|members|elements|fighters)\s+(?:affiliated|linked|loyal)\s+(?:with|to)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?$"),  # noqa: E501
    # "the dead included four members of the pro-government X", "most of the dead belonged to X".
    ("target", "confirmed", "before", r"\b(?:dead|killed|victims|casualties|wounded|injured)\s+(?:were|was|included|belonged\s+to)\s+(?:(?!\w+ing\b)[\w-]+\s+){0,5}?$"),  # noqa: E501
    # What was struck, named by whose it was: "a car carrying members of X", "a building used by X".
    ("target", "confirmed", "before", r"\b(?:car|vehicle|truck|bus(?:es)?|convoy|building|house|headquarters|(?:air)?base|barracks|position|site|depot|facility|office)s?\b[^.;“”\"]{0,40}?\b(?:carrying|belonging to|frequented by|owned by|housing|housed|hosting|hosted|sheltering|used by|used of|run of|occupied by)\s+(?:[\w'’\[\]-]+,?\s+){0,4}?(?:of\s+)?(?:the\s+)?$"),  # noqa: E501
    ("target", "confirmed", "before", r"\b(?:struck|strikes? (?:on|against)|attacks? (?:on|against)|attacked|attacking|targeted|targeting|hit|hitting|killed|killing|wounded|wounding|injured|injuring|eliminat(?:ed|ing|ion of)|assassinat(?:ed|ing|ion of)|(?:exploded|went off|detonated|landed|fell|impacted|crashed|(?:was |were )?(?:shot down|intercepted|downed)) (?:near|next to|beside|close to|under|over)|neutrali[sz]ed|martyrdom of|deaths? of|funerals? of|bombed|shelled|pounded|pounding|raided|ambushed|fired (?:[\w,]+ ){0,5}?at|against)\b[\"”]?(?:\s*[“\"](?=\s*[a-z]))?(?:[“\"][^.;“”\"]{1,60}[”\"]|(?!\b(?:by|said|and(?!\s+(?:one|two|three|four|five|an?|\d+)\s)|claimed|reported|according|told|stated)\b)[^.;“”\"]){0,90}$"),  # noqa: E501
]  # fmt: skip
_ROLE_REGEXES = [
    (role, attribution, where, re.compile(p, re.IGNORECASE)) for role, attribution, where, p in _ROLE_PATTERNS
]
_DENIED = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)?|refut(?:ed|es|ing))\b[^.;]{0,80}$", re.I
)
# "during a military operation conducted by Turkish troops": the setting, not the attack ("during an attack
# by X" is the attack).
_SETTING = re.compile(r"\bduring\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "US forces intercepted the drones" fend an attack off; "a US airstrike thwarted a rocket attack" is one.
_DEFENSIVE = re.compile(
    r"^\W*(?:(?!(?:air\s*)?strikes?\b|raids?\b)\w+\s+){0,2}?(?:shot down|intercepted|engaged|repelled|thwarted)\b",
    re.IGNORECASE,
)
_NOT_OUR_ATTACK = re.compile(
    r"\bagainst\s+(?:a|the)\s+backdrop\b|"
    r"\b(?:responsible for|involved in|blames? for|behind|recent|previous|earlier|past|repeated|prior|suspend\w*|"
    r"halt\w*"
    r"|stop\w*|resum\w*"
    # What a strike answers or warns of: "in retaliation to the militias' drone attacks on US positions", "in
    # response to attacks on", "future attacks on", "similar attacks against", "have intensified attacks on".
    r"|retaliat\w*|in\s+response\s+to|future|similar|intensif\w*|any\s+attacks?"
    # A war waged against a foe, not this attack on it: "follow-on raids against ISIS", "joint operations with Iraqi
    # forces against ISIS", "The Global Coalition against the so-called Islamic State", "fought battles against IS".
    r"|(?:raids|operations?|forces|coalition|battles?|fight\w*|fought|war|campaign|struggle|efforts?|training)\b"
    r"[^.;]{0,50}\bagainst)\b[^.;]{0,90}$",
    re.IGNORECASE,
)


# A group named as whom the people spoken of are tied to: a relation, not a party to the event.
_AFFILIATE_OF = re.compile(
    r"\b(?:affiliated|linked|allied|aligned|associated|close)\s+(?:with|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
    r"|\b(?:backed|supported|funded)\s+by\s+(?:the\s+)?$|\bloyal\s+to\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "targets linked to Iran-backed groups": what was hit was theirs.
_THINGS_OF = re.compile(
    r"\b(?:targets?|sites?|positions?|facilit(?:y|ies)|depots?|bases?|buildings?|headquarters|vehicles?|cars?|"
    r"convoys?|foundations?|cent(?:re|er)s?|offices?|warehouses?|houses?|homes?|apartments?),?\s+(?:\w+\s+)?"
    r"(?:linked|affiliated|associated|aligned)\s+(?:with|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_OBJECT_OF_ATTACK = re.compile(
    r"\b(?:targeting|targeted|targets|hitting|struck|against|attacks?\s+on|strikes?\s+on)\s+(?:an?\s+|the\s+)?$",
    re.IGNORECASE,
)
# "X and affiliated groups, under an umbrella of Iranian-backed militants, claimed credit": X's verb.
_ASIDE_AFTER = re.compile(
    r"\s*(?:\([A-Z]+\)\s*)?(?:forces\s*|troops\s*|army\s*|military\s*|group\s*|movement\s*)?(?:\s*and\s+(?:its\s+)?(?:affiliated|allied)\s+(?:groups|factions))?"
    # "The Israeli army, which recently set up a base in the town, reportedly fired".
    # '"The Islamic Resistance in Iraq," comprising armed Shiite factions, announced': a name quoted, a participle.
    r"[”\"]?,[”\"]?\s*(?:an?|the|which|who|comprising|consisting\s+of|made\s+up\s+of|in\s+(?:collaboration|cooperation|coordination|"
    r"partnership)\s+with|together\s+with|along\s+with|alongside|backed\s+by|supported\s+by|under)\s[^,;]{0,160},"
    rf"|{DASHED_ASIDE}"
)
# A description set off by commas or by spaced dashes: open before a name, closing after it.
_ASIDES = [
    (re.compile(r",\s*(?:an?|the)\s[^,;]{1,160}$"), re.compile(r"[^,;.“”\"]{0,80},")),
    (re.compile(rf"{DASH_OPEN}{DASH_BODY}{{0,160}}$"), re.compile(rf"{DASH_BODY}{{0,80}}?{DASH_CLOSE}")),
]
# A command ("U.S. Central Command", "Baghdad Operations Command") speaks for forces; it is not itself a force hit.
_COMMAND = re.compile(r"\bCommand\b")
_SPEAKS_AFTER = re.compile(r"\s*(?:\w+ly\s+)?(?:said|says|reported|told|announced|stated)\b", re.IGNORECASE)


def find_roles(reading: Reading, claims: list[ClaimProposal] = ()):
    """The part each group plays (perpetrator, target) and how the report knows it, from the words around it
    and from the losses a state's forces report."""
    _roles_from_words(reading)
    _roles_shared_by_and(reading)
    _sides_of_a_clash(reading)
    _roles_of_people_hit(reading)
    _roles_of_own_losses(reading, claims)
    _roles_of_enemy_losses(reading, claims)
    _target_of_the_lead(reading)
    _unnamed_attackers(reading)
    _described_sides_of_a_clash(reading)
    _commands_of_forces_that_acted(reading)
    # A command that only speaks ("CENTCOM said") is a source, as a ministry is, not a party to list.
    reading.groups[:] = [g for g in reading.groups if g.roles or not _COMMAND.search(g.name)]


# "U.S. Central Command said its forces had captured", "CENTCOM confirmed that its forces ... killed".
_ITS_FORCES_ACTED = re.compile(
    rf"\s*(?:\([A-Z]+\)\s*)?(?:on\s+\w+\s+)?(?:{SAY_VERB})\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    r"its\s+(?:forces|troops)\s+(?:had\s+|have\s+)?(?:\w+ly\s+)?[“\"]?(?:conducted|carried\s+out|killed|struck|targeted|"
    r"captured|launched)\b"
)


def _commands_of_forces_that_acted(reading: Reading):
    """A command that says its forces struck is the strike's perpetrator: it commands them, as the readers list it."""
    for group in reading.groups:
        if group.roles or not _COMMAND.search(group.name):
            continue
        for start, end in group.spans:
            if reading.doc.is_background(start) or not (acted := _ITS_FORCES_ACTED.match(reading.text, end)):
                continue
            cue = [span_list(start, acted.end())]
            group.roles.append(GroupRole("perpetrator", "claimed", clean(reading.text[start : acted.end()]), cue))
            break


def _target_of_the_lead(reading: Reading):
    """An attack whose report names its perpetrator and no target: the other group its lead names, if one."""
    groups = reading.groups
    if not any(r.role == "perpetrator" for g in groups for r in g.roles) or any(
        r.role == "target" for g in groups for r in g.roles
    ):
        return
    lead_end = reading.doc.paragraphs[0][1] if reading.doc.paragraphs else 0
    # A side of a war the lead names for its setting ("since the start of the Israel-Hamas war") is no target.
    sides = [m.span(side) for m in WARS_SIDES.finditer(reading.text, reading.doc.start, lead_end) for side in "ab"]
    named = [g for g in groups if not g.roles and g.spans[0][0] < lead_end and tuple(g.spans[0]) not in sides]
    if len(named) == 1:
        start, end = named[0].spans[0]
        named[0].roles.append(GroupRole("target", "confirmed", "named in the lead", [span_list(start, end)]))


def _reported_by_a_state(reading: Reading, claims):
    """Each figure of this event that a state's forces give, with those forces."""
    for claim in claims:
        if claim.earlier_event or not claim.min or not claim.claimant_spans:
            continue
        group = reading.group_at(*claim.claimant_spans[0])
        if group is not None and reading.group_kind(group) == "state_force":
            yield claim, group


def _roles_of_own_losses(reading: Reading, claims):
    """ "..., killing two soldiers and wounding two others, the Syrian army said": a state's forces that report
    losses among security forces, and have no other part, are the target."""
    for claim, group in _reported_by_a_state(reading, claims):
        if claim.category != "security_forces" or _COMMAND.search(group.name):
            continue  # "CENTCOM said twenty American personnel were injured": the command speaks for the forces hit
        # An attacker that reports its own wounded ("Israel's army said six soldiers were wounded in the raid")
        # stays the attacker.
        if not group.roles:
            group.roles.append(GroupRole("target", "confirmed", claim.text, [list(claim.spans[0])]))


def _roles_of_enemy_losses(reading: Reading, claims):
    """ "22 Islamic State militants were killed in an operation, the Iraqi military said": a state's forces that
    report the dead of an armed group, in a report that names no perpetrator, killed them."""
    if any(r.role == "perpetrator" for g in reading.groups for r in g.roles):
        return
    for claim, group in _reported_by_a_state(reading, claims):
        if claim.category == "combatants" and not group.roles:
            group.roles.append(GroupRole("perpetrator", "claimed", claim.text, [list(claim.spans[0])]))
            return


# Attackers a report names only by what they were: "Gunmen shot dead four members", "an attack by “unknown assailants”",
# "two gunmen who targeted a KFC branch". One gunman is a person, not a group.
_QUALIFIED = r"(?:unidentified|unknown|masked|armed|local|suspected)(?:,\s*|\s+and\s+|\s+)"
_UNNAMED = rf"(?:{_QUALIFIED})*(?:gunmen|assailants|attackers)|(?:{_QUALIFIED})+men"
_UNNAMED_ATTACKER = re.compile(
    rf"\bby\s+[“\"]?(?P<after_by>{_UNNAMED})\b|\b(?P<agent>{_UNNAMED})[”\"]?\s+(?:who\s+|had\s+|have\s+|then\s+)?"
    r"(?:killed|shot|opened\s+fire|attacked|stormed|ambushed|targeted|kidnapped|abducted|executed|fired|gunned|kill|raided)\b",
    re.IGNORECASE,
)


def _unnamed_attackers(reading: Reading):
    """A report that says what the attackers were ("gunmen killed") before it names any perpetrator: those words
    as a group, unmatched, the perpetrator ("Gunmen shot dead two soldiers ... Security forces later raided")."""
    named = [r.spans[0][0] for g in reading.groups for r in g.roles if r.role == "perpetrator" and r.spans]
    if len(named) < sum(r.role == "perpetrator" for g in reading.groups for r in g.roles):
        return  # a perpetrator known without words to place it
    for match in _UNNAMED_ATTACKER.finditer(reading.text, reading.doc.start, min(named, default=len(reading.text))):
        which = "agent" if match.group("agent") else "after_by"
        start, end = match.span(which)
        if reading.doc.is_background(start) or reading.dated_earlier(start) or reading.group_at(start, end):
            continue
        name = match.group(which)
        role = GroupRole("perpetrator", "confirmed", clean(match.group()), [span_list(*match.span())])
        group = GroupProposal(
            text=name, spans=[span_list(start, end)], name=name, matched=False, roles=[role], kind="unidentified"
        )
        reading.groups.append(group)
        return


# A side of a clash the report names by what it is, up to three words and a force's noun: "armed Druze", "Druze
# militias", "the Harki tribe" (not a count: "dozens of armed men").
_FORCE_NOUN = (
    r"(?:forces|militias?|militiamen|fighters|gunmen|armed\s+men|tribe|tribes|clans?|tribesmen|groups|factions"
    r"|loyalists|remnants|rebels|insurgents|Druze)"
)
_SIDE = rf"(?:the\s+)?(?P<{{}}>(?:(?!of\b)[\w’'-]+\s+){{{{0,3}}}}?{_FORCE_NOUN})\b"
_DESCRIBED_SIDES = re.compile(
    r"\b(?:clash(?:es|ed)?|fighting|battles?|confrontations?)\s+(?:[\w,]+\s+){0,8}?between\s+"
    + _SIDE.format("a")
    + r"\s+and\s+"
    + _SIDE.format("b"),
    re.IGNORECASE,
)


def _described_sides_of_a_clash(reading: Reading):
    """ "Clashes broke out between the General Security Forces and armed Druze": a side no catalogue entry holds,
    named by the words, fights and is fought, as the readers record a clash's sides. The first such clash of this
    event is the one the report is about."""
    for match in _DESCRIBED_SIDES.finditer(reading.text, reading.doc.start):
        if reading.doc.is_background(match.start()) or reading.dated_earlier(match.start()):
            continue
        for side in "ab":
            start, end = match.span(side)
            if reading.group_at(start, end) or reading.group_named_within(start, end):
                continue
            name = match.group(side)
            if any(g.name.lower() == name.lower() for g in reading.groups):
                continue
            cue = [span_list(*match.span())]
            roles = [GroupRole(role, "confirmed", clean(match.group()), cue) for role in ("perpetrator", "target")]
            reading.groups.append(
                GroupProposal(text=name, spans=[span_list(start, end)], name=name, matched=False, roles=roles)
            )
        return


# "The strike killed Abu Taqwa, the leader of Harakat al-Nujaba", "X, a commander of Y, was killed".
_HIT_BEFORE = re.compile(
    r"\b(?:killed|killing|targeted|targeting|assassinated|assassinating|wounded|wounding)\s+(?:[\w.-]+\s+){0,3}$",
    re.IGNORECASE,
)
_HIT_AFTER = re.compile(
    r"^(?:,[^.;]{0,160}?,)?\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:killed|assassinated|wounded|"
    r"injured|targeted)\b",
    re.IGNORECASE,
)


def _roles_of_people_hit(reading: Reading):
    """A person this event killed or targeted makes the group their post is in its target."""
    text = reading.text
    groups = {group.name: group for group in reading.groups}
    for person in reading.people:
        group = groups.get(person.group)
        if group is None or any(role.role == "target" for role in group.roles):
            continue
        for start, end in person.spans:
            if reading.doc.is_background(start) or reading.dated_earlier(start):
                continue
            s_start, s_end = reading.sentence_bounds(start)
            cue = _HIT_BEFORE.search(text, s_start, start) or _HIT_AFTER.match(text[end:s_end])
            if cue:
                offset = 0 if cue.re is _HIT_BEFORE else end
                span = span_list(offset + cue.start(), offset + cue.end())
                group.roles.append(GroupRole("target", "confirmed", clean(cue.group()), [span]))
                break


# "US and other international forces", "U.S. and allied forces": the other forces of the pair.
# "pro-Iranian groups including Lebanon's Hezbollah": one of the groups, its part theirs.
# "PKK/YPG": a slash joins a pair as "and" does.
# "the Ansar al-Tawhid group and the Turkestan Islamic Party": a group's noun may come before "and".
_GROUP_NOUN = r"(?:\s+(?:group|movement|militia|faction))?"
_JOINED_BEFORE = re.compile(
    rf"{_GROUP_NOUN}\s*(?:,\s*)?(?:(?:and|&)\s+(?:the\s+)?(?:other\s+|allied\s+)?|including\s+(?:the\s+|[A-Z]\w+['’]s\s+)?)$"
    r"|/\s*$"
    # "the PKK terrorist group's Syrian branch YPG": a group's own branch shares its part.
    r"|(?:\s+(?:[\w-]+\s+)?(?:group|organi[sz]ation|party|militia|movement))?['’]s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:branch|wing|arm|offshoot|affiliate)\s+(?:the\s+)?$"
)
_JOINED_AFTER = re.compile(rf"^{_GROUP_NOUN}\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?(?:other\s+|allied\s+)?|^\s*/\s*")


def _roles_shared_by_and(reading: Reading):
    """ "against U.S. and Coalition forces", "Kataib Hezbollah and Harakat al-Nujaba fired": two groups
    joined by "and" share the part the words around them give the pair."""
    text = reading.text
    for group, start, end, s_start, s_end in _mentions_of_this_event(reading):
        at = []  # a position inside the mention of the group joined to this one
        if joined := _JOINED_BEFORE.search(text, s_start, start):
            at.append(joined.start() - 1)
        if joined := _JOINED_AFTER.match(text[end:s_end]):
            at.append(end + joined.end())
        for pos in at:
            partner = reading.group_at(pos, pos + 1)
            if partner is None or partner is group:
                continue
            mention = next(m for m in partner.spans if m[0] <= pos < m[1])
            for role in partner.roles:
                in_sentence = all(s_start <= s < s_end for s, _ in role.spans)
                # The part the words give another mention of the partner ("a US airstrike thwarted an attack on
                # a base hosting US and international forces") is not the pair's.
                if role.spans and _nearest_mention(partner, role.spans[0]) != mention:
                    continue
                if in_sentence and not any(r.role == role.role for r in group.roles):
                    group.roles.append(GroupRole(role.role, role.attribution, role.cue, list(role.spans)))


def _nearest_mention(group: GroupProposal, span: list[int]) -> list[int]:
    """The mention of a group nearest the words `span` covers: the one those words are said of."""
    return min(group.spans, key=lambda mention: max(mention[0] - span[1], span[0] - mention[1], 0))


# "clashes between X and Y", "killed in clashes with X": each side fights and is fought.
_CLASH_SIDE = re.compile(
    # "Fierce clashes broke out Wednesday night in the southern province of Sweida between X, supported by its
    # allies, and the “National Guard”".
    r"\b(?:clash(?:es|ed)?|fighting|fights?|fought|battles?|skirmish(?:es)?|gunfight|firefights?)\s+"
    r"(?:(?:[\w()]+,?\s+){0,4}?with|(?:[\w()]+,?\s+){0,12}?between)\s+(?:[^.;“”\"]{0,80}?\s+(?:and|with)\s+)?(?:the\s+)?[“\"]?$",
    re.IGNORECASE,
)
_CLASHED_WITH = re.compile(
    r"\s*(?:\([A-Z]+\)\s*)?(?:(?:have|has|had)\s+)?(?:\w+ly\s+)?(?:clashed|fought|exchanged\s+fire)\s+with\b", re.I
)
# "areas that once saw heavy fighting with ISIS", "to stop fighting between", "recent clashes": not this event.
_NO_CLASH = re.compile(
    r"\b(?:once|saw|seen|witnessed|stop|end|halt|prevent|avoid|recent|previous|earlier|past|prior)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _sides_of_a_clash(reading: Reading):
    """Each side named in this event's clash is perpetrator and target, as the readers record a clash."""
    for group, start, end, s_start, s_end in _mentions_of_this_event(reading):
        # "The SDF have clashed with security forces": the side named before the verb as well as after it.
        cue = _CLASH_SIDE.search(reading.text, s_start, start) or _CLASHED_WITH.match(reading.text, end, s_end)
        if cue and not _NO_CLASH.search(reading.text, s_start, cue.start()):
            words = cue.group().rstrip('“"').rstrip()  # not the opening mark of a quoted name
            for role in ("perpetrator", "target"):
                if not any(r.role == role for r in group.roles):
                    span = span_list(cue.start(), cue.start() + len(words))
                    group.roles.append(GroupRole(role, "confirmed", clean(words), [span]))


def _mentions_of_this_event(reading: Reading):
    """Each group's mentions outside background clauses and sentences dated earlier, with the bounds of
    their sentence: where the words can give a part in this event."""
    for group in reading.groups:
        for start, end in group.spans:
            if not (reading.doc.is_background(start) or reading.dated_earlier(start)):
                yield group, start, end, *reading.sentence_bounds(start)


def _roles_from_words(reading: Reading):
    text = reading.text
    for group, start, end, s_start, s_end in _mentions_of_this_event(reading):
        # "the facility used by X" names the target, not the perpetrator of the strike.
        before = re.sub(r"\b(used|run|operated|controlled|held) by\b", r"\1 of", text[s_start:start])
        # 'targeting a group from the so-called "Saraya al-Jawad" cell': the name's opening mark is no quotation.
        before = re.sub(r"(?:so-called\s+)?[“\"‘]$", "", before)
        after_start = end
        # "X, a network of militias, claimed", "CENTCOM forces, in collaboration with Iraqi forces, carried out".
        if aside := _ASIDE_AFTER.match(text, end, s_end):
            after_start = aside.end()
        after = text[after_start:s_end]
        # Named inside another's description ("X, a network ... affiliated with the IRGC, claimed"):
        # the verb after the description is X's.
        # The description closes after the name with the mark that opened it.
        in_aside = any(opens.search(text[s_start:start]) and closes.match(text[end:s_end]) for opens, closes in _ASIDES)
        for role, attribution, where, pattern in _ROLE_REGEXES:
            if where == "after" and in_aside:
                continue
            segment = {"before": before, "after": after, "around": f"{before}\x00{after}"}[where]
            match = pattern.search(segment)
            if not match:
                continue
            if where == "before":
                if role == "target" and _NOT_OUR_ATTACK.search(segment[max(0, match.start() - 80) :]):
                    continue
                if reading.group_named_within(s_start + match.start(), start):
                    continue
                if (
                    role == "perpetrator"
                    and match.group().startswith("operation")
                    and _SETTING.search(segment, 0, match.start())
                ):
                    continue
                if role == "target" and _AFFILIATE_OF.search(before) and not _THINGS_OF.search(before):
                    continue  # "fighters affiliated with the PKK": the fighters' group, not the PKK, was hit
                if role == "target" and _SPEAKS_AFTER.match(after) and re.search(r",\s*(?:the\s+)?$", before):
                    continue  # "... were killed in an airstrike, Iraqi security forces reported": the source
            if role == "perpetrator" and where == "after" and _OBJECT_OF_ATTACK.search(before):
                continue  # "A roadside bomb targeting an Iraqi army vehicle killed three soldiers": the army was hit
            if role == "perpetrator" and where == "after" and _DEFENSIVE.match(after):
                break
            if role == "perpetrator" and _DENIED.search(before):
                break  # "CENTCOM was quick to deny earlier reports that American forces were behind the blast"
            if where == "around":  # the cue is the words before the name
                cue, span = clean(before[match.start() :]), span_list(s_start + match.start(), start)
            else:
                origin = s_start if where == "before" else after_start
                cue = clean(text[origin + match.start() : origin + match.end()].strip(" '’"))
                span = span_list(origin + match.start(), origin + match.end())
            if not any(r.role == role and r.attribution == attribution for r in group.roles):
                group.roles.append(GroupRole(role, attribution, cue, [span]))
            break
