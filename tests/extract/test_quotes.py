"""Quotes: finding quotations and attributing them, on sentences written for the test."""

from __future__ import annotations

import pytest

from kfr_extract.extract.quoting import after_paragraph_number, find_quoted
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def quotes(extract):
    """text -> [(quote text, speaker)]; a headline line first, as in real reports."""

    def run(body: str):
        record = extract("Officials meet on kidnapping\n" + body)
        names = {s.name for s in record.speakers}
        assert all(q.speaker in names for q in record.quotes if q.speaker)
        return [(q.text, q.speaker) for q in record.quotes]

    return run


def test_curly_and_straight_marks_pair_within_a_paragraph():
    text = 'He said “one thing” and "another thing" today.'
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["one thing", "another thing"]


def test_mark_left_open_runs_to_the_end_of_its_paragraph():
    text = "“First part of the quotation.\n“Second part.” he said."
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == [
        "First part of the quotation.",
        "Second part.",
    ]
    assert found[0].close_mark is None


def test_interrupted_quotation_is_two_quotes_with_one_speaker(quotes):
    out = quotes(
        'Ms. Laura Chen, Minister of Justice, addressed the meeting. "We have made '
        'progress," she said, "but much remains to be done."'
    )
    assert out == [
        ("We have made progress,", "Laura Chen"),
        ("but much remains to be done.", "Laura Chen"),
    ]


def test_colon_introduction(quotes):
    out = quotes(
        "Colonel David Okafor said: “We will pursue the kidnappers until every hostage is home.”"
    )
    assert out == [("We will pursue the kidnappers until every hostage is home.", "David Okafor")]


def test_speech_verb_before_the_quotation(quotes):
    out = quotes(
        "Mr. Steven Ross, Deputy Director of the Centre, stressed that “responses must "
        "respect human rights to be effective over time”."
    )
    assert out == [("responses must respect human rights to be effective over time", "Steven Ross")]


def test_following_pronoun_resolves_to_the_latest_speaker(quotes):
    out = quotes(
        "Ms. Mary Wanjiru described the operation. Mr. Tom Odhiambo praised the "
        "officers.\n“The hostages were found in a forest camp,” he noted.\n“They were tired "
        "but unharmed,” she added."
    )
    assert out == [
        ("The hostages were found in a forest camp,", "Tom Odhiambo"),
        ("They were tired but unharmed,", "Mary Wanjiru"),
    ]


def test_quotation_continued_in_the_next_paragraph(quotes):
    out = quotes(
        'Superintendent James Brown said: "The gang demanded a ransom of two million.\n\n'
        '"We refused to negotiate and the victim was rescued safely."'
    )
    assert [speaker for _, speaker in out] == ["James Brown", "James Brown"]


def test_continued_quotation_takes_the_attribution_of_its_last_part(quotes):
    out = quotes(
        "Relief groups have struggled to reach the area.\n\n"
        "\u201cWe talk to every village chief.\n\n"
        "\u201cBut we will never pay,\u201d the envoy, Marco Rossi, told reporters."
    )
    assert [speaker for _, speaker in out] == ["Marco Rossi", "Marco Rossi"]


def test_a_term_after_a_naming_verb_is_a_label_not_a_quote(quotes):
    out = quotes(
        'The militia calls its abductions "tax collection" and the army describes it as '
        'a "terrorist" group. Colonel Ana Ruiz said the term was "an insult to victims".'
    )
    assert out == [("an insult to victims", "Ana Ruiz")]


def test_paragraph_opening_quotation_attributed_by_a_following_clause(quotes):
    out = quotes(
        "The state governor, Aminu Bello, received the rescued students.\n“We are working "
        "with the communities to bring everyone home,” the governor said."
    )
    assert out == [("We are working with the communities to bring everyone home,", "Aminu Bello")]


def test_attribution_by_title(quotes):
    out = quotes(
        "General Rafael Soto, director of the Anti-Kidnapping Police, opened the event.\n"
        "The police commander told reporters that it is necessary to bring “more forensic "
        "science into every kidnapping investigation.”"
    )
    assert out == [("more forensic science into every kidnapping investigation.", "Rafael Soto")]


def test_unattributed_second_quotation_inherits_from_the_first(quotes):
    out = quotes(
        '"Kidnapping thrives on silence," said Ms. Irene Molina of the Branch. '
        '"States must stop paying."'
    )
    assert out == [
        ("Kidnapping thrives on silence,", "Irene Molina"),
        ("States must stop paying.", "Irene Molina"),
    ]


def test_non_person_sources_give_a_null_speaker(quotes):
    out = quotes(
        "Mr. Ali Hassan told reporters that the talks had ended.\n“Such acts benefit "
        "nobody in the region,” the ministry said in a statement.\n“Putting an end to "
        "them is important for stability.”"
    )
    assert out == [
        ("Such acts benefit nobody in the region,", None),
        ("Putting an end to them is important for stability.", None),
    ]


def test_themes_titles_and_scare_quotes_are_not_quotes(quotes):
    out = quotes(
        'The National Police held a seminar under the theme "Building Resilience Together" '
        "in Lima. Participants attended a workshop on “countering the financing of "
        "terrorism by criminal groups” and a session titled “Negotiation in Practice”. "
        'They mapped the "kidnapping terrain" and read the "Hostage Response Manual".'
    )
    assert out == []


def test_short_fragment_after_a_reporting_verb_is_a_quote(quotes):
    out = quotes("The captors said in a statement that the man was freed as a “goodwill gesture”.")
    assert out == [("goodwill gesture", None)]


def test_offsets_index_the_text(extract):
    record = extract('Title\n"We will not pay ransoms," said Mr. Karl Berg.')
    for q in record.quotes:
        assert record.text[q.start_char : q.end_char] == q.text


def test_short_punctuated_utterance_is_a_quote_but_so_called_term_is_not(quotes):
    out = quotes(
        'Mr. Brian Otieno spoke next. "Families need answers," he said. Police said the '
        'so-called "express kidnappings" were rising.'
    )
    assert out == [("Families need answers,", "Brian Otieno")]


def test_quoted_as_saying_attributes_the_quotation(quotes):
    out = quotes(
        "Abdul Karim told reporters that his sister was safe. Governor Peter Obi was quoted "
        'as saying: "We did everything to avoid bloodshed."'
    )
    assert out == [("We did everything to avoid bloodshed.", "Peter Obi")]


def test_indefinite_title_names_nobody_known(quotes):
    out = quotes(
        'Mr. Karl Berg, director of the police academy, opened the course. "The suspects '
        'were caught at the border," a police spokesman said.'
    )
    assert out == [("The suspects were caught at the border,", None)]


def test_dev_reports_parse_and_quote_only_known_speakers(extract):
    """Real reports (read from the shared evaluation folder, never copied here)."""
    paths = sorted((SHARED / "eval" / "dev").glob("*.txt"))
    if not paths:
        pytest.skip("shared evaluation set not present")
    for path in paths:
        record = extract(path.read_text(encoding="utf-8", errors="replace"))
        assert record.status == "ok", path.name
        names = {s.name for s in record.speakers}
        assert {q.speaker for q in record.quotes} - {None} <= names, path.name


def test_closing_shaped_mark_used_to_open():
    text = "He said ”we will return” and left."
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["we will return"]


def test_quotation_after_a_reported_statement_in_its_paragraph(quotes):
    out = quotes(
        'Mr. Karl Berg said the talks had failed. "We tried everything we could."\n'
        '"Nobody will pay," a relative told the newspaper.'
    )
    assert out == [("We tried everything we could.", "Karl Berg"), ("Nobody will pay,", None)]


def test_on_introduces_a_title_after_a_noun_but_not_after_a_verb(quotes):
    out = quotes(
        "Ms. Ana Silva commented on “the lack of coordination among agencies in the "
        "region”. She also chaired a seminar on “preventing the financing of terrorism "
        "through ransom payments”."
    )
    assert out == [("the lack of coordination among agencies in the region", "Ana Silva")]


def test_active_quoted_as_saying_names_the_object(quotes):
    body = (
        "The spokesman, Inspector Musa Adamu, said the victims were safe.\n"
        'He quoted the state commissioner, Bello Garba, as saying, "We will not relent."\n'
    )
    assert quotes(body) == [("We will not relent.", "Bello Garba")]


# --- news attribution (issue 12): sentences written for these tests --------------------


def test_single_curly_marks_are_quotations():
    text = "‘We walked at night,’ Bako said. ‘I never knew if we would live.’"
    assert [text[q.start : q.end] for q in find_quoted(text)] == [
        "We walked at night,", "I never knew if we would live."]


def test_apostrophes_and_plural_possessives_do_not_close_a_single_quotation():
    text = "‘The farmers’ land was taken and we don’t know why,’ she said."
    found = find_quoted(text)
    assert [text[q.start : q.end] for q in found] == [
        "The farmers’ land was taken and we don’t know why,"]


def test_single_marks_inside_a_double_quotation_are_left_to_it():
    text = "“He told us ‘stay inside’ and left,” she said."
    assert [text[q.start : q.end] for q in find_quoted(text)] == [
        "He told us ‘stay inside’ and left,"]


def test_straight_single_marks_of_plain_text_copies_are_quotations():
    text = "'We didn't sleep,' Ms Oduya said. 'The herders' cattle were everywhere.'"
    assert [text[q.start : q.end] for q in find_quoted(text)] == [
        "We didn't sleep,", "The herders' cattle were everywhere."]


def test_straight_apostrophes_alone_open_no_quotation():
    text = "The farmers' union said the village's road was closed and they'd left."
    assert find_quoted(text) == []


def test_straight_single_quoted_speech_is_attributed_and_scare_quotes_are_not(quotes):
    out = quotes(
        "Wanjiku Oduya, a nurse at the clinic, said the militia ran a so-called 'protection "
        "economy' in the area.\n"
        "'They come every week and we pay,' she said. 'Nobody is safe here.'"
    )
    assert out == [("They come every week and we pay,", "Wanjiku Oduya"),
                   ("Nobody is safe here.", "Wanjiku Oduya")]


def test_single_quoted_paragraphs_are_attributed(quotes):
    out = quotes(
        "Tunde Bakare, a farmer from the village, spoke to reporters on Monday.\n"
        "‘They came at night and took my sons,’ Bakare said. ‘We have nothing left.’"
    )
    assert out == [("They came at night and took my sons,", "Tunde Bakare"),
                   ("We have nothing left.", "Tunde Bakare")]


def test_scare_quoted_epithets_and_counted_labels_are_not_quotations(quotes):
    out = quotes(
        "The police announced the arrest of a ‘notorious’ kidnap suspect in the town.\n"
        'The source said three or four "militants" out of twenty had been freed.'
    )
    assert out == []


def test_a_quoted_modifier_of_a_thing_after_a_speech_verb_stays_a_quotation(quotes):
    out = quotes('The experts stressed the need for a "rigorous" review of the plan.')
    assert out == [("rigorous", None)]


def test_colon_introduction_runs_over_the_following_quoted_paragraphs(quotes):
    body = (
        "In a statement, the spokesman of the state government, Danjuma Okoro, said:\n"
        "“The hostages were freed on Friday. No ransom was paid.\n"
        "“They are in hospital for checks.\n"
        "“The government thanks the security agencies.”\n"
    )
    assert [speaker for _, speaker in quotes(body)] == ["Danjuma Okoro"] * 3


def test_a_clause_ending_on_a_colon_introduces_speech_whatever_its_verb(quotes):
    body = (
        "In his ruling, Justice Peter Mwangi Ouko held:\n\n"
        "“The prosecution proved that the accused shared the ransom money.”\n\n"
        "The court adjourned:\n\n"  # no subject a speaker could be
        "“Sentencing on Monday.”\n"
    )
    assert quotes(body) == [
        ("The prosecution proved that the accused shared the ransom money.", "Peter Mwangi Ouko"),
        ("Sentencing on Monday.", None),
    ]


def test_a_quotation_paragraph_of_its_own_goes_on_with_the_last_speaker(quotes):
    body = (
        "Chinedu Eze, the police spokesman, said two suspects had been arrested.\n"
        "Mr Eze said the ransom was recovered.\n"
        "“Today the command rescued the victims and arrested one of the suspects.”\n"
    )
    assert quotes(body) == [
        ("Today the command rescued the victims and arrested one of the suspects.", "Chinedu Eze")]


def test_role_nouns_resolve_through_abbreviated_ranks_and_role_groups(quotes):
    body = (
        "Brig. Gen. Ramon Cruz, commander of the task force, said the men were found.\n"
        "“They were tired but unharmed,” the general said.\n"
        "Oba Kunle Adeyemi, who was freed on Monday, thanked the police.\n"
        "“I thank God for my life,” the monarch said.\n"
    )
    assert quotes(body) == [("They were tired but unharmed,", "Ramon Cruz"),
                            ("I thank God for my life,", "Kunle Adeyemi")]


def test_a_statement_as_subject_stands_for_the_latest_speaker(quotes):
    body = (
        "The spokesman, Inspector Musa Adamu, confirmed the attack in a statement.\n"
        "Adamu said soldiers had been deployed to the area.\n"
        "“The command urges residents to remain calm,” the statement read.\n"
    )
    assert quotes(body) == [("The command urges residents to remain calm,", "Musa Adamu")]


def test_according_to_an_acronym_of_a_title(quotes):
    body = (
        "The Police Public Relations Officer in the state, SP Halima Yusuf, said the "
        "victims were rescued on Sunday.\n"
        "According to the PPRO, “the gunmen demanded a ransom from the families.”\n"
    )
    assert quotes(body) == [("the gunmen demanded a ransom from the families.", "Halima Yusuf")]


def test_a_clause_after_the_quotation_opening_with_and_is_no_attribution(quotes):
    body = (
        "Opposition leader Femi Adebayo has said Aisha's death \"is a reminder of our "
        'failure," and called for reforms.'
    )
    assert quotes(body) == [("is a reminder of our failure,", "Femi Adebayo")]


def test_the_name_after_a_title_tail_the_parse_attached_elsewhere(quotes):
    body = (
        "Eleven students were freed, as confirmed by the Chief Press Secretary to the Niger "
        "State Governor, Mary Noel Okon.\n"
        "She said: “The children were released by the gunmen.”\n"
    )
    assert quotes(body) == [("The children were released by the gunmen.", "Mary Noel Okon")]


def test_a_pronoun_stands_for_the_titled_subject_of_its_paragraph(quotes):
    body = (
        "The Commissioner of Police, CP Ibrahim Sule, addressed journalists in Warri.\n"
        "The victim's husband, Mr Efe Okoro, said the gang had asked for money.\n"
        "The CP also warned hotel owners against hosting strangers. “Anyone who shelters "
        "kidnappers will be charged,” he warned."
    )
    assert quotes(body) == [("Anyone who shelters kidnappers will be charged,", "Ibrahim Sule")]


def test_a_pronoun_after_an_unnamed_source_names_nobody(quotes):
    body = (
        "Claire Dubois, the charity's director, said the two men were safe.\n"
        "An army officer in the capital, speaking on condition of anonymity, said they had "
        "been held in a forest. “They were moved every week,” he said."
    )
    assert quotes(body) == [("They were moved every week,", None)]


def test_a_traditional_title_from_a_speakers_title_refers_to_that_speaker(quotes):
    body = (
        "The chairman of the council of chiefs and Ewi of Ado, Oba Kunle Adeyemo, condemned "
        "the attack.\n"
        "The police spokesman, SP Musa Ali, said a search was on.\n"
        "“Whoever did this will face the law,” the Ewi said.\n"
        "“We are reviewing the case,” the Council said."
    )
    assert quotes(body) == [("Whoever did this will face the law,", "Kunle Adeyemo"),
                            ("We are reviewing the case,", None)]


def test_the_quoted_name_of_a_project_or_operation_is_no_quotation(quotes):
    out = quotes(
        'The workshop belongs to the UNODC project "Strengthening responses to kidnapping '
        'for ransom", launched in 2023. The army said Operation "Safe corridor" goes on.'
    )
    assert out == []


def test_pronoun_after_a_subject_with_an_apposed_name_is_that_person(quotes):
    out = quotes(
        "Bandits attacked Gwada village in Shiroro Local Government Area of Niger State.\n"
        "A farmer, Ibrahim Gwada, said he hid in the bush. He said, “They took my two sons.”"
    )
    assert out == [("They took my two sons.", "Ibrahim Gwada")]


def test_the_officer_after_an_unnamed_officer_has_no_speaker(quotes):
    out = quotes(
        "Mr Daniel Mwangi, the area chief, said the gunmen came at dawn.\n"
        "A police officer who asked not to be named said the attackers had inside help. "
        "“They knew the compound well,” the officer said."
    )
    assert out == [("They knew the compound well,", None)]


def test_pronoun_after_an_unnamed_relative_has_no_speaker(quotes):
    out = quotes(
        "“We will not rest,” said Governor Ahmed Musa.\n"
        "The hostage’s sister thanked the soldiers in a message. “She is safe at last. "
        "God has answered us,” she wrote."
    )
    assert out[-1] == ("She is safe at last. God has answered us,", None)


def test_the_victim_is_the_person_reported_abducted(quotes):
    out = quotes(
        "A nurse, one Mrs Ada Obi, was abducted from her home in Agbor on Monday.\n"
        "Her husband, Mr Femi Obi, said the kidnappers called him.\n"
        "The victim, who was treated in hospital, told the police: “They beat me every day.”"
    )
    assert out == [("They beat me every day.", "Ada Obi")]


def test_pronoun_after_a_partitive_source_has_no_speaker(quotes):
    out = quotes(
        "The district chief, Omar Farah, said the hostages were freed at dawn.\n\n"
        "One of the released drivers, reached by phone in Garissa, said he was not beaten. "
        '"They gave us water and bread," he said.\n'
    )
    assert out == [("They gave us water and bread,", None)]


def test_pronoun_opening_a_paragraph_after_an_anonymous_source_has_no_speaker(quotes):
    out = quotes(
        "Police spokeswoman Grace Wanjiru said two suspects had been arrested.\n\n"
        "A neighbour of the family, who asked not to be named for fear of reprisals, said "
        "the men came at night.\n\n"
        '"We heard the car and then the shouting," she said.\n'
    )
    assert out == [("We heard the car and then the shouting,", None)]


def test_pronoun_opening_a_paragraph_after_a_named_subject_keeps_that_speaker(quotes):
    out = quotes(
        "Fatima Bello, a teacher at the school, said the pupils were scared.\n\n"
        '"Nobody slept that night," she said.\n'
    )
    assert out == [("Nobody slept that night,", "Fatima Bello")]


@pytest.mark.parametrize("layout", ["\n\n{}\n\n", " {} "])
def test_he_said_after_a_person_introduced_without_a_reporting_verb(quotes, layout):
    body = (
        'Mr. Tomas Brandt, head of the unit, said the course was useful. "It is timely," he '
        "said.\n\nColonel Idrissa Moussa Kanté of the regional centre presented case studies "
        "from the border area." + layout.format("He said:")
        + '"Families pay before the police are even told."'
    )
    assert quotes(body)[-1] == ("Families pay before the police are even told.",
                                "Idrissa Moussa Kanté")


def test_a_general_role_noun_finds_a_rank_or_title_it_covers_further_back(quotes):
    body = (
        "Colonel Pedro Arias Mena said the house had been watched for a week.\n"
        "A neighbour, Rosa Quiroga, said she had heard shots.\n"
        "“We were afraid to open the door,” Quiroga said.\n"
        "“There are more members of the gang and we are looking for them,” the officer added.\n"
        "Father Tomas Lozano said he had visited the families.\n"
        "“They need help, not speeches,” the priest said.\n"
    )
    assert [s for _, s in quotes(body)] == [
        "Rosa Quiroga", "Pedro Arias Mena", "Tomas Lozano"]


def test_a_specific_rank_noun_does_not_take_any_officer(quotes):
    body = (
        "General Hugo Banzer Ruiz said the roads were closed.\n"
        "Inspector Carla Mendes said two suspects were held.\n"
        "“The operation goes on,” the general said.\n"
    )
    assert quotes(body) == [("The operation goes on,", "Hugo Banzer Ruiz")]


def test_role_nouns_of_clerics_elders_and_chiefs(quotes):
    body = (
        "The chairman of the council of imams, Sheikh Omar Dida Roba, condemned the attack.\n"
        "“This is not our faith,” the cleric said.\n"
        "A clan elder, Ugaas Farah Ali Nur, said the elders were negotiating.\n"
        "“They are our sons,” the elder said.\n"
        "The head of the locality, Régulo Armando Nhaca, said the village was empty.\n"
        "“Nobody sleeps at home now,” the régulo said.\n"
    )
    assert [s for _, s in quotes(body)] == ["Omar Dida Roba", "Farah Ali Nur", "Armando Nhaca"]


def test_an_acronym_spelt_out_as_an_organization_is_no_person(quotes):
    body = (
        "The teachers were posted there by the Teachers Service Commission (TSC) in 2023.\n"
        "The chairman of the council, Sheikh Omar Dida Roba, called for their release.\n"
        "In a statement, the TSC said it was “working with the police to bring them home”.\n"
    )
    assert quotes(body) == [("working with the police to bring them home", None)]


def test_the_sultan_said_finds_a_sultan_named_with_the_title(quotes):
    body = (
        "A traditional leader, Sultan Amir Bato Macarambon of Butig, said the elders helped.\n"
        "A village official said the men had moved at night.\n"
        "“Nobody will protect those who harm a teacher,” the sultan said.\n"
    )
    assert quotes(body) == [
        ("Nobody will protect those who harm a teacher,", "Amir Bato Macarambon")]


def test_a_term_named_with_an_indefinite_article_is_no_quotation(quotes):
    body = (
        "The government declared an “internal armed conflict” in January and sent troops.\n"
        "The minister stressed a “rigorous” approach to the gangs, the ministry said.\n"
    )
    assert [t for t, _ in quotes(body)] == ["rigorous"]


def test_role_noun_after_an_inverted_verb_finds_its_titled_speaker(quotes):
    # '"…," added the general': the parse reads the inverted subject as an object
    body = (
        "Brig. Gen. Ramon Dizon Salcedo, commander of the brigade, said the hostages were safe.\n"
        "“They walked out on their own,” Salcedo said.\n"
        "The town mayor, Nestor Lumbay, thanked the residents.\n"
        "“Without them we would still be searching,” the mayor said.\n"
        "“They will receive counseling first,” added the general.\n"
    )
    assert [s for _, s in quotes(body)] == [
        "Ramon Dizon Salcedo", "Nestor Lumbay", "Ramon Dizon Salcedo"]


def test_present_tense_inverted_attribution_with_an_administrative_title(quotes):
    body = (
        "The prefect of the department, Paul Eyong Mbida, confirmed the release.\n"
        "“The State did not pay anything,” explains the prefect.\n"
    )
    assert quotes(body) == [("The State did not pay anything,", "Paul Eyong Mbida")]


@pytest.mark.parametrize("subject", [
    "A vigilante leader in Bakura, Malam Idris Kwaya,",
    "A herder who gave only his first name, Idris,",
])
def test_he_said_goes_to_the_name_set_off_inside_an_unnamed_subject(quotes, subject):
    name = subject.rstrip(",").split(", ")[-1].replace("Malam ", "")
    body = (
        "Police spokesman Garba Aliyu Tanko said the road was reopened.\n"
        f"{subject} said the herders had fled. “We saw them take the boys,” he said.\n"
    )
    assert quotes(body) == [("We saw them take the boys,", name)]


def test_an_abbreviated_rank_finds_the_title_it_abbreviates(quotes):
    body = (
        "“The note warns villagers,” district Superintendent of Police Anil Kumar Rao told "
        "reporters.\n"
        "The victim's wife, Preeti Sharma, appealed for his release. “Let him come home,” "
        "she said.\n"
        "“We expect the release soon,” the SP said.\n"
    )
    assert [s for _, s in quotes(body)] == ["Anil Kumar Rao", "Preeti Sharma", "Anil Kumar Rao"]


def test_a_paragraph_opening_with_narration_does_not_inherit_the_last_speaker(quotes):
    body = (
        "“Networks do not stop at borders,” Commissioner Ana Ruiz Soto said.\n\n"
        "At the end of the workshop, participants adopted recommendations, including a "
        "network of contact points to “exchange information in real time”.\n"
    )
    assert quotes(body)[1] == ("exchange information in real time", None)


def test_a_paragraph_opening_with_a_pronoun_goes_on_with_the_last_speaker(quotes):
    body = (
        "“We are relieved,” said Helen Marsh, the charity's director.\n\n"
        "She declined to say whether a ransom was paid, saying only that the charity "
        "“never comments on a release”.\n"
    )
    assert quotes(body)[1] == ("never comments on a release", "Helen Marsh")


def test_a_given_name_the_tagger_read_as_a_noun_finds_its_speaker(quotes):
    body = (
        "Papua Police spokesperson Sr. Comr. Yohanes Agus Wambrauw said the hostages were "
        "held in the hills.\n\n"
        "“We have identified the group,” Yohanes told reporters in Jayapura.\n"
    )
    assert quotes(body) == [("We have identified the group,", "Yohanes Agus Wambrauw")]


def test_she_skips_a_subject_called_mr_and_a_coordinated_subject(quotes):
    out = quotes(
        "The mayor, Mr Peter Adu, said the session had been short.\n\n"
        "Council spokesperson Hannah Okoro told reporters that the budget was approved.\n\n"
        "Mr Adu and the treasurer, Daniel Mensah, later met the auditors.\n\n"
        '"Every cedi will be accounted for," she said.'
    )
    assert out == [("Every cedi will be accounted for,", "Hannah Okoro")]


def test_he_still_takes_the_subject_of_the_paragraph_before(quotes):
    out = quotes(
        "Ms Ruth Lamptey opened the session.\n\n"
        "Mr Peter Adu told the auditors that the books were in order.\n\n"
        '"Every cedi will be accounted for," he said.'
    )
    assert out == [("Every cedi will be accounted for,", "Peter Adu")]


def test_a_role_noun_after_an_unnamed_source_takes_the_name_given_next(quotes):
    out = quotes(
        "A spokesman for the port authority said the ship had been boarded at night.\n\n"
        '"The crew hid in the engine room until the navy arrived," the spokesman said.\n\n'
        "The spokesman, Tomas Eriksen, added that two pirates had been detained."
    )
    assert out == [("The crew hid in the engine room until the navy arrived,", "Tomas Eriksen")]


def test_a_role_noun_takes_a_fitting_person_named_in_the_next_paragraph(quotes):
    out = quotes(
        "Mrs. Grace Owusu, the driver's wife, told reporters the family had waited all night.\n\n"
        "The commander of the brigade said the camp was found at dawn.\n\n"
        '"We met no resistance at the camp," the general said.\n\n'
        "The brigade commander, Maj. Gen. Samuel Tetteh, added that the hostages were unhurt."
    )
    assert out == [("We met no resistance at the camp,", "Samuel Tetteh")]


def test_a_pronoun_after_a_partitive_source_takes_the_name_given_next(quotes):
    out = quotes(
        "Seven travellers were freed on Monday.\n\n"
        "One of the freed travellers, a nurse at the district hospital, told reporters "
        "that the captives were moved every night.\n\n"
        '"We slept on the ground and ate once a day," she said.\n\n'
        "The nurse, Mrs. Abena Kyei, said she was released on Monday."
    )
    assert out == [("We slept on the ground and ate once a day,", "Abena Kyei")]


def test_a_role_noun_after_an_unnamed_source_named_by_nobody_stays_null(quotes):
    out = quotes(
        "A spokesman for the port authority said the ship had been boarded at night.\n\n"
        '"The crew hid in the engine room," the spokesman said.\n\n'
        "Mr. Tomas Eriksen, a sailor, said the pirates were young."
    )
    assert out == [("The crew hid in the engine room,", None)]


def test_a_noun_written_before_a_name_is_the_role_it_refers_back_to(quotes):
    out = quotes(
        "Mr. Karl Brandt, a farmer, said the harvest was lost.\n\n"
        "Environmental activist Sofia Lindqvist said the river had been poisoned.\n\n"
        '"Nobody has tested the water for a year," the activist said.'
    )
    assert out == [("Nobody has tested the water for a year,", "Sofia Lindqvist")]


def test_the_police_boss_finds_the_police_commander(quotes):
    out = quotes(
        "According to County Police Commander Joseph Wanyama, the attackers fled north.\n\n"
        "Mr. Ali Hassan, a trader, said his shop was looted.\n\n"
        '"We are following them," the police boss said.'
    )
    assert out == [("We are following them,", "Joseph Wanyama")]


def test_a_story_opening_with_a_quotation_names_its_speaker_next(quotes):
    out = quotes(
        "By Staff Reporter\n\n"
        '"Every night I wait for the phone to ring."\n\n'
        "Marta Sousa has lived with that fear since her son was taken in May.\n\n"
        '"They want more than we have," she confides.'
    )
    assert out == [
        ("Every night I wait for the phone to ring.", "Marta Sousa"),
        ("They want more than we have,", "Marta Sousa"),
    ]


def test_a_quotation_after_a_narrated_paragraph_keeps_the_speaker_before(quotes):
    out = quotes(
        "Mr. Paulo Neto, the governor, said on Monday that no ransom would be paid.\n\n"
        '"We will not negotiate with criminals."\n\n'
        "Marta Sousa, a mother of one of the hostages, disagreed."
    )
    assert out == [("We will not negotiate with criminals.", "Paulo Neto")]


def test_she_skips_a_man_whom_an_earlier_he_named(quotes):
    out = quotes(
        "Paz Ondoy, who leads the nurses' association, said the clinic had closed.\n\n"
        '"We waited for guards. None came," Ondoy said.\n\n'
        "Village chief Bruno Sayre said the council would hire watchmen.\n\n"
        '"The money is ready," he said.\n\n'
        '"We will open again on Monday," she said.'
    )
    assert out[-2:] == [("The money is ready,", "Bruno Sayre"),
                        ("We will open again on Monday,", "Paz Ondoy")]


def test_an_unnamed_father_owned_by_an_indefinite_noun_is_nobody(quotes):
    out = quotes(
        "His wife, Salma Khatun, said the family had sold a cow.\n\n"
        '"We have nothing left," she said.\n\n'
        "A fisherman's father, who asked not to be named, said the gang called at night.\n\n"
        '"They made me listen to him crying," he said.'
    )
    assert out[-1] == ("They made me listen to him crying,", None)


def test_a_view_given_with_for_and_a_name_makes_a_speaker(quotes):
    out = quotes(
        "Colonel Marc Ilunga, for his part, announces patrols on the road.\n\n"
        "For Clarisse Mbuyi, head of the market women's group, traders are the first "
        "targets.\n\n"
        '"We no longer travel to the market," she deplores.'
    )
    assert out == [("We no longer travel to the market,", "Clarisse Mbuyi")]


def test_a_shared_two_word_surname_follows_the_honorific(quotes):
    out = quotes(
        "Mr. Samir Ben Ali, a judge, opened the session and said that cooperation mattered.\n\n"
        "Ms. Nadia Ben Ali, a social worker who is not related to the judge, described the "
        "families' needs.\n\n"
        '"Families need one contact," Ms. Ben Ali said.\n\n'
        "Mr. Ben Ali closed the session.\n\n"
        '"We will meet again," he said.'
    )
    assert out == [("Families need one contact,", "Nadia Ben Ali"),
                   ("We will meet again,", "Samir Ben Ali")]


def test_a_role_set_off_after_a_shared_surname_picks_who_had_that_role(quotes):
    out = quotes(
        "Karzan Mala Ali, a trader, was taken near the market.\n\n"
        "His cousin, Shvan Mala Ali, said the family had called the police.\n\n"
        "Karzan Mala Ali said he was kept in a dark room.\n\n"
        "Mala Ali, the cousin, said no money was paid.\n\n"
        '"Not a single dinar," he said.'
    )
    assert out == [("Not a single dinar,", "Shvan Mala Ali")]


def test_present_tense_denounces_makes_a_speaker(quotes):
    out = quotes(
        "The head of the traders' union, Paul Mavungu, denounces the slowness of the police.\n\n"
        '"They came four hours later," he says.'
    )
    assert out == [("They came four hours later,", "Paul Mavungu")]


def test_spanish_comma_style_role_after_the_quotation_finds_the_named_spokesperson(quotes):
    body = (
        "The spokesperson for the port authority, Rosa Elvira Cantú, reported the arrests.\n"
        "“The Navy found the boat near Tampico on Friday”, explained the spokesperson.\n"
    )
    assert quotes(body) == [
        ("The Navy found the boat near Tampico on Friday", "Rosa Elvira Cantú")]


def test_he_stressed_after_a_quotation_whose_words_the_parse_takes_for_a_subject(quotes):
    body = (
        "4. In his opening remarks, Mr. Omar Haddad, Director of the Centre, said that the "
        "region had paid a heavy price.\n\n"
        "“No country can stop this alone. The ransoms paid in one place finance raids in "
        "another,” he stressed.\n"
    )
    assert [s for _, s in quotes(body)] == ["Omar Haddad"]


def test_she_said_goes_to_the_woman_introduced_without_speech_not_the_last_speaker(quotes):
    body = (
        "The head of the traders' union, Bakary Traoré, says the roads are unsafe.\n\n"
        "“Everyone knows we carry cash,” Traoré explained.\n\n"
        "The trader's wife, Aminata Keita, has not left her house since Friday.\n\n"
        "“I cannot eat, I cannot sleep,” she said.\n"
    )
    assert [s for _, s in quotes(body)] == ["Bakary Traoré", "Aminata Keita"]


def test_present_tense_verbs_that_attribute_only_after_the_quotation(quotes):
    body = (
        "The mayor of the commune of Tiéfora, Ousmane Traoré, met us at the town hall.\n\n"
        "“Give the nurses back to the families,” pleads Ousmane Traoré.\n\n"
        "“Some of the mothers will not survive,” he fears.\n"
    )
    assert [s for _, s in quotes(body)] == ["Ousmane Traoré", "Ousmane Traoré"]


def test_a_verb_of_opinion_governing_a_quoted_fragment_names_its_speaker(quotes):
    body = (
        "Analyst Marta Quissanga, of the University of Luanda, considered that the raid is "
        "“a message to the investors” at a time of elections.\n"
    )
    assert quotes(body) == [("a message to the investors", "Marta Quissanga")]


def test_the_statement_of_an_organization_is_nobodys_words(quotes):
    body = (
        "“Nobody here sleeps at night,” said Karim Nazari, a teacher in Kabul.\n\n"
        "The Ministry of Defence said in a statement on Friday that four suspects were held.\n\n"
        "“The army will protect every citizen,” the statement said.\n"
    )
    assert [s for _, s in quotes(body)] == ["Karim Nazari", None]


def test_an_unnamed_source_the_parse_hangs_inside_the_subject_stays_null(quotes):
    body = (
        "Marie Kahindo, president of the women's league, said that women suffer most.\n\n"
        "“Our daughters no longer go to school,” she says.\n\n"
        "Joined by Radio Okapi, a nurse at the Lopa health centre says that two of the "
        "women were pregnant.\n\n"
        "“We are worried for them,” she says.\n"
    )
    assert [s for _, s in quotes(body)] == ["Marie Kahindo", None]


def test_a_numbered_paragraph_opening_with_a_quotation_goes_back_to_the_one_before(quotes):
    body = (
        "1. The seminar on border security took place in Lomé from 2 to 4 March.\n\n"
        "2. Colonel Pierre Dossou, head of the border police, said: \n\n"
        "\u201cOur patrols cannot cover every crossing.\u201d\n\n"
        "3. Dr. Awa Mbengue-Diallo, a researcher at the University of Dakar, presented a "
        "study of ransom payments in the region.\n\n"
        "4. \u201cEvery payment funds the next attack,\u201d she told the participants.\n"
    )
    assert [s for _, s in quotes(body)] == ["Pierre Dossou", "Awa Mbengue-Diallo"]


@pytest.mark.parametrize(("paragraph", "words"), [
    ("8. \u201cWe\u201d", "\u201cWe\u201d"), ("(b) the teams", "the teams"),
    ("iv) the teams", "the teams"), ("Colonel Ba said", "Colonel Ba said"),
    ("2026 was a hard year", "2026 was a hard year"),
])
def test_a_paragraph_number_is_no_words_of_the_paragraph(paragraph, words):
    assert paragraph[after_paragraph_number(paragraph, 0) :] == words


def test_a_chain_of_he_goes_back_to_the_man_the_chain_started_from(quotes):
    body = (
        "Raiders attacked the fishing boats of Joal in May.\n\n"
        "Abdou Karim Sow, a fisherman from Joal, lost his boat to the raiders last year. "
        "He met reporters on Monday in Mbour.\n\n"
        "\u201cThey left me nothing but my nets,\u201d he said.\n"
    )
    assert [s for _, s in quotes(body)] == ["Abdou Karim Sow"]


def test_a_chain_of_he_that_reaches_an_unnamed_source_keeps_the_speaker_named_last(quotes):
    body = (
        "Bandits abducted nine traders on the Gusau road on Sunday.\n\n"
        "\u201cThey took everybody on the bus,\u201d said a driver, who gave his name only "
        "as Sani. He said his cousin was among those taken.\n\n"
        "\u201cWe have heard nothing since,\u201d he added.\n"
    )
    assert [s for _, s in quotes(body)] == ["Sani", "Sani"]


def test_a_name_in_a_whose_clause_is_not_the_speaker_of_the_main_clause(quotes):
    body = (
        "Soldiers freed four drivers kidnapped on the Arish road last week.\n\n"
        "Tarek Mansour, whose younger brother Karim was among the freed drivers, spoke to "
        "reporters by phone from the hospital.\n\n"
        "\u201cWe did not pay anything. We only waited and prayed,\u201d he said.\n"
    )
    assert [s for _, s in quotes(body)] == ["Tarek Mansour"]


def test_one_quoted_word_as_the_object_inside_reported_speech_is_a_term(quotes):
    body = (
        "Farmers say the militia, which has camps along the river, has for years levied "
        "a \u2018tithe\u2019 on every harvest in the district.\n\n"
        "Officials say the gang had demanded a \u201cvery large sum\u201d from the families.\n"
    )
    assert quotes(body) == [("very large sum", None)]


def test_a_title_case_quotation_opening_the_headline_before_a_dash_is_speech(extract):
    record = extract(
        "\u2018We Cannot Pay What We Do Not Have\u2019 \u2013 Mother of Kidnapped Pupil\n\n"
        "Gunmen seized a pupil on his way to school in Kaduna on Monday.\n\n"
        "The mother of the pupil, Mrs. Rebecca Audu Yusuf, said the family had sold its "
        "land.\n"
    )
    assert [(q.text, q.speaker) for q in record.quotes] == [
        ("We Cannot Pay What We Do Not Have", "Rebecca Audu Yusuf")
    ]


def test_a_title_case_title_in_the_headline_without_a_dash_stays_a_title(extract):
    record = extract(
        "\u201cSafe Roads For Every Trader\u201d Campaign Launched in Kano\n\n"
        "The police launched a campaign on Monday.\n"
    )
    assert record.quotes == []


def test_he_summarizes_after_a_quotation_attributes_it(quotes):
    body = (
        "Gunmen took four farmers near Tessaoua on Sunday.\n\n"
        "Moussa Garba Idi, a farmer from the village, lost two brothers to the kidnappers "
        "last year.\n\n"
        "\u201cWe pay, they take the money and they come back,\u201d he summarizes.\n"
    )
    assert [s for _, s in quotes(body)] == ["Moussa Garba Idi"]


def test_one_quoted_proper_noun_after_a_reporting_verb_is_a_name_not_speech(quotes):
    body = (
        "Gunmen abducted three rangers near Mueda on Sunday, local sources told "
        "\u201cSavana\u201d.\n\n"
        "The district administrator, Rosa Machava, confirmed the abduction in a telephone "
        "conversation with \u201cSavana\u201d and said that \u201cthe search goes on\u201d.\n"
    )
    assert quotes(body) == [("the search goes on", "Rosa Machava")]


def test_called_for_demands_and_its_quoted_word_is_the_speakers(quotes):
    body = (
        "Gunmen killed a student in Abuja on Friday.\n\n"
        "Senator Musa Danjuma Ladan has said the killing \u201cshows that bandits move "
        "freely in our cities,\u201d and called for the police to be \u201coverhauled\u201d.\n"
    )
    assert [s for _, s in quotes(body)] == ["Musa Danjuma Ladan", "Musa Danjuma Ladan"]


def test_called_a_quoted_word_is_a_label(quotes):
    body = (
        "Gunmen killed a student in Abuja on Friday.\n\n"
        "Residents called the gang \u201ccollectors\u201d because it taxes every farm.\n"
    )
    assert quotes(body) == []


def test_a_capitalized_title_later_names_someone_else_than_the_unnamed_source(quotes):
    body = (
        "A gendarmerie officer in Garoua who asked not to be named said the gang crossed "
        "the border after each raid.\n\n"
        "“They keep the hostages in the bush and negotiate by phone,” the officer said.\n\n"
        "The Senior Divisional Officer for Benue, Paul Atangana Mbida, on Thursday chaired "
        "a security meeting, during which he urged families not to pay ransoms."
    )
    assert quotes(body) == [("They keep the hostages in the bush and negotiate by phone,", None)]


def test_the_initials_of_a_title_without_its_place_refer_to_its_bearer(quotes):
    body = (
        "Kohat Deputy Commissioner Imran Khattak told reporters that the family had been "
        "contacted.\n\n"
        "“The first demand is very high. We have asked the families not to pay,” the DC said."
    )
    assert quotes(body) == [
        ("The first demand is very high. We have asked the families not to pay,", "Imran Khattak")
    ]
