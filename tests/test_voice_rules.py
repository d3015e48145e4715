"""The voice rules of issue 12, one test each (docs/voice.md lists the same rules with the
same examples): quotation pairing, scare quotes, cue scope, the new cues, speakers and
the principal."""

from __future__ import annotations

import pytest

from framing.voice import (
    UNCLOSED_QUOTE_CHARS,
    classify,
    name_key,
    quotations,
    speaker,
    voices_and_speakers,
)


def voice_of(text: str, term: str, occurrence: int = 0, principal=None) -> str:
    start = _find(text, term, occurrence)
    return classify(text, start, start + len(term), principal=principal)


def speaker_of(text: str, term: str, occurrence: int = 0, principal=None) -> str | None:
    start = _find(text, term, occurrence)
    return speaker(text, start, start + len(term), principal=principal)


def _find(text: str, term: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(term, start + 1)
    return start


def quoted_parts(text: str) -> list[str]:
    return [text[a : b + 1] for a, b in quotations(text)]


# -- quotation pairing -------------------------------------------------------------------


def test_a_nested_straight_quote_does_not_end_the_outer_quotation() -> None:
    text = '“He said "war" today, and the invasion goes on,” she said. The invasion.'
    assert quoted_parts(text) == ['“He said "war" today, and the invasion goes on,”', '"war"']
    assert voice_of(text, "invasion") == "quoted"
    assert voice_of(text, "invasion", 1) == "own"


def test_a_straight_opening_mark_closed_by_a_curly_one_is_a_quotation() -> None:
    text = 'He said "the invasion will fail” and left. The invasion.'
    assert voice_of(text, "invasion") == "quoted"
    assert voice_of(text, "invasion", 1) == "own"


def test_german_and_russian_quotation_marks_pair_and_nest() -> None:
    assert quoted_parts("Er sagte „der Krieg“ heute") == ["„der Krieg“"]
    text = "Он сказал «это „спецоперация“ и всё» вчера"
    assert quoted_parts(text) == ["«это „спецоперация“ и всё»", "„спецоперация“"]
    assert quoted_parts("Er sagte »der Krieg« heute") == ["»der Krieg«"]


def test_a_glued_scare_quote_is_a_quotation_not_an_apostrophe() -> None:
    text = "They call this'war' a success, and don't 'care'."
    assert quoted_parts(text) == ["'war'", "'care'"]
    assert voice_of(text, "war") == "distanced"


def test_a_lone_guillemet_quotes_nothing() -> None:
    # A section separator in a headline: "(date) « War in Ukraine | Censor.NET".
    text = "Zelensky: Russian troops shelled Kharkiv (18.04.22 10:04) « War in Ukraine | Censor.NET"
    assert quotations(text) == []
    assert voice_of(text, "War") == "own"


def test_an_unclosed_double_quote_ends_at_its_paragraph() -> None:
    text = "He said “the invasion will fail.\n\nThe invasion went on."
    assert voice_of(text, "invasion") == "quoted"
    assert voice_of(text, "invasion", 1) == "own"


def test_an_unclosed_double_quote_ends_after_the_maximum_in_a_long_paragraph() -> None:
    filler = "word " * (UNCLOSED_QUOTE_CHARS // 5)
    text = f"He said “the invasion {filler} and then the invasion went on."
    assert voice_of(text, "invasion") == "quoted"
    assert voice_of(text, "invasion", 1) == "own"
    # ... extended to the last quotation closed inside it.
    text = f"He said “the invasion {filler} ‘a term’ and the invasion went on."
    ((_, closing), _) = quotations(text)
    assert closing > text.index("’")


def test_quoted_paragraphs_run_together_each_open_a_new_quotation() -> None:
    # “A. “B.” - one quotation over paragraphs whose breaks were lost.
    text = "He said: “We will win. “The invasion will fail.” The invasion went on."
    assert quoted_parts(text) == ["“We will win. “", "“The invasion will fail.”"]
    assert voice_of(text, "invasion") == "quoted"
    assert voice_of(text, "invasion", 1) == "own"


def test_a_closing_mark_spaced_wrongly_still_closes() -> None:
    text = '"Sanctions should be long-term, "said Andriy Yermak. The invasion.'
    assert quoted_parts(text) == ['"Sanctions should be long-term, "']
    text = '"We will stop the invasion ". Speech by the President. The invasion.'
    assert voice_of(text, "invasion") == "quoted"
    assert voice_of(text, "invasion", 1) == "own"


def test_an_insertion_in_square_brackets_is_the_writers_own() -> None:
    text = "She said the “only way [Vladimir] Putin can end the invasion is to stop”."
    assert voice_of(text, "Vladimir") == "own"
    assert voice_of(text, "invasion") == "quoted"


# -- scare quotes, mentions and quotations of speech ------------------------------------


def test_scare_quotes_around_a_few_words_distance_them() -> None:
    assert voice_of('Russia wants to play a sham "referendum" on our land.', "referendum") == (
        "distanced"
    )
    assert voice_of("The answer to the attempted “ruble occupation” of Kherson.", "occupation") == (
        "distanced"
    )


def test_a_short_quotation_with_a_speech_verb_or_speaker_is_quoted() -> None:
    assert voice_of("Putin vowed to “denazify” the country.", "denazify") == "quoted"
    text = "Zelensky accused Moscow of waging “an overt gas war” in Europe."
    assert voice_of(text, "war") == "quoted"
    assert voice_of("“Denazification,” he said.", "Denazification") == "quoted"
    text = "In 2014 this was embodied in the slogan “Ukraine is Europe”."
    assert voice_of(text, "Ukraine") == "quoted"


def test_a_word_named_as_a_word_is_own() -> None:
    assert voice_of('They are even ashamed of the word "war".', "war") == "own"
    assert voice_of('Keywords are "people" and "Ukraine".', "Ukraine") == "own"


def test_a_quotation_of_more_than_four_words_is_quoted() -> None:
    text = "Crowds were chanting “glory to Ukraine and to the heroes”."
    assert voice_of(text, "Ukraine") == "quoted"
    assert voice_of("It was “a war of aggression, plain and simple”.", "war") == "quoted"


def test_a_cue_outside_a_quoted_phrase_distances_it_but_not_a_quotation_of_speech() -> None:
    text = "a Kremlin opposed to what it veils as its “special military operation” in Ukraine"
    assert voice_of(text, "special military operation") == "distanced"
    text = "Kuleba confirmed what he called the “full-scale invasion of Ukraine. Cities burn.”"
    assert voice_of(text, "full-scale invasion") == "quoted"


# -- cue scope ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        (
            "They are trying to start the so-called mobilization in the occupied regions.",
            "occupied",
        ),
        ("the deputy of the self-proclaimed republic in Luhansk, eastern Ukraine", "Luhansk"),
        ("the leader of the self-proclaimed republic of Luhansk admitted", "Luhansk"),
        ("Self-appointed authorities in the occupied Kherson region closed it.", "occupied"),
        ("the so-called special operation and Russian troops invaded Ukraine", "Russian troops"),
        ("This act of the so-called denazification of Mykolaiv took place.", "Mykolaiv"),
        ("Lies that Ukraine is allegedly going to use a dirty bomb.", "Ukraine"),
        ("Russia allegedly shelled the occupied city.", "occupied"),
    ],
)
def test_a_cue_does_not_reach_past_a_preposition_conjunction_or_verb(text: str, term: str) -> None:
    assert voice_of(text, term) == "own"


def test_a_term_that_only_modifies_the_next_word_is_not_distanced() -> None:
    text = "The so-called Luhansk People's Republic claims the oblast."
    assert voice_of(text, "Luhansk") == "own"
    assert voice_of(text, "Luhansk People's Republic") == "distanced"
    text = "an official in the self-styled separatist administration of the region"
    assert voice_of(text, "separatist") == "own"
    # An acronym is a whole name: "the self-proclaimed DPR Denis Pushilin".
    assert voice_of("the leader of the self-proclaimed DPR Denis Pushilin", "DPR") == "distanced"
    assert voice_of("investigation into alleged war crimes", "war") == "own"


def test_names_joined_by_and_share_a_cue() -> None:
    text = "following the example of the so-called DPR and LPR."
    assert voice_of(text, "DPR") == "distanced"
    assert voice_of(text, "LPR") == "distanced"
    text = "the so-called “DPR” and “LPR”"
    assert voice_of(text, "LPR") == "distanced"
    assert voice_of("the so-called referendums and annexation", "annexation") == "own"


# -- the cues added by issue 12 (and Russian and Ukrainian ones, issue 15) ---------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("allegedly Ukrainian saboteurs crossed the border", "Ukrainian saboteurs"),
        ("Ukraine's alleged provocation plot", "provocation"),
        ("the purported liberation of the village", "liberation"),
        ("the supposed denazification of Ukraine", "denazification"),
        ("the would-be annexation of the region", "annexation"),
        ("a pseudo-referendum in the region", "referendum"),
        ("the self-proclaimed republic", "republic"),
        ("the self-styled republic", "republic"),
        ("what it veils as its special military operation", "special military operation"),
        ("what the Kremlin frames as a special military operation", "special military operation"),
        ("what Moscow portrays as a liberation", "liberation"),
        ("the so-called “special military operation”", "special military operation"),
        ("так называемой «ДНР»", "ДНР"),
        ("так называемая специальная операция", "специальная операция"),
        ("так звана ДНР", "ДНР"),
        ("якобы нацисты", "нацисты"),
        ("нібито нацисти", "нацисти"),
        ("мнимая денацификация", "денацификация"),
        ("самопровозглашённой ДНР", "ДНР"),
        ("самопроголошеної ДНР", "ДНР"),
    ],
)
def test_the_new_cues_distance_the_term(text: str, term: str) -> None:
    assert voice_of(text, term) == "distanced"


def test_would_be_needs_its_hyphen_and_supposed_to_is_no_cue() -> None:
    assert voice_of("the use of nuclear weapons would be a war crime", "war") == "own"
    assert voice_of("the troops were supposed to liberate the town", "liberate") == "own"


def test_russian_and_ukrainian_quotation_marks_quote() -> None:
    assert voice_of("Он заявил: «Спецоперация идёт по плану, мы победим»", "Спецоперация") == (
        "quoted"
    )
    assert voice_of("Він сказав: „Окупанти підуть з нашої землі назавжди“", "Окупанти") == (
        "quoted"
    )


# -- speakers ----------------------------------------------------------------------------

TRANSCRIPT = (
    "Vladimir Putin: Colleagues, the special military operation goes to plan.\n\n"
    "It will go on.\n\n"
    "Question: Is the special military operation a war?\n\n"
    "Vladimir Putin: No. The special military operation protects Donbas."
)


def test_transcript_turns_give_the_speaker() -> None:
    term = "special military operation"
    assert speaker_of(TRANSCRIPT, term, 0) == "Vladimir Putin"
    assert speaker_of(TRANSCRIPT, term, 1) == "Question"
    assert speaker_of(TRANSCRIPT, term, 2) == "Vladimir Putin"
    # a turn runs across paragraphs, to the next label
    assert speaker_of(TRANSCRIPT, "It will") == "Vladimir Putin"


def test_without_a_principal_turns_do_not_change_the_voice() -> None:
    term = "special military operation"
    assert [voice_of(TRANSCRIPT, term, n) for n in range(3)] == ["own", "own", "own"]


def test_with_a_principal_other_speakers_turns_are_quoted_and_the_principals_own() -> None:
    term = "special military operation"
    voices = [voice_of(TRANSCRIPT, term, n, principal="Vladimir Putin") for n in range(3)]
    assert voices == ["own", "quoted", "own"]
    interview = "Q: Will the war end?\n\nA: The war will end with our victory."
    assert voice_of(interview, "war", 0, principal="Volodymyr Zelenskyy") == "quoted"
    assert voice_of(interview, "war", 1, principal="Volodymyr Zelenskyy") == "own"


def test_a_topic_label_is_not_a_speaker() -> None:
    text = "Occupation of Mariupol: Russian troops shelled the city"
    assert speaker_of(text, "Russian troops") is None
    text = "Occupied Mariupol: Russian troops shelled the city"
    assert speaker_of(text, "Russian troops") is None
    text = "Mariupol: Russian troops shelled the city"
    assert speaker_of(text, "Russian troops") is None


@pytest.mark.parametrize(
    ("text", "term", "who"),
    [
        (
            "“The occupiers will leave Kherson,” said Volodymyr Zelensky.",
            "Kherson",
            "Volodymyr Zelensky",
        ),
        ("Lavrov said: “Ukraine must be neutral.”", "Ukraine", "Lavrov"),
        ("According to the ministry, “the invasion failed”.", "invasion", "the ministry"),
        ("Andriy Yermak: “Ukraine is grateful for the help”.", "Ukraine", "Andriy Yermak"),
        (
            "Kristalina Georgieva spoke. “The war in Ukraine has worsened,” she said.",
            "Ukraine",
            "Kristalina Georgieva",
        ),
        (
            "“The invasion was decisive.” Briefing by Deputy Head Andriy Sybiha.",
            "invasion",
            "Deputy Head Andriy Sybiha",
        ),
        ("Zelensky said the occupiers would leave Kherson.", "Kherson", "Zelensky"),
        ("Russian military death toll nearing 65,000 - Zelensky", "Russian military", "Zelensky"),
        (
            "Russia is killing civilians, - General Staff (18.04.22 10:04)",
            "Russia",
            "General Staff",
        ),
        ("Путин заявил, что спецоперация идёт по плану.", "спецоперация", "Путин"),
    ],
)
def test_attributions_give_the_speaker(text: str, term: str, who: str) -> None:
    assert speaker_of(text, term) == who


def test_a_credit_line_is_not_a_speaker() -> None:
    assert speaker_of("Russian troops shelled Kharkiv. — Ukrinform.", "Russian troops") is None
    assert speaker_of("Speech at the NATO summit on Ukraine — Ukrinform.", "Ukraine") is None


def test_an_embedded_post_is_quoted_and_its_account_speaks() -> None:
    text = (
        "Photograph: AP Patron the dog received an award from Ukraine President "
        "Zelenskyy. What an honour! pic.twitter.com/x — Stratcom Centre UA "
        "(@StratcomCentre) May 9, 2022"
    )
    assert voice_of(text, "Ukraine") == "quoted"
    assert speaker_of(text, "Ukraine") == "Stratcom Centre UA"


# -- the principal -----------------------------------------------------------------------


def test_a_name_key_matches_spellings_and_scripts() -> None:
    assert name_key("Zelenskyy") == name_key("Zelensky") == name_key("Зеленський")
    assert name_key("Sybiha") == name_key("Sibiga") == name_key("Сибіга")
    assert name_key("Yermak") == name_key("Ermak") == name_key("Єрмак")
    assert name_key("Zelensky") != name_key("Zaluzhny")


def test_a_quotation_attributed_to_the_principal_is_own() -> None:
    text = "Zelensky said: “The invasion will fail.”"
    assert voice_of(text, "invasion") == "quoted"
    assert voice_of(text, "invasion", principal="Володимир Зеленський") == "own"
    assert speaker_of(text, "invasion", principal="Володимир Зеленський") == "Zelensky"
    assert voice_of(text, "invasion", principal=["Andriy Yermak", "Zelenskyy"]) == "own"
    assert voice_of(text, "invasion", principal="Andriy Yermak") == "quoted"


def test_a_lead_quotation_is_the_principals_unless_another_person_said_it() -> None:
    text = "“Every invader should know: they will get nothing here.”"
    assert voice_of(text, "invader", principal="Volodymyr Zelenskyy") == "own"
    assert speaker_of(text, "invader", principal="Volodymyr Zelenskyy") == "Volodymyr Zelenskyy"
    # a role, not a person: still the principal's office
    text = "“Sanctions limit Russia's aggression,” said the head of the Office of the President."
    assert voice_of(text, "aggression", principal="Volodymyr Zelenskyy") == "own"
    text = "“Sanctions limit Russia's aggression,” said Antony Blinken."
    assert voice_of(text, "aggression", principal="Volodymyr Zelenskyy") == "quoted"
    # not a lead quotation: a quotation later in the text is quoted
    text = "We met.\n\n“Sanctions limit Russia's aggression,” the guests wrote."
    assert voice_of(text, "aggression", principal="Volodymyr Zelenskyy") == "quoted"


def test_voices_and_speakers_returns_both_for_every_hit() -> None:
    text = "“The invasion,” said Lavrov. The so-called invasion. And the invasion."
    spans = [(text.index("invasion", n), text.index("invasion", n) + 8) for n in (0, 20, 45)]
    assert [text[a:b] for a, b in spans] == ["invasion"] * 3
    assert len(set(spans)) == 3
    assert voices_and_speakers(text, spans) == [
        ("quoted", "Lavrov"),
        ("distanced", None),
        ("own", None),
    ]


def test_a_report_or_citation_is_a_speech_verb() -> None:
    text = "Russian media reported quoting Putin's approval of a ‘special military operation’."
    assert voice_of(text, "special military operation") == "quoted"
    text = "citing a ‘special military operation’ in the Donbas"
    assert voice_of(text, "special military operation") == "quoted"
