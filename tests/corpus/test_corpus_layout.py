"""Paragraphs from lines: unwrapping, split words, drop capitals, text frames."""

from __future__ import annotations

from syria_reader.corpus.layout import paragraphs

# A hard-wrapped PDF column: wrapped lines end with a space, paragraphs without one.
WRAPPED = (
    "The army said its forces had taken the hill after a long fight in which both \n"
    "sides lost many men. The rebels, however, deny this and say the fighting \n"
    "goes on in the villages to the north of the city and along the main road.\n"
    "\n"
    "A second paragraph follows here with more words so that the column has a \n"
    "typical width and the style of the page can be learnt from its lines.\n"
)


def texts(text: str) -> list[str]:
    return [block.text for block in paragraphs(text)]


def test_unwrapped_text_keeps_one_paragraph_per_line() -> None:
    text = (
        "A headline\n\nFirst paragraph is a long line. It goes on.\nSecond line is its own "
        "paragraph.\n"
    )
    assert texts(text) == [
        "A headline",
        "First paragraph is a long line. It goes on.",
        "Second line is its own paragraph.",
    ]


def test_hard_wrapped_lines_become_paragraphs() -> None:
    assert texts(WRAPPED) == [
        "The army said its forces had taken the hill after a long fight in which both sides lost "
        "many men. "
        "The rebels, however, deny this and say the fighting goes on in the villages to the north "
        "of the city "
        "and along the main road.",
        "A second paragraph follows here with more words so that the column has a typical width "
        "and the "
        "style of the page can be learnt from its lines.",
    ]


def test_split_words_join_across_lines_and_blank_lines() -> None:
    text = (
        "Officials in Mos-\ncow said the epi-\nsode showed the belea-\n\nguered regime was \n"
        "still strong, while anti-\ntank missiles and Iranian-\ncontrolled militias \n"
        "were seen near the city, in-\nair collisions avoided.\n"
    )
    assert texts(text) == [
        "Officials in Moscow said the episode showed the beleaguered regime was still strong, "
        "while anti-tank "
        "missiles and Iranian-controlled militias were seen near the city, in-air collisions "
        "avoided."
    ]


def test_sentences_continue_across_column_breaks() -> None:
    text = WRAPPED + (
        "\nHundreds of regular troops from \n\nthe guards corps were deployed, and the group has "
        "greeted \n\n"
        "Moscow's intervention with joy.\n\nThe parties agreed to talks. \n\nThe talks would "
        "start soon.\n"
    )
    result = texts(text)
    assert (
        "Hundreds of regular troops from the guards corps were deployed, and the group has greeted "
        "Moscow's intervention with joy." in result
    )
    assert "The parties agreed to talks." in result and "The talks would start soon." in result


def test_a_paragraph_ending_without_a_full_stop_is_not_run_on() -> None:
    text = (
        WRAPPED
        + "\nThe army holds the eastern sector\n\nAssad, his back to the wall, called for help.\n"
    )
    assert texts(text)[-2:] == [
        "The army holds the eastern sector",
        "Assad, his back to the wall, called for help.",
    ]


def test_drop_capitals_are_rejoined_and_marked() -> None:
    blocks = paragraphs(
        " I \n\nn one of the most bizarre episodes of the war, rebels fight each \nother.\n\n"
        + WRAPPED
    )
    assert (
        blocks[0].text == "In one of the most bizarre episodes of the war, rebels fight each other."
    )
    assert blocks[0].dropcap
    blocks = paragraphs("Some earlier text ends here.\n\nT\n\nhere was little sign of agreement.\n")
    assert [b.text for b in blocks] == [
        "Some earlier text ends here.",
        "There was little sign of agreement.",
    ]
    assert blocks[1].dropcap and not blocks[0].dropcap


def test_a_lone_word_a_is_not_a_drop_capital() -> None:
    assert texts("A\n\nnew approach was tried.\n") == ["A", "new approach was tried."]


NARROW = (
    "The regime is battling on four \naxes in the coastal region, the \nheartland of its sect, "
    "and in \n"
    "neighbouring provinces where \nother forces are strong. But by \nall accounts its progress "
    "is \n"
    "sluggish at best.\n\n"
)


def test_indented_wide_lines_start_a_new_frame() -> None:
    text = NARROW + (
        "Ed Smith is the editor of The \nWeekly. He has covered the \nregion since \n"
        " Civilians fleeing the recent fighting in the southern countryside of the city, \non "
        "October 21st.\n"
    )
    blocks = paragraphs(text)
    assert (
        blocks[-2].text == "Ed Smith is the editor of The Weekly. He has covered the region since"
    )
    assert not blocks[-2].frame
    caption = blocks[-1]
    assert caption.text.startswith("Civilians fleeing") and caption.frame and caption.wide
