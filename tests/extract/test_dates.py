"""Dates: one test per rule family, on sentences written for the test."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfr_extract.components import KfrExtractor
from kfr_extract.paths import lexicon_dir


@pytest.fixture(scope="module")
def resources():
    """The dates extractor alone: text -> its items."""
    extractor = KfrExtractor(["dates"], lexicon_dir())
    return lambda doc: extractor.results(doc)["dates"]


@pytest.fixture(scope="module")
def found(nlp, resources):
    """text -> list of (text, start, end) for the absolute dates, in text order."""

    def run(text: str):
        return [
            (d.text, d.start, d.end)
            for d in resources(nlp(text))
            if not d.relative
        ]

    return run


@pytest.fixture(scope="module")
def mentions(nlp, resources):
    return lambda text: resources(nlp(text))


def values(items):
    return [(start, end) for _, start, end in items]


def test_single_days_in_both_orders(found):
    text = "The talks opened on 14 March 2022 and closed on March 18, 2022."
    assert found(text) == [
        ("14 March 2022", "2022-03-14", "2022-03-14"),
        ("March 18, 2022", "2022-03-18", "2022-03-18"),
    ]


def test_a_year_after_a_spaced_dash_in_a_date_line(found):
    text = "March 11 - 2026 KASSALA\nThe camp was raided on Sunday. Abductions peaked in 2014."
    assert found(text)[0] == ("March 11 - 2026", "2026-03-11", "2026-03-11")


def test_weekday_prefix_ordinal_day_and_abbreviation(found):
    text = (
        "It began on Tuesday, 5 March 2024, after the 2nd of February, 2024 "
        "and before Sept. 9, 2024."
    )
    assert values(found(text)) == [
        ("2024-03-05", "2024-03-05"),
        ("2024-02-02", "2024-02-02"),
        ("2024-09-09", "2024-09-09"),
    ]
    assert found(text)[0][0] == "Tuesday, 5 March 2024"


def test_numeric_and_iso_dates(found):
    text = "Police spoke on Friday (14/7/2023); the report is dated 2023-07-20 and 7/25/2023."
    assert values(found(text)) == [
        ("2023-07-14", "2023-07-14"),
        ("2023-07-20", "2023-07-20"),
        ("2023-07-25", "2023-07-25"),
    ]


def test_day_ranges_share_month_and_year(found):
    text = (
        "The course ran from 3 to 5 October 2019, again 11 \u2013 13 October 2019, "
        "then from November 4-6, 2019 and from 28 November - 2 December 2019."
    )
    assert values(found(text)) == [
        ("2019-10-03", "2019-10-05"),
        ("2019-10-11", "2019-10-13"),
        ("2019-11-04", "2019-11-06"),
        ("2019-11-28", "2019-12-02"),
    ]


def test_range_across_months_and_years(found):
    text = "Missions ran from April 25 to May 12, 2022 and from 28 December 2022 to 3 January 2023."
    assert values(found(text)) == [("2022-04-25", "2022-05-12"), ("2022-12-28", "2023-01-03")]


def test_adjacent_days_joined_by_and_are_one_range(found):
    text = (
        "During May 2018 the team met in Dakar. On 7 and 8 May it trained judges, "
        "and on 31 May and 1 June prosecutors."
    )
    assert values(found(text)) == [
        ("2018-05", "2018-05"),
        ("2018-05-07", "2018-05-08"),
        ("2018-05-31", "2018-06-01"),
    ]


def test_ranges_whose_ends_carry_weekdays(found):
    text = (
        "Gunmen struck during the night of Saturday 14 to Sunday 15 March 2026. "
        "The inquiry sat from Tuesday, 2 June to Friday, 5 June 2026 and from "
        "Monday, July 6 to Wednesday, July 8, 2026."
    )
    assert values(found(text)) == [
        ("2026-03-14", "2026-03-15"),
        ("2026-06-02", "2026-06-05"),
        ("2026-07-06", "2026-07-08"),
    ]


def test_weekday_with_bracketed_day_takes_the_datelines_month(found):
    dated = "BELO HORIZONTE, 12 March 2026 - Police said on Wednesday (11) that a farmer "
    assert found(dated + "taken on Saturday (28) was freed.") == [
        ("12 March 2026", "2026-03-12", "2026-03-12"),
        ("Wednesday (11)", "2026-03-11", "2026-03-11"),
        ("Saturday (28)", "2026-02-28", "2026-02-28"),  # the month before the dateline's
    ]
    # the weekday and the day disagree with every month near the dateline: no date
    assert found(dated + "taken on Monday (3) was freed.")[2:] == []
    # no dateline, no month
    assert found("Police said on Wednesday (11) that the farmer was freed.") == []


def test_distant_days_joined_by_and_are_two_dates(found):
    text = "Hearings were held on 4 March 2020 and 19 April 2020."
    assert values(found(text)) == [("2020-03-04", "2020-03-04"), ("2020-04-19", "2020-04-19")]


def test_month_ranges(found):
    text = (
        "Between February and April 2017 and from October 2016 to early January 2017 attacks rose."
    )
    assert values(found(text)) == [("2017-02", "2017-04"), ("2016-10", "2017-01")]


def test_month_year_and_cued_years(found):
    text = "The unit was set up in June 2015, has trained officers since 2016 and in 2018 expanded."
    assert values(found(text)) == [("2015-06", "2015-06"), ("2016", "2016"), ("2018", "2018")]


def test_year_ranges(found):
    text = "The 2019-2021 cycle and the plan for 2022\u201324 were reviewed."
    assert values(found(text)) == [("2019", "2021"), ("2022", "2024")]


def test_years_in_names_and_identifiers_are_not_dates(found):
    text = (
        "Member States recalled resolution 2178 (2014), the 1979 International Convention "
        "against the Taking of Hostages, Agenda 2030 and Law No. 7 of 2012."
    )
    assert found(text) == []


def test_missing_year_comes_from_context(found):
    text = (
        "ABUJA, 9 September 2021 - The suspects were arrested on 2 September "
        "and charged on September 6."
    )
    assert values(found(text)) == [
        ("2021-09-09", "2021-09-09"),
        ("2021-09-02", "2021-09-02"),
        ("2021-09-06", "2021-09-06"),
    ]


def test_bare_month_needs_a_cue_and_a_year(found):
    text = (
        "Filed on 3 February 2020. Training will begin in October; officers may March past later."
    )
    assert values(found(text)) == [("2020-02-03", "2020-02-03"), ("2020-10", "2020-10")]


def test_no_year_anywhere_gives_no_date(found):
    assert found("The man had been in the country since early June and was freed on 12 July.") == []


def test_month_names_of_other_languages(found):
    assert values(found("Publicado el 20 agosto 2014 y el 3 mars 2015.")) == [
        ("2014-08-20", "2014-08-20"),
        ("2015-03-03", "2015-03-03"),
    ]


def test_non_ascii_digits_are_not_dates(found):
    arabic_indic = "\u0661\u0665 \u0623\u064a\u0627\u0631 \u0662\u0660\u0662\u0665"  # 15 May 2025
    assert found(arabic_indic) == []


def test_relative_expressions_resolve_against_the_dateline(mentions):
    text = (
        "NAIROBI, 4 April 2019 - Officials said today that the group, "
        "active in recent years, met last week."
    )
    rel = [d for d in mentions(text) if d.relative]
    assert [(d.text, d.start, d.end) for d in rel] == [
        ("today", "2019-04-04", "2019-04-04"),
        ("in recent years", None, None),
        ("last week", None, None),
    ]


def test_relative_expressions_without_anchor_carry_no_value(mentions):
    rel = [d for d in mentions("Kidnappings rose last year and again this year.") if d.relative]
    assert [(d.text, d.start, d.precision) for d in rel] == [
        ("last year", None, None),
        ("this year", None, None),
    ]


def test_precision_and_grounded_offsets(nlp, resources):
    text = "Signed on 1 May 2001, revised in May 2005 and in 2010."
    out = resources(nlp(text))
    assert [d.precision for d in out] == ["day", "month", "year"]
    assert all(text[d.start_char : d.end_char] == d.text for d in out)


def test_record_carries_dates(extract):
    record = extract("UNOCT held a meeting from 6 - 8 June 2023 in Rabat.")
    assert [(d.start, d.end) for d in record.dates] == [("2023-06-06", "2023-06-08")]


def test_a_date_inside_a_sentence_is_not_a_dateline(mentions):
    text = "Kidnappers struck on 14 June 2022. Officials said today that the victims were safe."
    today = [d for d in mentions(text) if d.relative]
    assert [(d.text, d.start) for d in today] == [("today", None)]


def test_publishing_line_is_a_dateline(mentions):
    text = "Posted on June 3rd, 2019 by staff. The minister said today that talks resumed."
    today = [d for d in mentions(text) if d.relative]
    assert [(d.text, d.start) for d in today] == [("today", "2019-06-03")]


def test_a_rejected_match_does_not_hide_an_overlapping_one(found):
    text = "Budgets ran June 2023 - May 2024 and 2022-2023."
    assert values(found(text)) == [("2023-06", "2024-05"), ("2022", "2023")]


def test_seasons_and_edges_cue_years_and_months(found):
    text = (
        "Formed in mid-2019, the cell was dismantled in autumn 2020 "
        "and its leader caught in late March."
    )
    assert values(found(text)) == [("2019", "2019"), ("2020", "2020"), ("2020-03", "2020-03")]


def test_relative_expressions_are_flagged_in_the_record(nlp, resources):
    text = "ABUJA, 3 May 2021 - Police said today that the pair, taken three weeks ago, were freed."
    out = resources(nlp(text))
    assert [(d.text, d.start, d.relative) for d in out] == [
        ("3 May 2021", "2021-05-03", False),
        ("today", "2021-05-03", True),
        ("three weeks ago", None, True),
    ]


def test_year_closing_a_capitalised_name_is_not_a_date(found):
    text = "They cited the Protocol on Hostage Rescue of 2004 and met in May 2019."
    assert values(found(text)) == [("2019-05", "2019-05")]


def test_year_after_an_indefinite_article_modifies_a_noun(found):
    text = "The cell, blamed for a 2017 ambush on a convoy, freed 2015 hostages."
    assert values(found(text)) == [("2017", "2017")]


def test_year_after_for_is_a_time_unless_a_name_follows(found):
    text = "Two more courses are planned for 2025 under the Strategy for 2030 Goals."
    assert values(found(text)) == [("2025", "2025")]


# --- messy real-world date lines (generalization round 2) ---------------------------------


def test_spanish_de_joins_day_month_and_year(found):
    assert values(found("Lima, 2 de marzo de 2018. La policía informó del rescate.")) == [
        ("2018-03-02", "2018-03-02")
    ]
    assert values(found("Publicado el 9 de julio del 2020.")) == [("2020-07-09", "2020-07-09")]


def test_clock_time_after_a_date_is_not_a_range_end(found):
    assert values(found("Updated: Nov 3, 2021 - 10:45 AM\nTroops freed two men.")) == [
        ("2021-11-03", "2021-11-03")
    ]


def test_yearless_date_after_a_paragraph_break_takes_the_dateline_year(found):
    text = (
        "Dakar, 4 May 2022 - A course opened today.\n"
        "The minister recalled an attack in August 2019.\n"
        "The course ends on 9 May."
    )
    assert values(found(text))[-1] == ("2022-05-09", "2022-05-09")


def test_yearless_date_in_the_same_paragraph_keeps_the_nearest_year(found):
    text = "Dakar, 4 May 2022 - The cell was formed in March 2019 and struck on 5 April."
    assert values(found(text))[-1] == ("2019-04-05", "2019-04-05")


def test_yearless_day_months_after_the_dateline_is_last_year(found):
    text = "KANO, Feb. 2, 2023 (Reuters) - The men seized on Dec. 30 were freed on Jan. 31."
    assert values(found(text)) == [
        ("2023-02-02", "2023-02-02"),
        ("2022-12-30", "2022-12-30"),
        ("2023-01-31", "2023-01-31"),
    ]


def test_yearless_day_weeks_after_the_dateline_stays_in_its_year(found):
    text = "Accra, 10 May 2023 - The workshop will run from 12 to 14 June."
    assert values(found(text))[-1] == ("2023-06-12", "2023-06-14")


# --- news dates (issue 12): sentences written for these tests ----------------------------


def test_numeric_dates_with_hyphens_as_datelines_write_them(found):
    text = "BAGHDAD, 22-09-2024 \u2014 Gunmen seized two engineers; a 2019-2021 plan failed."
    assert values(found(text)) == [("2024-09-22", "2024-09-22"), ("2019", "2021")]
    assert values(found("Call 0803-12-2019 for details.")) == []  # no date inside a number


def test_numeric_dates_are_day_first_by_default(found):
    assert values(found("The men were seized in Kano, Nigeria, on 4/11/2019.")) == [
        ("2019-11-04", "2019-11-04")]


def test_the_documents_other_numeric_dates_decide_the_order(found):
    text = "Lagos: the lecturers were taken on 4/11/2019 and freed on 13/11/2019."
    assert values(found(text)) == [("2019-11-04", "2019-11-04"), ("2019-11-13", "2019-11-13")]
    text = "Police said the men were taken on 4/11/2019 and freed on 4/23/2019."
    assert values(found(text)) == [("2019-04-11", "2019-04-11"), ("2019-04-23", "2019-04-23")]


def test_the_countrys_convention_decides_when_the_document_does_not(found):
    text = "Police in Zamboanga City, Philippines, said the businessman was taken on 4/11/2019."
    assert values(found(text)) == [("2019-04-11", "2019-04-11")]


def test_old_style_ordinals(found):
    assert values(found("The hostages were released on the 2d June 1923 and the 23d July 1923.")) \
        == [("1923-06-02", "1923-06-02"), ("1923-07-23", "1923-07-23")]


def test_a_month_after_the_dateline_is_last_years(found):
    text = "March 16, 2014\nThe victims, kidnapped in December, were freed. Talks resume in April."
    assert values(found(text)) == [("2014-03-16", "2014-03-16"), ("2013-12", "2013-12"),
                                   ("2014-04", "2014-04")]


def test_last_and_a_month_is_a_date(found):
    text = "February 17, 2011\nThe group claimed an attack last November on a platform."
    assert values(found(text)) == [("2011-02-17", "2011-02-17"), ("2010-11", "2010-11")]


def test_a_year_between_the_and_a_singular_noun_dates_it(found):
    text = "He fought until the historic 2016 peace accord, up from the 2012 level."
    assert values(found(text)) == [("2016", "2016"), ("2012", "2012")]
    assert found("The group freed the 2000 people it held.") == []


def test_a_yearless_month_range_after_between_or_from_is_one_range(found):
    text = ("LAHORE, 3 October 2023 - Police recorded 30 abductions between March and July, "
            "and the curfew ran from June to August.")
    assert values(found(text))[1:] == [("2023-03", "2023-07"), ("2023-06", "2023-08")]


def test_a_month_after_since_or_in_a_present_perfect_is_in_the_past(found):
    text = ("AKURE, 14 January 2025 - Farmers said: “We have been living in fear since "
            "November.” Traders have closed their shops in October.")
    assert values(found(text))[1:] == [("2024-11", "2024-11"), ("2024-10", "2024-10")]


# --------------------------------------------------------------------------------------
# The patterns are tried only where they can start
# --------------------------------------------------------------------------------------

_DATE_TEXTS = [
    "On Tuesday, 6 - 8 June 2023 and 2/11/2019, FY2019-20, 2015-16; between March and May; "
    "in 2019, mid-June 2021, the 2012 level, Act of 2022, 3rd of May, May 3, 2021 - 08:15 PM.",
    "Today, last week, 2 days ago, earlier this month, the following year. 15 de octubre de 2019",
    "A2019 x2019 2019a (2014) 12.05.2020 2020-03-04T10:00 _2019 ２０１９ June1st Dec. 28 Jan. 3",
    "\u212aast week; LAST WEEK; ſeveral days ago; Next Month; 3 Days Ago; x-today",
]


@pytest.fixture(scope="module")
def date_resources():
    from kfr_extract.extract import dates

    return dates.load_resources(lexicon_dir())


def _same_as_full_scan(res, text):
    from kfr_extract.extract.dates import _relative_matches, _starts_of
    from kfr_extract.extract.regex_starts import Starts, matches

    starts = Starts(text)
    for kind, pattern, where in res.patterns:
        fast = [m.span() for m in matches(pattern, text, _starts_of(where, starts, res))]
        assert fast == [m.span() for m in pattern.finditer(text)], (kind, text)
    fast = [(m.span(), m.lastgroup)
            for m in _relative_matches(res, text, starts.at(res.relative_starts))]
    assert fast == [(m.span(), m.lastgroup) for m in res.relative.finditer(text)], text


@pytest.mark.parametrize("text", _DATE_TEXTS)
def test_patterns_tried_at_their_starts_match_as_a_full_scan(date_resources, text):
    _same_as_full_scan(date_resources, text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["1", "2", "0", "9", "20", "19", "June", "Jun.", "May", "of",
                                 "Tuesday", "Monday,", "mid", "early", "late", "end", "between",
                                 "last", "week", "ago", "the", "today", "-", "/", ".", ",", " ",
                                 "  ", "\n", "x", "é", "a", "and", "to", "de", "st", "th",
                                 "octubre", "Dec.", "Sept", "Août"]), max_size=25))
def test_patterns_tried_at_their_starts_match_as_a_full_scan_fuzzed(date_resources, parts):
    _same_as_full_scan(date_resources, "".join(parts))
