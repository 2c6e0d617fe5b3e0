"""The stance a quotation takes (claims, denies, threatens, justifies, condemns, confirms, describes),
guessed from cue words in it and in the reporting words around it."""

import re

_STANCE_CUES = {
    "claims": r"claim(?:ed|s|ing)? responsibility|took responsibility|we (?:targeted|attacked|struck|launched|hit|shot)"
    r"|our (?:[\w-]+ )?(?:fighters|mujahideen|forces|drones|units|heroes) (?:targeted|attacked|struck|hit|surrounded|"
    r"ambushed|shot down|destroyed)|claimed (?:the|an|a) (?:attack|"
    r"strike)"
    r"|said (?:it|they) (?:had )?(?:targeted|attacked|launched|carried out)|neutrali[sz]ed",
    "denies": r"\bden(?:y|ies|ied|ying)\b|not (?:involved|responsible|behind)|no (?:role|involvement|link|connection)"
    r"|nothing to do with|baseless|fabricat|false (?:claims?|reports?|allegations?)|did not (?:carry out|target|launch)"
    r"|rejects? (?:the )?(?:accusation|allegation|claim)|\bfalse\b|untrue|\blies\b",
    "threatens": r"retaliat|revenge|avenge|will respond|will not go unanswered|will pay|pay (?:a|the) (?:heavy |high )?price"  # noqa: E501
    r"|regret|\bvow|will continue|will target|will strike|will hit|reserve[sd]? the right|consequences|all options"
    r"|\bwe will\b|will be met|warn(?:ed|s|ing)?\b|no leniency|(?:be )?held accountable|hold (?:\w+ ){0,3}accountable"
    r"|bring (?:\w+ ){0,3}to justice|will (?:pursue|hunt)|(?:receive|face) an? (?:\w+ )?(?:response|retaliation)"
    r"|continu(?:e|ing) to (?:\w+ly )?(?:pursue|hunt|target|strike)|eliminate them|will defend"
    r"|will be (?:arrested|punished|pursued)|until the last|wherever they (?:are|may be|hide)"
    # "to eradicate terrorism at its roots", "until there is not a single terrorist left", "pursuing these cells until
    # they are completely dismantled".
    r"|eradicat|at (?:its|their) (?:source|roots?)\b|until there is not a single"
    r"|until they are (?:\w+ly )?(?:dismantled|eliminated|eradicated|defeated)|continue striking",
    # A crime named as the attack ("this heinous crime", "a criminal act"), not the police's word for a suspect
    # ("the criminal elements", "the crime rate").
    "condemns": r"condemn|denounc|unjustified|violation|violates|flagrant|blatant|outrage|unacceptable"
    r"|(?:this|these|what|heinous|horrific|terrorist|brutal|cowardly|war|ugly|abhorrent|atrocious|such)\s+crimes?\b"
    r"|criminal\s+(?:act|attacks?|aggression|operation|bombing|assault|targeting)"
    r"|aggression|heinous|cowardly|terrorist act|infringement|breach|sovereignty|deplor|reckless"
    r"|threaten\w* (?:the )?(?:\w+ )?(?:security|stability)|destabili[sz]|offen[cs]e to|insult|accus"
    r"|contrary to (?:all )?(?:\w+ )?(?:law|legal|norms|principles)"
    r"|(?:full|complete) responsibility for|end (?:its|their) silence|stop (?:these|the|such) (?:\w+ )?attacks"
    r"|spread(?:ing)? chaos|\bat risk\b|(?:deeply|gravely|seriously) concerned|not acceptable|pretext"
    r"|desperate attempt|undermin\w* (?:\w+ ){0,2}(?:security|stability)",
    "justifies": r"self[- ]defen[cs]e|\bresponse to|responsible for (?:\w+ ){0,3}attacks|to protect|to defend"
    r"|legitimate target|right to defend|necessary|proportionate|\bdeter(?:s|red|rence|rent)?\b|threat to|lawful"
    r"|in defen[cs]e of|disrupt\w* (?:\w+['’]?s? ){0,3}ability|degrade|most dangerous|enduring defeat"
    r"|\bresist(?:ing|ance against)\b"
    # The aim or the rule an act served: "in order to preserve the lives of civilians", "in line with engagement rules",
    # "as part of the pursuit of drug-traffickers".
    r"|in order to|in line with|in accordance with|as part of the (?:pursuit|fight|war|campaign) (?:of|against)",
    # "We can't confirm that the truck was bombed": no confirmation.
    "confirms": r"(?<!not )(?<!n't )(?<!n’t )(?<!cannot )(?<!unable to )confirm|\bkilled\b|were killed|was killed"
    r"|\bstruck\b|destroyed|\bhit\b|death toll|casualties|\bdeaths? of\b|martyred"
    r"|were harmed|were injured|were wounded|\bdead\b|passed away|mourns|condolences|\bdeaths and\b",
}
_STANCE_PATTERNS = {stance: re.compile(cues, re.IGNORECASE) for stance, cues in _STANCE_CUES.items()}
STANCE_ORDER = ["claims", "denies", "threatens", "justifies", "condemns", "confirms", "describes"]


def guess_stance(quote: str, context: str = "") -> tuple[str, list[str]]:
    """The stance a quotation most likely takes, and the cue words behind the guess.

    Cues in the quotation weigh twice those in its frame (the reporting words around it:
    "denounced the strike, calling it..."). Ties go to the more specific stance.
    """
    scores: dict[str, int] = {}
    cues: set[str] = set()
    score_stances(quote, 2, scores, cues)
    score_stances(context, 1, scores, cues, frame=True)
    return best_stance(scores, cues)


def score_stances(text: str, weight: int, scores: dict[str, int], cues: set[str], frame: bool = False):
    """Add each stance's cues in `text`, `weight` each. In a quotation's frame a toll ("were killed") is the
    report's own account, not what the speaker confirms: there the confirming cues do not count."""
    for stance, pattern in _STANCE_PATTERNS.items():
        if frame and stance == "confirms":
            continue
        for match in pattern.finditer(text):
            scores[stance] = scores.get(stance, 0) + weight
            cues.add(match.group().lower())


def best_stance(scores: dict[str, int], cues: set[str]) -> tuple[str, list[str]]:
    if not scores:
        return "describes", []
    best = max(scores.values())
    return next(s for s in STANCE_ORDER if scores.get(s) == best), sorted(cues)
