"""Money: amounts, currencies by sign, word and country, ranges and roles, on sentences
written for the test."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kfr_extract.components import KfrExtractor
from kfr_extract.paths import lexicon_dir


@pytest.fixture(scope="module")
def found(nlp):
    """text -> [(text, value, currency, role)], with places run first as in the pipeline."""
    extractor = KfrExtractor(["money"], lexicon_dir())

    def run(text: str):
        return [(m.text, m.value, m.currency, m.role)
                for m in extractor.results(nlp(text))["money"]]

    return run


def test_naira_signs_and_scales(found):
    text = ("Kidnappers in Kaduna State, Nigeria asked for N2.5 million, then N40m; the family "
            "paid ₦1,500,000.")
    assert found(text) == [
        ("N2.5 million", 2_500_000, "NGN", "ransom_demanded"),
        ("N40m", 40_000_000, "NGN", "ransom_demanded"),
        ("₦1,500,000", 1_500_000, "NGN", "ransom_paid"),
    ]


def test_dollar_is_us_unless_another_is_named(found):
    text = "The kidnappers in Port Moresby demanded $266,000 and later 50,000 Australian dollars."
    assert [(v, c) for _, v, c, _ in found(text)] == [(266_000, "USD"), (50_000, "AUD")]


def test_amounts_written_as_in_their_countries(found):
    assert [(t, v, c) for t, v, c, _ in found(
        "In Songkhla, Thailand, the gang asked a 200,000-baht ransom; in Asunción, Paraguay, "
        "600 million guaraníes; in San Fernando, Trinidad, TT$300,000; in Lahore, Pakistan, "
        "police recovered Rs 3,40,000."
    )] == [
        ("200,000-baht", 200_000, "THB"),
        ("600 million guaraníes", 600_000_000, "PYG"),
        ("TT$300,000", 300_000, "TTD"),
        ("Rs 3,40,000", 340_000, "PKR"),
    ]


def test_shared_names_take_the_document_country(found):
    philippines = "Abductors in Zamboanga, Philippines, released the boy after 30,000 pesos."
    mexico = "Police in Monterrey, Mexico, said the gang demanded 2 million pesos."
    assert found(philippines)[0][1:3] == (30_000, "PHP")
    assert found(mexico)[0][1:3] == (2_000_000, "MXN")


def test_letters_stand_for_the_local_currency(found):
    png = "Gunmen in Port Moresby, Papua New Guinea, demanded K3.5 million for the hostages."
    philippines = "In Jolo, Philippines, the Abu Sayyaf wanted P10 million for the pair."
    pakistan = "The kidnappers in Karachi, Pakistan demanded Rs5 million from the family."
    assert found(png)[0][1:3] == (3_500_000, "PGK")
    assert found(philippines)[0][1:3] == (10_000_000, "PHP")
    assert found(pakistan)[0][1:3] == (5_000_000, "PKR")


def test_cfa_francs_by_country(found):
    cameroon = "In Bamenda, Cameroon, separatists demanded FCFA 6million for the teachers."
    senegal = "Kidnappers near Dakar, Senegal, asked for 10 million CFA francs."
    assert found(cameroon) == [("FCFA 6million", 6_000_000, "XAF", "ransom_demanded")]
    assert found(senegal)[0][1:3] == (10_000_000, "XOF")


def test_unknown_country_leaves_a_shared_sign_unknown(found):
    assert found("The gang asked for Rs 200,000.")[0][1:3] == (200_000, None)


def test_spaced_thousands_and_iso_codes(found):
    text = "The project received €320 000 from the EU and USD 15,000 from a foundation."
    assert found(text) == [
        ("€320 000", 320_000, "EUR", "other"),
        ("USD 15,000", 15_000, "USD", "other"),
    ]


def test_ranges_are_two_items(found):
    text = "The gang demanded between N50m and N100m, and in another case $1-2 million."
    assert [(v, c) for _, v, c, _ in found(text)] == [
        (50_000_000, "NGN"), (100_000_000, "NGN"), (1_000_000, "USD"), (2_000_000, "USD")]


def test_not_money(found):
    text = "About 5% of 300 hostages were freed; the AK47 rifles and 12 top officials too."
    assert found(text) == []


def test_refusal_and_other_amounts_are_not_payments(found):
    text = ("The family refused to pay the N5 million ransom the kidnappers demanded. "
            "The state gave N2 million to the hospital that treated the victim.")
    roles = [r for *_, r in found(text)]
    assert roles[0] != "ransom_paid"
    assert roles[1] == "other"


def test_money_is_not_a_count(extract):
    record = extract("Bandits demanded 500,000 naira for the 12 passengers they abducted.")
    assert [(c.value, c.unit) for c in record.counts] == [(12, "passengers")]
    assert [(m.value, m.currency) for m in record.money] == [(500_000, "NGN")]


def test_word_amounts_and_named_dollars(found):
    text = ("In Bamenda, Cameroon, the abductors demanded a billion CFA francs; "
            "another gang wanted 170,000 U.S. dollars.")
    assert [(t, v, c) for t, v, c, _ in found(text)] == [
        ("a billion CFA francs", 1_000_000_000, "XAF"),
        ("170,000 U.S. dollars", 170_000, "USD"),
    ]


def test_a_qualifier_in_the_text_picks_a_shared_currency(found):
    text = "A Mexican actor was freed after his family paid 30,000 pesos to the kidnappers."
    assert found(text)[0][1:3] == (30_000, "MXN")


def test_a_payment_asked_for_or_not_made_is_a_demand(found):
    asked = "The bandits called the headmaster, asking him to pay N110m as ransom."
    unpaid = "The girl was killed after her family failed to pay a ransom of $63,000."
    total = "They demanded N1 million per head, totaling N26 million as ransom."
    assert [r for *_, r in found(asked)] == ["ransom_demanded"]
    assert [r for *_, r in found(unpaid)] == ["ransom_demanded"]
    assert [r for *_, r in found(total)] == ["ransom_demanded", "ransom_demanded"]


def test_an_amount_beyond_a_float_is_no_amount(found, extract):
    """400 digits are infinite as a float, which JSON cannot carry: no item, a valid record."""
    from kfr_extract.models import Record

    text = "Kidnappers in Lagos demanded $" + "9" * 400 + " and later N5 million."
    assert [v for _, v, _, _ in found(text)] == [5_000_000]
    record = extract(text)
    assert Record.model_validate_json(record.model_dump_json()) == record


def test_the_record_refuses_an_infinite_amount():
    from pydantic import ValidationError

    from kfr_extract.models import Money

    with pytest.raises(ValidationError):
        Money(text="$x", start_char=0, end_char=2, value=float("inf"), currency="USD")


# --------------------------------------------------------------------------------------
# The number pattern is tried only where it can match
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def money_resources():
    from kfr_extract.extract import money

    return money.load_resources(lexicon_dir())


def _same_as_full_scan(res, text):
    from kfr_extract.extract.money import _number_starts
    from kfr_extract.extract.regex_starts import matches

    starts = _number_starts(text, res)
    fast = [(m.span(), m.groupdict()) for m in matches(res.numbers, text, starts)]
    assert fast == [(m.span(), m.groupdict()) for m in res.numbers.finditer(text)], text


@pytest.mark.parametrize("text", [
    "They asked for five million naira, then 1,500,000.50 and 320 000 CFA; 1.500.000 pesos, "
    "2.5 and 40. A billion CFA francs; one hundred thousand dollars; AN ONE MILLION; ٣٠٠ birr",
    "No scale words here: five kidnapped, 12.5.2020, 3,000 and 4 000 000 and x7.",
])
def test_numbers_tried_at_their_starts_match_as_a_full_scan(money_resources, text):
    _same_as_full_scan(money_resources, text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["1", "20", "500", ",000", ".5", " ", "\xa0", "-", "a", "an",
                                 "five", "Five", "hundred", "million", "Thousand", "bn", "x",
                                 "and", "\n", "٣", ".", ","]), max_size=20))
def test_numbers_tried_at_their_starts_match_as_a_full_scan_fuzzed(money_resources, parts):
    _same_as_full_scan(money_resources, "".join(parts))


def test_a_currency_in_the_countrys_own_language(found):
    text = "In Cabo Delgado, Mozambique, the kidnappers asked for 3 million meticais."
    assert found(text) == [("3 million meticais", 3_000_000, "MZN", "ransom_demanded")]


def test_a_sign_only_the_local_press_writes(found):
    south_africa = ("Police in Pretoria, South Africa, said the gang wanted R20-million and "
                    "took a first payment of R180 000.")
    guatemala = "In Quetzaltenango, Guatemala, the captors lowered their demand to Q750,000."
    assert [(v, c) for _, v, c, _ in found(south_africa)] == [
        (20_000_000, "ZAR"), (180_000, "ZAR")]
    assert found(guatemala)[0][1:3] == (750_000, "GTQ")


def test_a_letter_sign_counts_only_in_its_country(found):
    kenya = "In Nairobi, Kenya, the kidnappers asked for Q400,000 and R90 000."
    nigeria_road = "Police in Lagos, Nigeria, found the car on the N1 near the toll gate."
    assert found(kenya) == []
    assert found(nigeria_road) == []


def test_press_signs_for_pounds_and_zimbabwe_gold(found):
    egypt = "In Cairo, Egypt, the family was offered LE150,000 in compensation."
    zimbabwe = "Detectives in Bulawayo, Zimbabwe, recovered ZiG 8 400 from the suspects."
    assert found(egypt)[0][:3] == ("LE150,000", 150_000, "EGP")
    assert found(zimbabwe)[0][:3] == ("ZiG 8 400", 8_400, "ZWG")


def test_a_sign_the_press_table_gives_is_not_guarded(found):
    text = "In Antigua, Guatemala, the family paid Q90,000, about US$11,500."
    assert [(v, c) for _, v, c, _ in found(text)] == [(90_000, "GTQ"), (11_500, "USD")]
