"""The extractor on the demo's seed report, with the lexicon build_lexicon reads from the demo data."""

import pytest

from extraction.extract import extract
from extraction.lexicon import Lexicon, build_lexicon
from incidents.demo import REPORT_FILE, load_demo
from tests.extraction.scoring import by_name, spans_of

US, NUJABA = "United States Armed Forces", "Harakat al-Nujaba"


@pytest.fixture
def demo_lexicon(db) -> Lexicon:
    load_demo()
    return build_lexicon()


@pytest.fixture
def seed(demo_lexicon):
    text = REPORT_FILE.read_text(encoding="utf-8")
    return text, extract(text, demo_lexicon)


def test_seed_incident_date_and_time(seed):
    text, proposal = seed
    incident = proposal.incident_date
    assert (incident.start, incident.end, incident.precision) == ("2024-01-04", "2024-01-04", "day")
    assert (incident.time_utc, incident.time_approximate) == ("09:00", True)
    assert text[slice(*incident.time_spans[0])] == "about 0900 GMT"
    assert {text[s:e] for s, e in incident.spans} == {"Thursday", "Thursday's"}
    december = next(d for d in proposal.dates if d.start == "2023-12-01")
    assert (december.end, december.precision, december.role) == ("2023-12-31", "month", "earlier")
    assert text[slice(*december.spans[0])] == "Last month"


def test_seed_place_is_eastern_baghdad(seed):
    text, proposal = seed
    baghdad = by_name(proposal.places, "Baghdad")
    assert baghdad.matched and baghdad.kind == "populated_place" and baghdad.qualifier == "eastern"
    assert (baghdad.governorate, baghdad.governorate_code, baghdad.country) == ("Baghdad", "IQ-BG", "Iraq")
    assert baghdad.latitude == pytest.approx(33.34, abs=0.01) and baghdad.longitude == pytest.approx(44.40, abs=0.01)
    assert "eastern Baghdad" in {text[s:e] for s, e in baghdad.spans}
    assert [(p.name, p.kind) for p in proposal.places] == [
        ("Baghdad", "populated_place"),
        ("Iraq", "country"),
        ("Syria", "country"),
        ("Gaza", "populated_place"),  # "Israel's campaign in Gaza"
    ]
    iraq = by_name(proposal.places, "Iraq")
    # "a move condemned by Iraq's government" is the state acting; "in Iraq and Syria" places it.
    assert {text[s:e] for s, e in iraq.spans} == {"Iraq"}
    assert text.index("Iraq's government") not in {s for s, _ in iraq.spans}
    assert text.index("in Iraq and Syria") + 3 in {s for s, _ in iraq.spans}
    assert iraq.country_code == "IQ" and iraq.latitude is None


def test_seed_groups_are_matched_with_their_roles(seed):
    text, proposal = seed
    names = [g.name for g in proposal.groups]
    assert {US, NUJABA, "Islamic State", "Iran-aligned militias (unidentified)"} == set(names)
    assert all(g.matched and g.id for g in proposal.groups)
    us, nujaba = by_name(proposal.groups, US), by_name(proposal.groups, NUJABA)
    assert {text[s:e] for s, e in us.spans} >= {"U.S. military"}
    assert {text[s:e] for s, e in nujaba.spans} >= {"Harakat al Nujaba", "Nujaba militia"}
    assert [(r.role, r.attribution) for r in us.roles] == [("perpetrator", "confirmed")]
    assert [r.role for r in nujaba.roles] == ["target"]
    assert (proposal.event_type.perpetrator, proposal.event_type.target) == (US, NUJABA)
    assert (proposal.event_type.event_type, proposal.event_type.sub_event_type) == (
        "remote_violence",
        "air_drone_strike",
    )


def test_seed_people_with_their_roles(seed):
    _, proposal = seed
    al_jawari = by_name(proposal.people, "Mushtaq Jawad Kazim al-Jawari")
    assert (al_jawari.role_kind, al_jawari.group) == ("leader", NUJABA)
    ryder = by_name(proposal.people, "Patrick Ryder")
    assert (ryder.title, ryder.role, ryder.role_kind, ryder.body) == (
        "Major General",
        "Pentagon spokesperson",
        "spokesperson",
        "Pentagon",
    )
    al_moussawi = by_name(proposal.people, "Abu Aqeel al-Moussawi")
    assert (al_moussawi.role, al_moussawi.role_kind) == ("local Iraqi militia commander", "commander")
    assert all(p.matched for p in proposal.people)


def test_seed_casualty_claims(seed):
    text, proposal = seed
    claims = [(c.outcome, c.category, c.min, c.max, c.claimant) for c in proposal.casualty_claims]
    assert claims == [
        ("killed", "combatants", 2, 2, "the Pentagon"),
        ("harmed", "civilians", 0, 0, "Pentagon"),
        ("killed", "all", 4, 4, "Police and militia sources"),
        ("injured", "security_forces", 3, 3, ""),
    ]
    pentagon = proposal.casualty_claims[0]
    assert pentagon.group == NUJABA and pentagon.claimant_person == "Patrick Ryder"
    assert [text[s:e] for s, e in pentagon.spans] == [
        "killed a militia leader",
        "killed one other Harakat al Nujaba member",
    ]
    assert proposal.casualty_claims[2].confirmed_by == ["Health sources"]
    assert proposal.casualty_claims[3].earlier_event


def test_seed_statements(seed):
    text, proposal = seed
    ryder, spokesperson, al_moussawi = proposal.statements
    assert ryder.quote.startswith(
        "The strike also killed one other Harakat al Nujaba member. No civilians were harmed."
    )
    assert (ryder.speaker, ryder.speaker_is_person, ryder.body) == ("Patrick Ryder", True, "Pentagon")
    assert ryder.stance in ("describes", "confirms") and len(ryder.spans) == 2
    assert spokesperson.quote == "unjustified attack on an Iraqi security entity"
    assert spokesperson.speaker == "military spokesperson for Iraqi Prime Minister Mohammed Shia al-Sudani"
    assert (spokesperson.speaker_is_person, spokesperson.stance) == (False, "condemns")
    assert al_moussawi.quote.startswith("We will retaliate and make the Americans regret")
    assert (al_moussawi.speaker, al_moussawi.stance) == ("Abu Aqeel al-Moussawi", "threatens")
    for statement in proposal.statements:
        assert text[slice(*statement.spans[0])].startswith(("“", '"'))


def test_seed_means(seed):
    _, proposal = seed
    assert [m.means for m in proposal.means] == ["drone", "rocket"]


def test_every_span_points_at_its_text(seed):
    text, proposal = seed
    data = proposal.as_dict()
    for field in ("dates", "places", "groups", "people", "casualty_claims", "statements", "means"):
        for item in data[field]:
            assert item["text"] in {text[s:e] for s, e in item["spans"]}, (field, item["text"])
            for start, end in spans_of(item):
                assert 0 <= start < end <= len(text)


@pytest.mark.django_db
def test_build_lexicon_reads_everything_in_few_queries(django_assert_max_num_queries):
    load_demo()
    with django_assert_max_num_queries(7):
        lexicon = build_lexicon()
    assert {c.name for c in lexicon.countries} >= {"Iraq", "Syria", "Jordan", "Turkey"}
    assert any(p.name == "Baghdad" and p.governorate_code == "IQ-BG" for p in lexicon.places)
    assert any(g.name == NUJABA and "Nujaba militia" in g.aliases for g in lexicon.groups)
    assert any(p.name == "Patrick Ryder" and "Major General Patrick Ryder" in p.aliases for p in lexicon.people)
    assert len(lexicon.governorates) == 32


@pytest.mark.django_db
def test_a_governorates_seat_bears_the_governorates_names():
    """ "Sweida" is a name the gazetteer gives the province only; the town of that name bears it too."""
    load_demo()
    lexicon = build_lexicon()
    assert {c.tag for c in lexicon.lookup("sweida")} == {"place", "governorate"}
    proposal = extract("date 2025-10-09\nClashes hit the north of Sweida city and Sweida province.", lexicon)
    assert sorted((p.name, p.kind) for p in proposal.places) == [
        ("As-Suwayda", "governorate"),
        ("As-Suwayda", "populated_place"),
    ]
