"""Quotations and their speakers: one test per attribution pattern, and the ambiguous cases."""

from __future__ import annotations

import re

from syria_reader.nlp.quotes import NameSpan, Quote, find_quotes

PEOPLE = {
    "Sergei Lavrov": ("person:lavrov", "PERSON"),
    "Lavrov": ("person:lavrov", "PERSON"),
    "John Kerry": ("person:kerry", "PERSON"),
    "Kerry": ("person:kerry", "PERSON"),
    "Ashton Carter": ("person:carter", "PERSON"),
    "Carter": ("person:carter", "PERSON"),
    "Assad": ("person:assad", "PERSON"),
    "Alexander Yushchenko": ("person:yushchenko", "PERSON"),
    "Rami Abdel Rahman": ("person:rahman", "PERSON"),
    "Reuters": ("org:reuters", "ORG"),
    "Islamic State": ("org:isis", "ORG"),
    "Syrian Observatory for Human Rights": ("org:sohr", "ORG"),
    "Russian": ("norp:russian", "NORP"),
    "Fastaqim": ("org:fastaqim", "ORG"),
    "Sana": ("org:sana", "ORG"),
    "U.N.": ("org:un", "ORG"),
    "U.S.": ("gpe:us", "GPE"),
    "Raqa": ("gpe:raqqa", "GPE"),
    "Alessandra Vellucci": ("person:vellucci", "PERSON"),
    "Vellucci": ("person:vellucci", "PERSON"),
    "Thomas Gilleran": ("person:gilleran", "PERSON"),
    "Frank-Walter Steinmeier": ("person:steinmeier", "PERSON"),
}


def quotes_in(*paragraphs: str) -> list[Quote]:
    """Quotes of an article made of these paragraphs, with every name above linked."""
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for paragraph in paragraphs:
        spans.append((pos, pos + len(paragraph)))
        pos += len(paragraph) + 2
    names: list[NameSpan] = []
    taken: set[int] = set()
    for name in sorted(PEOPLE, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not taken & set(range(match.start(), match.end())):
                taken.update(range(match.start(), match.end()))
                names.append(NameSpan(match.start(), match.end(), *PEOPLE[name]))
    return find_quotes(text, spans, names)


def said(quotes: list[Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes]


def test_name_then_said_after_the_quote() -> None:
    quotes = quotes_in("“The meeting was constructive and productive,” Kerry said.")
    assert said(quotes) == [("The meeting was constructive and productive", "person:kerry")]
    assert quotes[0].cue == "Kerry said"


def test_said_then_title_and_name() -> None:
    quotes = quotes_in("“They inflame the civil war and prolong the suffering,” said Mr Carter.")
    assert [q.speaker for q in quotes] == ["person:carter"]
    assert quotes[0].cue == "said Mr Carter"


def test_according_to() -> None:
    quotes = quotes_in(
        "“At least ten people were killed in the raid,” according to Reuters.",
        "According to Rami Abdel Rahman, “the shelling went on all night long”.",
    )
    assert [q.speaker for q in quotes] == ["org:reuters", "person:rahman"]
    assert {q.how for q in quotes} == {"according"}


def test_told_reporters() -> None:
    quotes = quotes_in("“We are not going to give up on this,” Kerry told reporters in Vienna.")
    assert [q.speaker for q in quotes] == ["person:kerry"]


def test_speaker_named_in_the_previous_sentence() -> None:
    quotes = quotes_in(
        "Lavrov’s comments could not be clearer:",
        "“What is happening in Aleppo is what we warned the Americans about.”",
    )
    assert [(q.speaker, q.how) for q in quotes] == [("person:lavrov", "previous")]


def test_pronoun_is_the_last_named_person() -> None:
    quotes = quotes_in(
        "Ashton Carter accused Moscow of inflaming extremism. “This will boomerang on Russia "
        "in a very direct way,” he said."
    )
    assert [(q.speaker, q.how) for q in quotes] == [("person:carter", "pronoun")]


def test_quote_interrupted_by_he_said() -> None:
    quotes = quotes_in(
        "Kerry spoke after the talks. “We made real progress,” he said, “and we will meet "
        "again very soon.”"
    )
    assert said(quotes) == [
        ("We made real progress", "person:kerry"),
        ("and we will meet again very soon.", "person:kerry"),
    ]


def test_quote_over_paragraphs_reopened_at_each() -> None:
    quotes = quotes_in(
        "“ISIS has entered a golden period. Its leaders hope the ground will shift.",
        "“It intends to swallow the north of the province whole,” Kerry said.",
    )
    assert len(quotes) == 1
    assert quotes[0].text.startswith("ISIS has entered") and quotes[0].text.endswith("whole")
    assert quotes[0].speaker == "person:kerry"


def test_quote_over_paragraphs_closed_only_at_the_end() -> None:
    quotes = quotes_in(
        "Lavrov’s comments were scathing:",
        "“We warned the Americans about this in advance.",
        "The positions of “good” and “bad” groups are mixed, they say.",
        "There will be no surprises for the Americans.”",
        "The bombing went on.",
    )
    assert len(quotes) == 1
    assert quotes[0].text.endswith("no surprises for the Americans.")
    assert quotes[0].speaker == "person:lavrov"


def test_straight_quotes_and_a_continuation() -> None:
    quotes = quotes_in(
        '"By taking the side of Assad they inflame the civil war," said Ashton Carter in London.',
        '"They are going to turn everyone against Russia itself."',
    )
    assert [(q.speaker, q.how) for q in quotes] == [
        ("person:carter", "after"),
        ("person:carter", "continuation"),
    ]


def test_a_name_inside_the_quote_is_not_the_speaker() -> None:
    quotes = quotes_in(
        "“Assad said that he would not be against taking part in elections,” Russian MP "
        "Alexander Yushchenko said."
    )
    assert [q.speaker for q in quotes] == ["person:yushchenko"]


def test_quote_inside_a_quote() -> None:
    quotes = quotes_in(
        "“Lavrov told me ‘we will never accept this’ and then he left the room,” Kerry said.",
        "“Kerry said “no deal” and that was the end of it,” Lavrov said.",
    )
    assert said(quotes) == [
        ("Lavrov told me ‘we will never accept this’ and then he left the room", "person:kerry"),
        ("Kerry said “no deal” and that was the end of it", "person:lavrov"),
    ]


def test_two_speakers_in_one_sentence() -> None:
    quotes = quotes_in(
        "“We have found common ground,” Kerry said, but Lavrov said: “No deal is possible "
        "while the bombing goes on.”"
    )
    assert [q.speaker for q in quotes] == ["person:kerry", "person:lavrov"]


def test_two_speakers_together_is_nobody_in_particular() -> None:
    quotes = quotes_in("“We will meet again in a month,” said Kerry and Lavrov.")
    assert [q.speaker for q in quotes] == [None]


def test_pronoun_with_two_candidates_is_unknown() -> None:
    quotes = quotes_in(
        "Kerry met Lavrov in Vienna on Friday. “We will meet again in a month,” he said."
    )
    assert len(quotes) == 1
    assert quotes[0].speaker is None


def test_pronoun_after_an_unnamed_speaker_stays_unknown() -> None:
    quotes = quotes_in(
        "Assad has not commented. “Russian planes are striking the rebels every day,” a source "
        "told the newspaper. “The truth is that Russia is backing them,” he added."
    )
    assert [q.speaker for q in quotes] == [None, None]


def test_unnamed_speakers_are_unknown_not_guessed() -> None:
    quotes = quotes_in(
        "Kerry arrived on Monday. “Now we are able to secure our planes,” said an official "
        "from the ministry.",
        "“Dozens of shells fell overnight on the two villages” the Observatory said.",
    )
    assert [q.speaker for q in quotes] == [None, None]


def test_quote_with_no_cue_is_kept_with_speaker_unknown() -> None:
    quotes = quotes_in("The report spoke of “a catastrophe on a scale not seen in decades” there.")
    assert said(quotes) == [("a catastrophe on a scale not seen in decades", None)]
    assert quotes[0].how == "none"


def test_terms_and_names_in_quotes_are_not_quotations() -> None:
    quotes = quotes_in(
        "Officials said the strikes hit “moderate” fighters, and the “Islamic State” group "
        "gained ground in what it calls its “caliphate”."
    )
    assert quotes == []


def test_organisation_speaks_through_its_statement() -> None:
    quotes = quotes_in(
        "“At least 16 people were killed in the blast,” the Syrian Observatory for Human "
        "Rights said."
    )
    assert [q.speaker for q in quotes] == ["org:sohr"]


def test_speaker_before_the_quote_with_a_colon() -> None:
    quotes = quotes_in(
        "John Kerry in an interview with the radio station prior to a visit to Moscow said: "
        "“We don’t want to send our troops.”"
    )
    assert [q.speaker for q in quotes] == ["person:kerry"]


def test_quoted_as_saying() -> None:
    quotes = quotes_in("Reuters quoted Lavrov as saying: “Our actions are effective.”")
    assert [(q.speaker, q.how) for q in quotes] == [("person:lavrov", "quoted")]


def test_offsets_are_the_words_inside_the_marks() -> None:
    text = "He left. “Nothing has changed here at all,” Kerry said."
    (quote,) = quotes_in(text)
    assert text[quote.start : quote.end] == quote.text == "Nothing has changed here at all"


# -- wire copy with its commas stripped (as in FA-KES) ------------------------------------------


def test_a_member_of_a_group_is_not_the_group() -> None:
    quotes = quotes_in(
        '"Currently nobody can get in or out of the city" a member of the rebel group '
        "Fastaqim told Reuters."
    )
    assert [q.speaker for q in quotes] == [None]


def test_a_name_modifying_the_subject_is_not_the_speaker() -> None:
    quotes = quotes_in(
        'The U.S.-led coalition said it had carried out "significant and sustained air strikes". '
        'Coalition forces "successfully engaged multiple targets" throughout Raqa the '
        "statement said."
    )
    assert [q.speaker for q in quotes] == [None, None]


def test_she_is_the_speaker_not_the_organisation_after_the_verb() -> None:
    quotes = quotes_in(
        "Alessandra Vellucci said on Tuesday that the road was cut. She said the U.N. continues "
        'to receive "distressing reports of shelling on civilian locations."'
    )
    assert [(q.speaker, q.how) for q in quotes] == [("person:vellucci", "pronoun")]


def test_quoted_as_saying_is_the_source_not_the_agency() -> None:
    quotes = quotes_in(
        "The news agency Sana quoted a military source on Wednesday as saying the army was able "
        'to "restore security to the southwestern countryside" of Damascus.'
    )
    assert [q.speaker for q in quotes] == [None]


def test_quoted_as_telling() -> None:
    quotes = quotes_in(
        "German Foreign Minister Frank-Walter Steinmeier was quoted as telling the daily paper "
        'that "humanitarian access cannot be under the control of one side." "A three-hour '
        'ceasefire a day is not enough" he said.'
    )
    assert [q.speaker for q in quotes] == ["person:steinmeier", "person:steinmeier"]


def test_a_denied_or_later_verb_is_no_cue() -> None:
    quotes = quotes_in(
        'Sana said the armed forces "dealt great blows to the terrorists in the district" '
        "Tuesday but did not say the extremists had been pushed out."
    )
    assert [(q.speaker, q.how) for q in quotes] == [("org:sana", "before")]


def test_titles_with_full_stops_stay_in_the_name() -> None:
    quotes = quotes_in(
        '"The strikes were executed to deny them the ability to move" said coalition '
        "spokesman Lt. Col. Thomas Gilleran."
    )
    assert [q.speaker for q in quotes] == ["person:gilleran"]


def test_it_said_is_the_organisation_that_spoke_before() -> None:
    quotes = quotes_in(
        'Sana said the army "dealt great blows to the terrorists in the district." "Army units '
        'advanced again into the district and executed a special operation" it reported.'
    )
    assert [q.speaker for q in quotes] == ["org:sana", "org:sana"]


def test_quote_sentences_run_on_past_abbreviations() -> None:
    """The quote finder's sentences end at no abbreviation's full stop (titles, "U.S.", a
    month before its day), and still end after a number or a plain word."""
    from syria_reader.nlp.quotes import _segments

    met = "Messrs. Kerry and Lavrov met Lt. Col. Gilleran at the U.S. embassy on Oct. 18."
    shelled = "Aleppo (pop. 2 mn.) was shelled again on Sept. 22."
    text = f"{met} {shelled} Talks resume in 2017."
    sentences = [text[s:e].strip() for s, e in _segments(text, [(0, len(text))], [])]
    assert sentences == [met, shelled, "Talks resume in 2017."]


def test_the_rule_splitter_and_the_quote_finder_agree_on_abbreviations() -> None:
    """One abbreviation list: where the rule-based splitter runs a sentence on, so does the
    quote finder."""
    from syria_reader.nlp.patterns import split_sentences
    from syria_reader.nlp.quotes import _segments

    text = "Messrs. Kerry and Lavrov met Dr. Ali on Jan. 5 in Geneva. It went well."
    rules = [text[s:e] for s, e in split_sentences(text, 0, len(text))]
    quotes = [text[s:e].strip() for s, e in _segments(text, [(0, len(text))], [])]
    expected = ["Messrs. Kerry and Lavrov met Dr. Ali on Jan. 5 in Geneva.", "It went well."]
    assert rules == expected
    assert quotes == expected


def test_a_name_that_is_the_whole_quotation_is_a_quoted_name_not_a_quote() -> None:
    text = 'Sergei Lavrov said: "Islamic State Organisation Fighters Here" and left.'
    start, end = text.index("Islamic"), text.index('" and')
    lavrov = NameSpan(0, 13, "person:sergei-lavrov", "PERSON")
    [quote] = find_quotes(text, [(0, len(text))], [lavrov])
    assert (quote.start, quote.end, quote.speaker) == (start, end, "person:sergei-lavrov")
    assert find_quotes(text, [(0, len(text))], [lavrov, NameSpan(start, end, "org:x", "ORG")]) == []
    wider = NameSpan(start - 1, end + 1, "org:x", "ORG")  # the marks inside the name's span
    assert find_quotes(text, [(0, len(text))], [lavrov, wider]) == []
