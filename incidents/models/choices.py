"""Code lists. Where a list maps onto ACLED or UCDP GED codes, the comment gives the code."""

from django.db import models


class SourceKind(models.TextChoices):
    NEWS_AGENCY = "news_agency", "News agency"
    NEWS_OUTLET = "news_outlet", "Newspaper or broadcaster"
    GOVERNMENT = "government", "Government or military"
    ARMED_GROUP_MEDIA = "armed_group_media", "Armed group media"
    NGO = "ngo", "NGO or international organisation"
    SOCIAL_MEDIA = "social_media", "Social media"
    LOCAL_SOURCES = "local_sources", "Local sources"
    DATASET = "dataset", "Research dataset"  # ACLED, UCDP GED as sources of imported claims
    OTHER = "other", "Other"


class GroupKind(models.TextChoices):
    STATE_FORCE = "state_force", "State force"  # ACLED inter 1 (or 8 outside its country)
    STATE_ALIGNED_MILITIA = "state_aligned_militia", "State-aligned militia"
    NON_STATE = "non_state", "Non-state armed group"  # ACLED inter 2-4
    DESIGNATED_TERRORIST = "designated_terrorist", "Designated terrorist organisation"
    COALITION = "coalition", "Coalition or umbrella"
    UNIDENTIFIED = "unidentified", "Unidentified armed group"
    OTHER = "other", "Other"


class RoleKind(models.TextChoices):
    LEADER = "leader", "Leader"
    COMMANDER = "commander", "Commander"
    SPOKESPERSON = "spokesperson", "Spokesperson"
    MEMBER = "member", "Member"
    OFFICIAL = "official", "Official"
    OTHER = "other", "Other"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"  # UCDP date_prec 1; ACLED time_precision 1
    DAYS = "days", "Span of 2-6 days"  # UCDP date_prec 2
    WEEK = "week", "Week"  # UCDP date_prec 3; ACLED time_precision 2
    MONTH = "month", "Month"  # UCDP date_prec 4; ACLED time_precision 3
    YEAR = "year", "Year"  # UCDP date_prec 5


class LocationPrecision(models.TextChoices):
    EXACT = "exact", "Exact location"  # UCDP where_prec 1
    TOWN = "town", "Town or its outskirts"  # ACLED geo_precision 1
    NEAR = "near", "Near a named place"  # UCDP where_prec 2; ACLED geo_precision 2
    DISTRICT = "district", "District (centroid)"  # UCDP where_prec 3
    GOVERNORATE = "governorate", "Governorate (centroid)"  # UCDP where_prec 4; ACLED geo_precision 3
    REGION = "region", "Larger region"  # UCDP where_prec 5
    COUNTRY = "country", "Country (centroid)"  # UCDP where_prec 6
    WATER = "water", "Water or airspace"  # UCDP where_prec 7
    UNKNOWN = "unknown", "Not located"


class EventType(models.TextChoices):
    # ACLED event_type, with its exact wording as the label.
    BATTLES = "battles", "Battles"
    REMOTE_VIOLENCE = "remote_violence", "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians", "Violence against civilians"
    PROTESTS = "protests", "Protests"
    RIOTS = "riots", "Riots"
    STRATEGIC_DEVELOPMENTS = "strategic_developments", "Strategic developments"


class SubEventType(models.TextChoices):
    # ACLED sub_event_type, with its exact wording as the label.
    ARMED_CLASH = "armed_clash", "Armed clash"
    GOVERNMENT_REGAINS_TERRITORY = "government_regains_territory", "Government regains territory"
    NON_STATE_OVERTAKES_TERRITORY = "non_state_overtakes_territory", "Non-state actor overtakes territory"
    CHEMICAL_WEAPON = "chemical_weapon", "Chemical weapon"
    AIR_DRONE_STRIKE = "air_drone_strike", "Air/drone strike"
    SUICIDE_BOMB = "suicide_bomb", "Suicide bomb"
    SHELLING_MISSILE = "shelling_missile", "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE = "remote_explosive", "Remote explosive/landmine/IED"
    GRENADE = "grenade", "Grenade"
    SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence"
    ATTACK = "attack", "Attack"
    ABDUCTION = "abduction", "Abduction/forced disappearance"
    PEACEFUL_PROTEST = "peaceful_protest", "Peaceful protest"
    PROTEST_WITH_INTERVENTION = "protest_with_intervention", "Protest with intervention"
    EXCESSIVE_FORCE = "excessive_force", "Excessive force against protesters"
    VIOLENT_DEMONSTRATION = "violent_demonstration", "Violent demonstration"
    MOB_VIOLENCE = "mob_violence", "Mob violence"
    AGREEMENT = "agreement", "Agreement"
    ARRESTS = "arrests", "Arrests"
    CHANGE_TO_GROUP = "change_to_group", "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "disrupted_weapons_use", "Disrupted weapons use"
    HEADQUARTERS_ESTABLISHED = "headquarters_established", "Headquarters or base established"
    LOOTING = "looting", "Looting/property destruction"
    NON_VIOLENT_TRANSFER = "non_violent_transfer", "Non-violent transfer of territory"
    OTHER = "other", "Other"


SUB_EVENT_TYPES = {
    EventType.BATTLES: [
        SubEventType.ARMED_CLASH,
        SubEventType.GOVERNMENT_REGAINS_TERRITORY,
        SubEventType.NON_STATE_OVERTAKES_TERRITORY,
    ],
    EventType.REMOTE_VIOLENCE: [
        SubEventType.CHEMICAL_WEAPON,
        SubEventType.AIR_DRONE_STRIKE,
        SubEventType.SUICIDE_BOMB,
        SubEventType.SHELLING_MISSILE,
        SubEventType.REMOTE_EXPLOSIVE,
        SubEventType.GRENADE,
    ],
    EventType.VIOLENCE_AGAINST_CIVILIANS: [
        SubEventType.SEXUAL_VIOLENCE,
        SubEventType.ATTACK,
        SubEventType.ABDUCTION,
    ],
    EventType.PROTESTS: [
        SubEventType.PEACEFUL_PROTEST,
        SubEventType.PROTEST_WITH_INTERVENTION,
        SubEventType.EXCESSIVE_FORCE,
    ],
    EventType.RIOTS: [SubEventType.VIOLENT_DEMONSTRATION, SubEventType.MOB_VIOLENCE],
    EventType.STRATEGIC_DEVELOPMENTS: [
        SubEventType.AGREEMENT,
        SubEventType.ARRESTS,
        SubEventType.CHANGE_TO_GROUP,
        SubEventType.DISRUPTED_WEAPONS_USE,
        SubEventType.HEADQUARTERS_ESTABLISHED,
        SubEventType.LOOTING,
        SubEventType.NON_VIOLENT_TRANSFER,
        SubEventType.OTHER,
    ],
}


class Means(models.TextChoices):
    AIR_STRIKE = "air_strike", "Air strike (manned aircraft)"
    DRONE = "drone", "Drone"
    ROCKET = "rocket", "Rocket"
    BALLISTIC_MISSILE = "ballistic_missile", "Ballistic missile"
    CRUISE_MISSILE = "cruise_missile", "Cruise missile"
    ARTILLERY = "artillery", "Artillery or mortar"
    IED = "ied", "IED or landmine"
    SMALL_ARMS = "small_arms", "Small arms"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


class ParticipationRole(models.TextChoices):
    # ACLED's actor1/actor2 carry no direction; we record it.
    PERPETRATOR = "perpetrator", "Perpetrator"
    TARGET = "target", "Target"
    ASSOCIATED_PERPETRATOR = "associated_perpetrator", "Associated perpetrator"  # ACLED assoc_actor_1
    ASSOCIATED_TARGET = "associated_target", "Associated target"  # ACLED assoc_actor_2
    # UCDP's side_a and side_b of state-based and non-state fighting: parties, neither one the
    # perpetrator (in one-sided violence side A is the perpetrator and civilians the target).
    SIDE_A = "side_a", "Party (side A)"
    SIDE_B = "side_b", "Party (side B)"


class Attribution(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CLAIMED = "claimed", "Claimed by the group"
    ATTRIBUTED = "attributed", "Attributed by a source"
    ALLEGED = "alleged", "Alleged"


class CasualtyCategory(models.TextChoices):
    ALL = "all", "All people (total)"
    CIVILIANS = "civilians", "Civilians"  # UCDP deaths_civilians
    COMBATANTS = "combatants", "Members of an armed group"  # UCDP deaths_a / deaths_b
    SECURITY_FORCES = "security_forces", "Security forces or service members"
    UNKNOWN = "unknown", "Unknown status"  # UCDP deaths_unknown


class CasualtyOutcome(models.TextChoices):
    KILLED = "killed", "Killed"
    INJURED = "injured", "Injured"
    MISSING = "missing", "Missing or abducted"


class Stance(models.TextChoices):
    CLAIMS = "claims", "Claims responsibility"
    DENIES = "denies", "Denies"
    CONDEMNS = "condemns", "Condemns"
    CONFIRMS = "confirms", "Confirms"
    JUSTIFIES = "justifies", "Justifies"
    THREATENS = "threatens", "Threatens retaliation"
    DESCRIBES = "describes", "Describes"


class LinkKind(models.TextChoices):
    RETALIATION_FOR = "retaliation_for", "Retaliation for"
    FOLLOW_UP_TO = "follow_up_to", "Follow-up to"
    SAME_OPERATION = "same_operation", "Part of the same operation as"
    DUPLICATE_OF = "duplicate_of", "Duplicate of"


class Dataset(models.TextChoices):
    ACLED = "acled", "ACLED"
    UCDP = "ucdp", "UCDP GED"
    GTD = "gtd", "GTD"
    AIRWARS = "airwars", "Airwars"
    OTHER = "other", "Other"
