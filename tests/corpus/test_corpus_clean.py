"""Cleaning rules, each on a small document written for it."""

from __future__ import annotations

from syria_reader.corpus.clean import CleanArticle, clean_document

PARA1 = (
    "The army said on Monday that its forces had retaken three villages north of the city "
    "after heavy fighting."
)
PARA2 = (
    "Rebel commanders denied the claim and said their fighters still held the main road into "
    "the province."
)
PARA3 = (
    "Aid agencies warned that thousands of civilians had fled the area in the past week and "
    "needed shelter."
)


def kinds(article: CleanArticle) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in article.blocks]


def only(text: str, **kwargs) -> CleanArticle:
    articles = clean_document(text, **kwargs)
    assert len(articles) == 1
    return articles[0]


def test_title_and_paragraphs() -> None:
    article = only(f"Army retakes villages near the city\n\n{PARA1}\n\n{PARA2}\n")
    assert kinds(article) == [
        ("title", "Army retakes villages near the city"),
        ("paragraph", PARA1),
        ("paragraph", PARA2),
    ]


def test_no_title_when_the_text_opens_with_a_paragraph() -> None:
    assert [b.kind for b in only(f"{PARA1}\n\n{PARA2}").blocks] == ["paragraph", "paragraph"]


def test_navigation_and_widgets_are_dropped() -> None:
    text = (
        "Skip to main content\n\nMenu\n\nArmy retakes villages\n\nShare this article\n\n"
        f"{PARA1}\n\nAdvertisement\n\n{PARA2}\n\nWhat do you think?\n\nNotify of\nInline "
        "Feedbacks\nView all comments\n"
    )
    article = only(text)
    assert [b.text for b in article.blocks] == ["Army retakes villages", PARA1, PARA2]


def test_newsletter_notices_and_disclaimers_are_dropped() -> None:
    text = (
        "in ,\n\nArmy retakes villages\n\n"
        "The statements, views and opinions expressed in this column are solely those of the "
        "author and do not "
        "necessarily represent those of this site.\n\n"
        f"{PARA1}\n\n{PARA2}\n\n"
        "New Weekly Dispatch newsletter: The Levant\n\n"
        "Sign up to get the latest insights and analysis on the region, alongside our other "
        "newsletters\n\n"
        "Example News delivers independent coverage. To learn more about republishing this "
        "content, please fill "
        "out this form. More about us can be found here.\n\n"
        "Legal Disclaimer:\nThe provider gives the information as is and accepts no "
        "responsibility for it.\n\n"
        "© 2016 Example News. All rights reserved.\n"
    )
    assert [b.text for b in only(text).blocks] == ["Army retakes villages", PARA1, PARA2]


def test_a_long_paragraph_that_mentions_a_newsletter_stays() -> None:
    para = (
        "The group's newsletter, which supporters can sign up for online, has called for more "
        "fighters to join "
        "the campaign, analysts said, adding that its propaganda had become far more polished in "
        "recent months "
        "and that many of its readers live in Europe, according to a study published by "
        "researchers last week "
        "in London, where officials have been trying to stop recruitment through social media and "
        "other sites "
        "that the group uses to spread its message around the world. The report urged governments "
        "to act."
    )
    assert [b.text for b in only(f"{PARA1}\n\n{para}").blocks] == [PARA1, para]


def test_related_links_after_the_article_are_dropped() -> None:
    text = (
        f"Army retakes villages\n\n{PARA1}\n\n{PARA2}\n\nRelated video:\n\nNews TV: “Army enters "
        "the city”\n\n"
        "What do you think?\n\nWhat Most People See of Their War\n\nBank Gears Up to Cut Interest "
        "Rates on Friday\n"
    )
    assert [b.text for b in only(text).blocks] == ["Army retakes villages", PARA1, PARA2]


def test_trailing_headlines_without_a_marker_go_only_in_a_run() -> None:
    text = f"{PARA1}\n\n{PARA2}\n\nAnother Story About Something\n\nA Third Story Here\n"
    assert [b.text for b in only(text).blocks] == [PARA1, PARA2]
    text = f"{PARA1}\n\nA heading of the next part\n\n{PARA2}\n"
    assert [b.kind for b in only(text).blocks] == ["paragraph", "heading", "paragraph"]


def test_reader_comments_are_kept_apart_and_never_body() -> None:
    text = (
        f"Army retakes villages\n\n{PARA1}\n\n{PARA2}\n\n11 Responses\n\n"
        "  1. I disagree with the author about the road.\n\n    — Well said, thank you.\n\n"
        "  2. Another reader comment here.\n\nComments are closed.\n"
    )
    article = only(text)
    assert kinds(article)[3:] == [
        ("comment", "11 Responses"),
        ("comment", "1. I disagree with the author about the road."),
        ("comment", "— Well said, thank you."),
        ("comment", "2. Another reader comment here."),
    ]
    assert [b.kind for b in article.body()] == ["title", "paragraph", "paragraph"]


def test_html_comments_are_added_as_a_section() -> None:
    article = only(
        f"{PARA1}\n{PARA2}", title="Army retakes villages", comments=["Great piece.", "I disagree."]
    )
    assert kinds(article) == [
        ("title", "Army retakes villages"),
        ("paragraph", PARA1),
        ("paragraph", PARA2),
        ("comment", "Comments"),
        ("comment", "Great piece."),
        ("comment", "I disagree."),
    ]


def test_captions_by_wording() -> None:
    text = (
        "Army retakes villages\n\n"
        "A video grab made on October 12, 2015 purporting to show explosions after air strikes "
        "[AFP/Defence Ministry]\n\n"
        f"{PARA1}\n\n"
        "Ministers Jean Dupont, John Smith and Ali Hassan, (LtoR), in Vienna, October 23rd.\n\n"
        f"{PARA2}\n\n"
        "Residents inspect the damage in the old city on Tuesday. (Reuters/Jane Doe)\n\n"
        f"{PARA3}\n"
    )
    assert [b.kind for b in only(text).blocks] == [
        "title",
        "caption",
        "paragraph",
        "caption",
        "paragraph",
        "caption",
        "paragraph",
    ]


def test_pull_quotes_repeating_the_text_are_asides() -> None:
    body = (
        "“The group has entered a golden period,” observed analyst Jalal Zein Eddine, who has "
        "followed the war "
        "since it began and says the strikes changed the balance."
    )
    text = (
        f"{PARA1}\n\n{body}\n\n“The group has entered a golden period,” observed "
        f"analyst\n\n{PARA2}\n"
    )
    assert [b.kind for b in only(text).blocks] == [
        "paragraph",
        "paragraph",
        "pullquote",
        "paragraph",
    ]


def test_a_short_paragraph_is_not_a_pull_quote_of_itself() -> None:
    text = f"{PARA1}\n\nThe parties agreed to expanded talks.\n\n{PARA2}\n"
    assert [b.kind for b in only(text).blocks] == ["paragraph"] * 3


def test_bylines_datelines_and_syndication_tags_leave_the_body() -> None:
    text = (
        "Army retakes villages\n\nBy Jane Smith | (Example Comment) | – –\n\nPublished Monday 12 "
        "October 2015 10:32 GMT\n\n"
        f"(WIRE- The Example Weekly) {PARA1}\n\n{PARA2}\n"
    )
    article = only(text)
    assert [b.text for b in article.blocks] == ["Army retakes villages", PARA1, PARA2]
    assert article.meta[:2] == [
        "By Jane Smith | (Example Comment) | – –",
        "Published Monday 12 October 2015 10:32 GMT",
    ]
    assert article.sources == ["The Example Weekly"]


def test_a_drop_capital_after_an_article_starts_the_next_one() -> None:
    column = (
        "Officials said the strikes had hit \nthe area north of the city late \non Sunday, "
        "killing several \n"
        "fighters and wounding others.\n\n"
    )
    text = (
        " I \n\nn one of the strangest episodes \nof the war, rebel groups fight \neach other as "
        "well as the army.\n\n"
        + column
        + "Jane Smith is the Analysis section \neditor of The Example Weekly.\n"
        + " Civilians fleeing the recent fighting in the southern countryside of the city, \non "
        "October 21st.\n\n"
        + " T \n\nhere was little sign of \nagreement in Vienna after the \nministers met to "
        "discuss the war.\n\n" + column
    )
    first, second = clean_document(text)
    assert first.blocks[0].text.startswith("In one of the strangest episodes")
    assert [b.kind for b in first.blocks][-1] == "caption"
    assert (
        second.blocks[0].text
        == "There was little sign of agreement in Vienna after the ministers met to discuss the "
        "war."
    )


def test_a_headline_after_an_author_bio_starts_the_next_article() -> None:
    text = (
        f"First story title\n\n{PARA1}\n\n{PARA2}\n\nJane Smith is a correspondent for The "
        "Example Weekly.\n\n"
        f"Second story title\n\n{PARA3}\n\n{PARA1}\n"
    )
    first, second = clean_document(text)
    assert [b.kind for b in first.blocks] == ["title", "paragraph", "paragraph", "paragraph"]
    assert kinds(second)[0] == ("title", "Second story title")


def test_furniture_run_into_a_paragraph_end_is_cut() -> None:
    story = " ".join([PARA1, PARA2, PARA3])
    tail = (
        " Source Example and agencies Related News Another story | A third story Follow us on "
        "Instagram. "
        "Copyright 2018 Example World. Terms of Use Privacy Policy"
    )
    assert kinds(only(story + tail)) == [("paragraph", story + " Source Example and agencies")]
    early = "Print Tweet Views 729 Related Story about something " + story
    assert kinds(only(early)) == [
        ("paragraph", early)
    ]  # too early to be a tail: the text follows it


def test_mojibake_is_repaired_and_quotes_stay_curly() -> None:
    article = only("The ministerâ€™s â€œplanâ€\x9d failed â€” again.")
    assert article.blocks[0].text == "The minister’s “plan” failed — again."


def test_flattened_feed_text_splits_headline_dateline_and_story() -> None:
    story = (
        "At least seven people were killed and 20 wounded when a blast ripped through a bus in "
        "a central district of the Syrian capital on Sunday a monitoring group said. The Syrian "
        "Observatory for Human Rights said it was not immediately clear."
    )
    text = f"Seven dead 20 wounded in central Damascus blast Monitor AFP Sunday 1 Feb 2015 {story}"
    article = only(text)
    assert kinds(article) == [
        ("title", "Seven dead 20 wounded in central Damascus blast Monitor"),
        ("paragraph", story),
    ]
    assert article.meta == ["Sunday 1 Feb 2015"]


def test_leading_datelines_and_widgets_leave_the_body() -> None:
    story = " ".join(
        ["The shelling of the central neighbourhoods of Damascus left six people dead."] * 4
    )
    for lead in (
        "24.07.2016(updated 2042 24.07.2016) Get short URL 0 46",
        "Last updated at Aug 012016",
        "Date of publication 14 October 2016",
        "Print this page Tuesday 19 July 2016 16:45",
    ):
        article = only(f"{lead} {story}")
        assert article.meta == [lead]
        assert article.text == story
    article = only(f"Sun 10 Jul 2016 29 Syria Rebels Dead in Fighting for Key Road. {story}")
    assert kinds(article)[0] == ("title", "29 Syria Rebels Dead in Fighting for Key Road")
    # A sentence that opens with a date keeps it.
    opening = f"On 12 October 2015, Russian jets struck. {story}"
    assert only(opening).text == opening


def test_agency_credit_and_tag_lists_are_removed() -> None:
    deck = "Rebels said they had killed several fighters in the countryside south of the city."
    story = "The brigade announced on Monday that it had killed six fighters and injured others."
    article = only(
        f"{deck} Tags Syria Free Syrian Army Idlib The brigade {story[12:]} It said.--AFP"
    )
    assert article.text == f"{deck} The brigade {story[12:]} It said."
    # "Tags" in running text is not a tag list.
    kept = f"{story} Tags were found on the bodies of the dead, officials said."
    assert only(kept).text == kept


def test_nothing_left_gives_no_article() -> None:
    assert clean_document("Skip to main content\n\nSubscribe\n\n\x1b[31m\n") == []
    assert clean_document("") == []
