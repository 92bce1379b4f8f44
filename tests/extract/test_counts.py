"""Counts: one test per rule family, on sentences written for the test."""

from __future__ import annotations

import pytest

from kfr_extract.components import KfrExtractor
from kfr_extract.paths import lexicon_dir


@pytest.fixture(scope="module")
def found(nlp):
    """text -> [(value, unit)], with what counts requires run first, as in the pipeline."""
    extractor = KfrExtractor(["counts"], lexicon_dir())

    def run(text: str, full: bool = False):
        items = extractor.results(nlp(text))["counts"]
        return items if full else [(c.value, c.unit) for c in items]

    return run


def test_digits_and_number_words(found):
    text = (
        "The meeting gathered 28 Member States, 8 international organizations and five observers."
    )
    assert found(text) == [
        (28, "Member States"),
        (8, "international organizations"),
        (5, "observers"),
    ]


def test_compound_number_words_with_digits_in_brackets(found):
    text = "Thirty-two (32) prosecutors and one hundred and twenty police officers were trained."
    assert found(text) == [(32, "prosecutors"), (120, "police officers")]


def test_thousands_separators_scales_and_qualifiers(found):
    out = found(
        "More than 12,500 people fled and an estimated 1.2 million residents stayed.", full=True
    )
    assert [(c.text, c.value, c.unit) for c in out] == [
        ("More than 12,500 people", 12500, "people"),
        ("an estimated 1.2 million residents", 1200000, "residents"),
    ]


def test_hyphenated_durations(found):
    text = "A five-day course opened a 12-month programme after a three-week pause."
    assert found(text) == [(5, "day"), (12, "month"), (3, "week")]


def test_unit_is_the_whole_noun_phrase_with_coordination(found):
    text = (
        "Over 30 senior customs and border police officers attended "
        "with two Interpol liaison experts."
    )
    values = found(text)
    assert values[0][0] == 30 and values[0][1].endswith("officers")
    assert values[1] == (2, "Interpol liaison experts")


def test_money_percentages_and_ordinals_are_not_counts(found):
    text = (
        "A ransom of $3 million and 500,000 naira was paid; "
        "40 percent of cases and the 3rd session."
    )
    assert found(text) == []


def test_money_in_any_currency_name_or_money_scale_is_no_count(found):
    text = ("The family raised 2.5 million meticais and 900,000 kwanzas; where would they "
            "find one crore? Three gold medals and 4 marks were won.")
    assert found(text) == [(3, "gold medals")]


def test_ages_times_and_phone_numbers_are_not_counts(found):
    text = "A 48-year-old engineer, aged 52, called 0803 555 1234 at 10 am."
    assert found(text) == []


def test_identifiers_and_years_are_not_counts(found):
    text = (
        "Under resolution 2396 (2017), Article 12 and the 1970 Convention, the panel met "
        "on 3 May 2019 during COVID-19."
    )
    assert found(text) == []


def test_numbers_in_dates_do_not_count_but_relative_spans_do(found):
    text = "On 5 and 6 June 2020 the hostages, seized three months ago, were freed."
    assert found(text) == [(3, "months")]


def test_nominal_adjectives_and_determiners(found):
    text = (
        "The blast left at least 12 dead; the remaining 40 passengers and these two people escaped."
    )
    assert found(text) == [(12, "dead"), (40, "passengers"), (2, "people")]


def test_partitive_counts(found):
    text = "Four of the victims were children, and 9 of the 30 hostages were women."
    assert found(text) == [(4, "victims"), (9, "hostages"), (30, "hostages")]


def test_bare_number_takes_the_unit_of_the_count_before(found):
    text = "Of the 60 students freed, 45 came from Kaduna and 15 were from Zaria."
    assert found(text) == [(60, "students"), (45, "students"), (15, "students")]


def test_one_in_idioms_is_not_a_count(found):
    text = "One of the officers moved from one camp to another; one suspect remains at large."
    assert found(text) == [(1, "suspect")]


def test_title_case_headline(found):
    assert found("Delegates of 14 Countries Attend Regional Meeting in Dakar") == [
        (14, "Countries")
    ]


def test_offsets_are_grounded(found):
    text = "Nearly 70 judges and 4 prosecutors joined."
    for c in found(text, full=True):
        assert text[c.start_char : c.end_char] == c.text
        assert c.unit in c.text


def test_record_carries_counts(extract):
    record = extract("Experts from 16 countries met in Vienna.")
    assert [(c.value, c.unit) for c in record.counts] == [(16, "countries")]


def test_years_and_leading_zeros_before_nouns_are_not_counts(found):
    text = "A 2021 law took effect at 0900 hours, and 2000 people marched."
    assert found(text) == [(2000, "people")]


def test_hyphen_needs_a_noun_after_it(found):
    text = "They met one-on-one after a two-fold rise; a 25-member team followed."
    assert found(text) == [(25, "member")]


def test_model_names_inside_the_unit(found):
    assert found("Police recovered 2 AK-47 rifles and 150 rounds.") == [
        (2, "AK-47 rifles"),
        (150, "rounds"),
    ]


def test_measures_count_as_the_annotation_rules_say(found):
    text = "The convoy drove 300 km with 2 tonnes of aid inside a 10-km zone and 4 trucks."
    assert found(text) == [(300, "km"), (2, "tonnes"), (10, "km"), (4, "trucks")]


def test_a_dozen_and_scale_words_after_an_indefinite_article(found):
    text = "Gunmen staged at least a dozen raids and two dozen arrests followed."
    assert found(text) == [(12, "raids"), (24, "arrests")]


def test_restated_word_number_is_not_a_percentage(found):
    text = "The course trained thirty (30) border guards and customs officers."
    assert [value for value, _ in found(text)] == [30]


def test_number_opening_a_quoted_name_counts_nothing(found):
    text = 'Members of the "300 Brigade" militia seized four farmers.'
    assert found(text) == [(4, "farmers")]


def test_same_number_of_the_same_thing_is_one_count(found):
    text = "Police freed 22 abducted passengers. The 22 passengers and two drivers were unhurt."
    assert found(text) == [(22, "abducted passengers"), (2, "drivers")]


def test_participle_standing_for_people(found):
    assert found("All three accused were remanded.") == [(3, "accused")]


def test_same_head_with_different_modifiers_stays_two_counts(found):
    text = "Two Malian soldiers and two Nigerien soldiers were captured."
    assert found(text) == [(2, "Malian soldiers"), (2, "Nigerien soldiers")]


def test_coordinated_plural_heads_share_the_number(found):
    assert found("The course trained 18 judges and prosecutors from the region.") == [
        (18, "judges and prosecutors")
    ]


def test_number_inside_a_gang_name_is_not_a_count(found):
    assert found("Police blamed the 700 Bandidos gang for the abduction.") == []


def test_day_and_month_without_a_year_is_not_a_count(found):
    assert found("LIMA, 4 Feb (Reuters) - Police freed three hostages.") == [(3, "hostages")]


# --- news counts (issue 12): sentences written for these tests ---------------------------


def test_a_range_is_one_count_of_its_lower_bound_with_the_range_kept(found):
    counts = found("Residents said between 60 and 70 gunmen came, and 20 to 30 others waited.",
                   full=True)
    assert [(c.text, c.value, c.value_max, c.unit) for c in counts] == [
        ("between 60 and 70 gunmen", 60, 70, "gunmen"), ("20 to 30 others", 20, 30, "gunmen")]


def test_two_numbers_joined_by_and_without_between_stay_two_counts(found):
    assert found("The gang held 12 women and 14 men.") == [(12, "women"), (14, "men")]


def test_a_number_before_a_personal_name_is_no_count(found):
    assert found("One Musa Garba, a trader whose two sons were taken, spoke to us.") == [
        (2, "sons")]


def test_one_other_counts_but_one_of_does_not(found):
    assert found("The policeman and one other victim escaped; one of the guards fled.") == [
        (1, "other victim")]


def test_numbers_inside_names_times_and_magnitudes_are_no_counts(found):
    text = ("Gunmen armed with AK 47 rifles struck the Mile 4 neighbourhood at 11.38 EDT, "
            "hours after a 7.2 earthquake; Canal 2 English television reported it.")
    assert found(text) == []


def test_a_hyphenated_duration_before_a_young_person_is_an_age(found):
    assert found("Among the hostages were an eight-month baby and three women.") == [
        (3, "women")]


def test_units_run_over_hyphenated_modifiers(found):
    text = ("Police arrested 20 kidnap-for-ransom suspects with 12 well-armed officers and "
            "freed three ex-hostages.")
    assert found(text) == [(20, "kidnap-for-ransom suspects"), (12, "well-armed officers"),
                           (3, "ex-hostages")]


def test_distances_are_measures_that_count(found):
    assert found("He was freed in a forest about 20 kilometres from the village.") == [
        (20, "kilometres")]


def test_a_relational_nouns_of_phrase_is_part_of_the_unit(found):
    assert found("Gunmen seized seven members of the clergy on Sunday.") == [
        (7, "members of the clergy")]
    assert found("Two Nigerien employees of a medical charity were freed.") == [
        (2, "Nigerien employees of a medical charity")]
    # a number inside the "of" phrase is a count of its own
    assert found("Five members of the 12 families fled.") == [(5, "members"), (12, "families")]
    # other nouns keep their unit short
    assert found("Police rescued three victims of the attack.") == [(3, "victims")]


def test_others_count_the_unit_of_the_count_before_them(found):
    assert found("Seven passengers have regained freedom, while 23 others remain captive.") == [
        (7, "passengers"), (23, "passengers")]
    assert found("He and 14 others were freed.") == [(14, "others")]  # nothing before


def test_a_plural_modifying_a_plural_is_part_of_the_unit(found):
    assert found("Three cattle ranchers have been kidnapped since April.") == [
        (3, "cattle ranchers")]
    assert found("Gunmen are holding seven construction workers hostage in the forest.") == [
        (7, "construction workers")]


def test_head_of_cattle_and_frequencies(found):
    assert found("We have sold 40 head of cattle.") == [(40, "head of cattle")]
    assert found("The kidnappers call every two days.") == []


def test_of_them_counts_what_them_stands_for(found):
    assert found("The attackers, about eight of them, stormed the church.") == [
        (8, "attackers")]
    assert found("We recorded five kidnappings. Only two of them were solved.") == [
        (5, "kidnappings"), (2, "kidnappings")]


def test_a_breakdown_in_brackets_counts_the_unit_before_it(found):
    assert found("Police made 17 arrests (11 in Spain, 6 in the Netherlands).") == [
        (17, "arrests"), (11, "arrests"), (6, "arrests")]


def test_a_number_compared_with_a_count_counts_the_same_thing(found):
    assert found("The monitor recorded 212 abductions in the first six months of 2025, "
                 "compared with 150 in all of 2024.") == [(212, "abductions"), (6, "months"),
                                                        (150, "abductions")]
    assert found("Officers counted 48 attacks on buses, up from 35 a year earlier.") == [
        (48, "attacks"), (35, "attacks")]
    assert found("The squad played against 11 in the final.") == []  # nothing to compare


def test_an_adverb_before_a_modifier_stays_in_the_unit(found):
    assert found("Troops seized two locally made rifles and 30 heavily armed men fled.") == [
        (2, "locally made rifles"), (30, "heavily armed men")]


def test_a_relative_date_without_a_number_is_never_part_of_a_unit(found):
    assert found("Police logged 31 kidnappings this year, up from 24 last year.") == [
        (31, "kidnappings"), (24, "kidnappings")]
    assert found("Two engineers seized last week were freed.") == [(2, "engineers")]
    assert found("Attacks doubled in the past three years.") == [(3, "years")]


def test_a_hyphenated_number_word_inside_a_unit_is_no_count_of_its_own(found):
    assert found("The gang came in two four-wheel-drive trucks.") == [
        (2, "four-wheel-drive trucks")]
    assert found("Twenty five men and two hundred and fifty soldiers.") == [
        (25, "men"), (250, "soldiers")]


def test_thousands_separated_by_a_space(found):
    assert found("The agency counted 4 000 abductions and 12 500 displaced people.") == [
        (4000, "abductions"), (12500, "displaced people")]


def test_a_24_hour_clock_time_before_hours_is_no_count(found):
    assert found("At 1930 hours the unit stormed the house after 48 hours of watch.") == [
        (48, "hours")]
