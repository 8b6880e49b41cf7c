"""Issue 12, part 5: period headlines, wire credits, picture labels, widgets in
other languages and appended stories.  Every page here is written for the test."""

from __future__ import annotations

import pytest

from dragoman.clean import clean
from dragoman.clean.data import load
from dragoman.clean.layout import headline_with_period
from dragoman.clean.widgets import is_more_heading, is_widget, media_label
from dragoman.model import RawArticle

LEAD = ("The foreign minister of Norland on Thursday ordered eleven diplomats of Southmark to leave "
        "the country within a week, the ministry said in a statement.")
MORE = ("The ministry accused the diplomats of gathering information on the port of Velsa and said "
        "the decision was final.")
LAST = "Southmark's embassy in the capital did not answer calls on Thursday evening."


def cleaned(*lines: str):
    return clean(RawArticle(text="\n".join(lines)))


def removed(doc) -> dict[str, str]:
    return {r.text: r.reason for r in doc.removed}


# --- headlines that end in a period --------------------------------------------------

@pytest.mark.parametrize("head", [
    "Norland expels eleven Southmark diplomats over spying claims.",
    "Norland Expels Eleven Diplomats From Southmark.",
    "‘We will not be spied on’: Norland expels eleven diplomats.",
])
def test_headline_ending_in_a_period_is_the_title(head):
    doc = cleaned(head, "", LEAD, "", MORE)
    assert doc.title == head
    assert doc.text.startswith(LEAD)          # the headline does not run into the first sentence


@pytest.mark.parametrize("first", [
    "The minister left the capital on Thursday.",        # a lead: article and day of the news
    "Talks ended. Both sides went home.",                 # two sentences
    LEAD,                                                 # long, and longer than what follows
])
def test_a_first_sentence_is_not_taken_for_a_headline(first):
    assert cleaned(first, "", MORE, "", LAST).title is None


def test_headline_with_period_rule():
    assert headline_with_period("Rebels take second town in the north.", LEAD)
    assert not headline_with_period("Rebels take second town in the north.", "Short paragraph.")
    assert not headline_with_period("Talks resume in the U.S.", LEAD)      # the abbreviation rule handles it
    assert not headline_with_period("the talks resume today.", LEAD)


# --- wire photo credits ----------------------------------------------------------------

@pytest.mark.parametrize("credit", [
    "Marta Lind – Pool – Reuters",
    "Jonas Berg - Pool/Getty Images",
    "TOMAS VARGA/Pool via REUTERS",
    "Photo by Ana Costa, Pool, AP",
])
def test_wire_credit_is_never_the_title(credit):
    doc = cleaned(credit, "", LEAD, "", MORE)
    assert doc.title is None and credit not in doc.text
    assert removed(doc)[credit] == "credit"
    doc = cleaned("Norland expels eleven Southmark diplomats", "", credit, "", LEAD, "", MORE)
    assert doc.title == "Norland expels eleven Southmark diplomats" and credit not in doc.text


def test_caption_then_dash_credit_after_alt_text():
    doc = cleaned("Norland expels eleven Southmark diplomats", "", LEAD, "",
                  "Вид на порт Велса", "The port of Velsa at dawn. — NNA", "", MORE)
    assert [(m.caption, m.credit) for m in doc.media] == [("The port of Velsa at dawn", "NNA")]


# --- "Image copyright" / "Image caption" ----------------------------------------------

def test_image_copyright_and_caption_lines_are_one_media_item():
    doc = cleaned("Norland expels eleven Southmark diplomats", "", LEAD, "",
                  "Image copyright Nordic Photo Agency", "Image caption The foreign minister speaks in parliament",
                  "", MORE, "", LAST)
    assert "Image" not in doc.text and doc.text.count("\n\n") == 2
    assert removed(doc) == {"Image copyright Nordic Photo Agency": "credit",
                            "Image caption The foreign minister speaks in parliament": "caption"}
    assert [(m.caption, m.credit) for m in doc.media] == [
        ("The foreign minister speaks in parliament", "Nordic Photo Agency")]


def test_media_labels():
    assert media_label("Image source, Getty Images") == ("credit", "Getty Images")
    assert media_label("Media caption: Protesters gather outside the embassy") == (
        "caption", "Protesters gather outside the embassy")
    assert media_label("Image makers say the copyright law is unfair.") is None


# --- share bars and read-more links in other languages --------------------------------

@pytest.mark.parametrize("line", [
    "Paylaş: Facebook | Twitter",
    "Paylaş",
    "Compartir en WhatsApp",
    "Teilen",
    "Partager : Facebook · X · E-mail",
    "Share: Facebook | X | Telegram",
    "Facebook | Twitter | WhatsApp",
    "Read more: Norland recalls its ambassador",
    "Lesen Sie auch: Norland ruft Botschafter zurück",
    "Leer más: Norland llama a consultas a su embajador",
    "Devamını oku",
    "Baca juga: Norland memanggil pulang duta besarnya",
])
def test_widgets_in_any_language_are_removed(line):
    assert is_widget(line)
    doc = cleaned("Norland expels eleven Southmark diplomats", "", LEAD, "", line, "", MORE)
    assert removed(doc) == {line: "boilerplate"}
    assert doc.text == f"{LEAD}\n\n{MORE}"


@pytest.mark.parametrize("line", [
    "Share prices in Velsa fell sharply after the announcement.",
    "Facebook said it had removed the accounts.",
    "Read the full statement below, the ministry said.",
    "Teilen is a word the minister used in German.",
])
def test_body_lines_are_not_widgets(line):
    assert not is_widget(line)


def test_widget_words_are_data():
    widgets = load().widgets
    assert {"paylaş", "compartir", "teilen", "partager"} <= set(widgets["share"])
    assert {"read more", "lesen sie auch", "leer más"} <= set(widgets["read_more"])
    assert {"facebook", "twitter", "whatsapp"} <= set(widgets["network"])


# --- a trailing story on another subject ------------------------------------------------

OTHER = ["Floods close the coastal road to Marrow",
         "Heavy rain closed the coastal road to Marrow for a second day, and Dunmore county asked residents to stay home.",
         "Engineers from Harlow Water said the river would peak on Saturday."]


@pytest.mark.parametrize("marker", ["More stories", "Related", "Also read:", "İlgili Haberler", "Noticias relacionadas"])
def test_story_after_a_more_stories_heading_is_not_coded(marker):
    doc = cleaned("Norland expels eleven Southmark diplomats", "", LEAD, "", MORE, "", LAST, "", marker, "",
                  OTHER[0], "", OTHER[1], "", OTHER[2])
    assert doc.text == f"{LEAD}\n\n{MORE}\n\n{LAST}"
    assert all(removed(doc)[line] == "boilerplate" for line in [marker, *OTHER])


def test_more_heading_early_in_the_text_cuts_nothing():
    doc = cleaned("Norland expels eleven Southmark diplomats", "", LEAD, "", "Related", "", MORE, "", LAST,
                  "", OTHER[1], "", OTHER[2])
    assert MORE in doc.text and OTHER[2] in doc.text


def test_unrelated_story_after_the_end_mark_is_not_coded():
    doc = cleaned("Norland expels eleven Southmark diplomats", "", LEAD, "", MORE, "", LAST, "", "(END)", "",
                  *OTHER)
    assert doc.text == f"{LEAD}\n\n{MORE}\n\n{LAST}"
    assert removed(doc)[OTHER[1]] == "boilerplate"


def test_related_text_after_the_end_mark_stays():
    follow = "Southmark said on Friday it would expel eleven diplomats of Norland in return."
    doc = cleaned("Norland expels eleven Southmark diplomats", "", LEAD, "", MORE, "", LAST, "", "-30-", "", follow)
    assert follow in doc.text


def test_more_heading_rule():
    assert is_more_heading("More stories") and is_more_heading("RELATED:")
    assert not is_more_heading("More stories will follow as the talks go on.")
