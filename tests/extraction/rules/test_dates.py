"""Rules on dates, days, times and the role of a date, each fitting a class of sentences seen in real reports."""

from tests.extraction.rules.lexicons import _claims, dated, run, state_roles


def test_a_day_given_with_its_source_is_when_the_source_spoke():
    assert dated(
        "A base came under a drone attack, according to local sources on Sunday. It was hit late Saturday."
    ) == [
        ("2024-06-23", "statement"),
        ("2024-06-22", "incident"),
    ]
    assert dated("The service on Monday announced that two guards were killed on Sunday.") == [
        ("2024-06-24", "statement"),
        ("2024-06-23", "incident"),
    ]


def test_a_day_and_month_looked_ahead_to_is_the_next_one():
    assert dated("Ahead of the elections on May 14, the army is expected to step up its raids.", "2023-05-05") == [
        ("2023-05-14", "other")
    ]
    assert dated("The strike on May 14 killed two.", "2023-05-20") == [("2023-05-14", "incident")]


def test_a_day_of_last_year_and_an_abbreviated_month_without_a_space():
    assert dated(
        "A strike hit Damascus on Wednesday. Strikes have gone on since the war began on October 7 last year.",
        "2024-11-14",
    ) == [("2024-11-13", "incident"), ("2023-10-07", "earlier")]
    assert dated("A strike hit Damascus on Saturday. The war, which erupted on Oct.7, could spread.", "2023-12-03") == [
        ("2023-12-02", "incident"),
        ("2023-10-07", "earlier"),
    ]


def test_a_time_in_us_eastern_time_is_converted_with_daylight_saving():
    summer = run("On August 9 at about 5 p.m. ET, a drone attacked the base.", "2024-08-10").dates[0]
    winter = run("On January 9 at about 5 p.m. ET, a drone attacked the base.", "2024-01-10").dates[0]
    assert (summer.time_utc, winter.time_utc) == ("21:00", "22:00")
    late = run("On August 9 at 9 p.m. EDT, a drone attacked the base.", "2024-08-10").dates[0]
    assert late.time_utc == "01:00" and "the day after" in late.time_note


def test_the_rules_above_leave_their_look_alikes_alone():
    # Not a date looked ahead to, nor a source's date.
    assert dated("A drone struck a house next to the mosque on June 3, killing two.", "2024-06-10") == [
        ("2024-06-03", "incident")
    ]
    assert dated("According to local sources the strike took place on June 3 near Qaim.", "2024-06-10") == [
        ("2024-06-03", "incident")
    ]
    # Not a target, nor a perpetrator.
    assert state_roles("Syrian government forces launched shells and a house was hit in the town.") == [
        ("Syrian Arab Army", "perpetrator")
    ]
    assert state_roles("Syrian government forces under heavy shelling withdrew from the town.") == []
    # A share is no one person.
    assert _claims("A third of those killed were children, the ministry said.") == []


def test_a_month_of_last_year_and_the_end_year_of_a_span():
    dates = {(d.start, d.end, d.precision) for d in run("The operation began last year in April.").dates}
    assert dates == {("2023-04-01", "2023-04-30", "month")}
    dates = {(d.start, d.precision) for d in run("It held the area in April last year.").dates}
    assert dates == {("2023-04-01", "month")}
    dates = {(d.start, d.end, d.precision) for d in run("The group held the town from 2014 to 2017.").dates}
    assert dates == {("2014-01-01", "2017-12-31", "year")}


def test_a_year_is_the_calendar_year_and_never_the_incidents_date():
    dates = [(d.start, d.end, d.precision, d.role) for d in run("It was the second such attack this year.").dates]
    assert dates == [("2024-01-01", "2024-12-31", "year", "earlier")]
    dates = [(d.start, d.role) for d in run("A drone killed two fighters on Thursday, the deadliest in 2024.").dates]
    assert dates == [("2024-01-04", "incident"), ("2024-01-01", "earlier")]
    # A year ahead ("the withdrawal by 2026") is no earlier event.
    dates = [(d.start, d.role) for d in run("Coalition forces are due to leave Iraq by 2026.").dates]
    assert dates == [("2026-01-01", "other")]


def test_the_day_a_source_condemned_is_a_statements_day():
    dates = run(
        "Iraqi officials on Saturday condemned the strikes. Sixteen fighters were killed in the strikes late Friday.",
        "2024-02-03",
    ).dates
    assert [(d.start, d.role) for d in dates] == [("2024-02-03", "statement"), ("2024-02-02", "incident")]
    dates = run("Iraq's government condemned on Tuesday the US air strikes on its positions.", "2023-12-26").dates
    assert [(d.start, d.role) for d in dates] == [("2023-12-26", "statement")]


def test_the_night_before_the_publication_day_is_the_incident_when_named():
    dates = run(
        "Four militants were killed near Kirkuk, security forces reported on Tuesday. Troops inspected the area on "
        "Tuesday morning. Jets launched two airstrikes late Monday night.",
        "2024-10-15",
    ).dates
    assert [(d.start, d.role) for d in dates] == [("2024-10-15", "statement"), ("2024-10-14", "incident")]


def test_a_datelines_day_is_a_statements_day_and_a_year_naming_an_event_is_earlier():
    assert dated(
        "Beirut, Aug. 30, (dpa/GNA) – At least nine people were killed in clashes on Tuesday, a monitor said.",
        "2023-08-30",
    ) == [("2023-08-30", "statement"), ("2023-08-29", "incident")]
    # A day the text names already is that day, whatever its role.
    assert dated("Beirut, Aug. 29, (dpa/GNA) – Clashes on Tuesday killed nine people.", "2023-08-29") == [
        ("2023-08-29", "incident")
    ]
    assert dated(
        "Jets struck a hideout on Thursday. The valley has sheltered IS remnants since the group’s 2017 defeat.",
        "2025-10-09",
    ) == [("2025-10-09", "incident"), ("2017-01-01", "earlier")]


def test_after_midnight_is_a_part_of_the_day_not_a_time():
    dates = run("The bomb went off after midnight on Wednesday, killing a candidate.", "2025-10-15").dates
    assert [(d.start, d.role, d.time_utc) for d in dates] == [("2025-10-15", "incident", None)]
    dates = run("The bomb went off around midnight on Wednesday, killing a candidate.", "2025-10-15").dates
    assert dates[0].time_utc == "21:00" and dates[0].time_approximate
    # Hedged, "before noon" is still a part of the day.
    dates = run("The drone struck a farm shortly before noon on Wednesday, killing one.", "2025-10-15").dates
    assert [(d.start, d.role, d.time_utc) for d in dates] == [("2025-10-15", "incident", None)]


def test_a_day_after_the_incident_named_once_as_when_a_source_spoke_is_the_statements():
    text = (
        "Four militants were killed in an airstrike on Monday night. The army inspected the site on Tuesday "
        "morning. The army said on Tuesday that the strike hit a hideout."
    )
    dates = run(text, "2024-10-15").dates
    assert [(d.start, d.role) for d in dates] == [("2024-10-14", "incident"), ("2024-10-15", "statement")]
    # A day named only for what happened after the event is another day, not a statement's.
    dates = run(text.replace(" The army said on Tuesday that", " The army said"), "2024-10-15").dates
    assert [(d.start, d.role) for d in dates] == [("2024-10-14", "incident"), ("2024-10-15", "other")]


def test_a_day_restated_in_brackets_keeps_the_role_of_the_day_before_it():
    dates = run(
        "Prime Minister Mohammed al-Sudani confirmed the development on Friday (March 14). US forces carried out "
        "a precision airstrike on March 13.",
        published="2025-03-15",
    ).dates
    assert [(d.start, d.role) for d in dates] == [("2025-03-14", "statement"), ("2025-03-13", "incident")]


def test_a_day_planned_ahead_is_the_next_and_a_passive_report_dates_its_event():
    assert dated(
        "Turkish drones struck Qamishli on Friday. The administration has announced plans to hold municipal "
        "elections June 11. Earlier, airstrikes against oil sites were reported on Wednesday evening.",
        published="2024-05-31",
    ) == [("2024-05-31", "incident"), ("2024-06-11", "other"), ("2024-05-29", "earlier")]


def test_a_24_hour_clock_after_at_is_local_time():
    incident = run(
        "“At exactly 17:22 this afternoon, the enemy carried out strikes on our sites,” the source said on Wednesday.",
        "2023-09-13",
    ).dates[0]
    assert (incident.role, incident.time_utc, incident.time_approximate) == ("incident", "14:22", False)
    # A score or a ratio is no time, nor is a clock without "at".
    assert run("The vote was 17:22 on Wednesday against the motion.", "2023-09-13").dates[0].time_utc is None


def test_a_day_more_than_a_month_before_publication_is_an_earlier_event():
    dates = run(
        "Islamic State lost the town on March 1, 2017. Two soldiers were killed in a raid there, officials said "
        "Sunday.",
        "2023-06-26",
    ).dates
    assert [(d.start, d.role) for d in dates] == [("2017-03-01", "earlier"), ("2023-06-25", "statement")]


def test_a_part_of_the_month_over_by_publication_is_an_earlier_event():
    assert dated("A student was shot dead on Monday. In early April, another student was killed.", "2025-04-28") == [
        ("2025-04-28", "incident"),
        ("2025-04-01", "earlier"),
    ]


def test_the_day_named_for_the_attack_itself_is_the_incidents():
    assert dated(
        "Seven militants were killed in an earlier airstrike, security forces said on Sunday. An Iraqi airstrike on "
        "Friday targeted their positions. Troops arrived at the site on Sunday to inspect it.",
        "2025-02-02",
    ) == [("2025-02-02", "statement"), ("2025-01-31", "incident")]


def test_a_separate_attack_opening_a_sentence_is_another_event():
    assert dated(
        "Two drones targeted the garrison on Thursday. A separate drone attack on Wednesday night targeted the "
        "airbase.",
        "2023-10-20",
    ) == [("2023-10-19", "incident"), ("2023-10-18", "earlier")]
    # "A similar strike on Monday killed three": another of its kind.
    assert dated(
        "A Turkish drone strike killed two fighters near the border of the region Wednesday, officials said. "
        "A similar strike on Monday killed three fighters.",
        "2023-03-01",
    ) == [("2023-03-01", "incident"), ("2023-02-27", "earlier")]


def test_a_hedged_local_time_keeps_its_hedge_for_the_gmt_in_brackets():
    dates = run(
        "The attack took place at around 1:45 a.m. on Wednesday (2245 GMT on Tuesday), SANA said.", "2023-10-25"
    )
    incident = next(d for d in dates.dates if d.role == "incident")
    assert (incident.time_utc, incident.time_approximate) == ("22:45", True)


def test_last_years_october_7_is_that_day_of_the_year_before():
    assert dated("Israel has ramped up such raids since last year's October 7 attack.", "2024-10-17") == [
        ("2023-10-07", "earlier")
    ]


def test_overnight_before_a_weekday_is_that_days_night():
    # "overnight Saturday into Sunday", a background strike, is no night before the incident's Tuesday.
    assert dated(
        "Unidentified drones struck radar systems at two bases in Iraq early Tuesday, security sources said. "
        "The United States hit nuclear facilities in Iran overnight Saturday into Sunday.",
        "2025-06-24",
    ) == [("2025-06-24", "incident"), ("2025-06-21", "earlier"), ("2025-06-22", "earlier")]


def test_a_year_listed_after_another_set_in_brackets_or_naming_an_event_after_its_words():
    for sentence, years in (
        ("IS was declared defeated in Iraq and Syria in 2017 and 2019 respectively.", ["2017", "2019"]),
        ("Turkey ran operations such as Olive Branch (2018) in the north.", ["2018"]),
        ("Mines remain from the 1991 Gulf War and the 2003 U.S.-led invasion.", ["1991", "2003"]),
        ("He was the brother of a leader killed in a 2020 coalition strike.", ["2020"]),
    ):
        found = dated(f"Jets struck a hideout on Thursday. {sentence}", "2025-10-09")
        assert [start[:4] for start, role in found if role == "earlier"] == years, sentence


def test_the_day_someone_urged_is_a_statements():
    text = (
        "Gunmen attacked a journalist's car in Baghdad on Thursday. The Committee to Protect Journalists on Monday "
        "urged the authorities to find the attackers."
    )
    assert [(d.start, d.role) for d in run(text, "2024-02-27").dates] == [
        ("2024-02-22", "incident"),
        ("2024-02-26", "statement"),
    ]
    text = "Israel shelled Koya on Thursday. Trump, in a post on his platform last Monday, urged Israel to talk."
    assert ("2025-12-01", "statement") in [(d.start, d.role) for d in run(text, "2025-12-05").dates]


def test_a_statement_is_dated_by_the_day_its_sentence_says_it_was_said():
    found = run(
        "A drone struck a car near Sinjar on Saturday. The Defense Ministry said on Monday: "
        '"The strike killed two militants in the car." "We will pursue the rest of the cell," the ministry said. '
        '"It was a cowardly act," a local official told AFP.',
        "2024-06-25",
    ).statements
    assert [(s.speaker, s.said_on) for s in found] == [
        ("Defense Ministry", "2024-06-24"),
        # The same speaker's next quotation was said that day too.
        ("Defense Ministry", "2024-06-24"),
        # The text names no day for this one: the review page shows the publication day.
        ("local official", ""),
    ]


def test_a_day_that_names_an_event_is_not_when_someone_spoke():
    found = run('"The strikes hit the group," an official said, as the PKK claimed Wednesday\'s attack.', "2024-10-25")
    assert [s.said_on for s in found.statements] == [""]
    assert [(d.start, d.role) for d in found.dates] == [("2024-10-23", "incident")]


def test_a_statement_is_dated_by_the_day_an_earlier_sentence_says_its_speaker_spoke():
    found = run(
        "Six PKK members were neutralized in the Claw-Lock zone, the defence ministry said on Monday. "
        'The operations will go on. "We will continue until the last terrorist is gone," the ministry added.',
        "2023-10-31",
    ).statements
    assert [s.said_on for s in found] == ["2023-10-30"]
