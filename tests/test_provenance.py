"""Provenance: every `text` in the bodies is the seed's own words, and every `reading` is published with its rule.

The eight bodies mark what they hold two ways (see `torctl.model.provenance`):
`text:` quotes the source exactly ("..." marks a cut), and `reading:` says where
a value is torctl's interpretation. A paraphrase held as the ToR's words, or a
reading that a document or verdict drops (an inference presented as stated),
fails here. The seeds are copied into tests/seeds/ from the project's sources.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BODY_IDS

from torctl.meetings.verdict import judge
from torctl.meetings.verdict import render as render_verdict
from torctl.model.provenance import is_quoted, quote_fragments, quote_problems, quotes, readings
from torctl.render import Templates, render_tor
from torctl.rules.attendance import resolve, written

SEEDS = Path(__file__).parent / "seeds"


def seed_text(body) -> str:
    return (SEEDS / body.source.seed).read_text(encoding="utf-8")


@pytest.mark.parametrize("body_id", sorted(BODY_IDS))
def test_every_text_is_the_seeds_own_words(tree, body_id):
    body = tree.bodies[body_id]
    problems = quote_problems(body, seed_text(body))
    assert problems == [], "\n".join(
        f"{'.'.join(map(str, m.loc))}: {m.words!r} is not in {body.source.seed}" for m in problems
    )
    assert len(quotes(body)) >= 5  # the rules carry their words, not only a few of them


def test_a_paraphrase_held_as_the_tors_words_is_caught(tree):
    body = tree.bodies["plymouth-improvement-board"]
    source = seed_text(body)
    # the old encoding's voting text: two passages run together and reworded
    paraphrase = body.voting.model_copy(
        update={
            "text": (
                "Whilst not a decision-making Board; any formal decisions follow Plymouth City Council's governance processes."
            )
        }
    )
    problems = quote_problems(body.model_copy(update={"voting": paraphrase}), source)
    assert [m.loc for m in problems] == [("voting", "text")]


def test_quotes_allow_cuts_and_section_pointers_but_keep_order():
    source = (
        "4.1 Executive group members will:\n - prepare for meetings.\n - attend all meetings and, if not, send someone."
    )
    assert is_quoted("Executive group members will: ... attend all meetings (4.1).", source)
    assert not is_quoted("attend all meetings ... Executive group members will", source)  # out of order
    assert not is_quoted("Executive group members will attend all meetings", source)  # a cut not marked
    assert quote_fragments("“Curly” – dash … and more (2.5, 2.7).") == ['"Curly" - dash', "and more"]


def test_quotes_are_held_character_for_character_but_for_dashes_quotes_and_line_breaks():
    """A capital, an added full stop or a changed word is a slip; a curly quote, a dash or a line break is not."""
    source = "7.1 The lead Cabinet Member attends – as a “participant observer”\nof the group; and more"
    assert is_quoted('The lead Cabinet Member attends - as a "participant observer" of the group', source)
    assert is_quoted("attends ... of the group (7.1)", source)  # a cut may drop punctuation either side
    assert not is_quoted("the lead Cabinet Member attends", source)  # a capital changed
    assert not is_quoted('as a "participant observer" of the group.', source)  # a full stop added
    assert not is_quoted("as a participant observer of the group", source)  # quotation marks dropped


@pytest.mark.parametrize("body_id", sorted(BODY_IDS))
def test_every_reading_is_published_with_the_document(tree, body_id):
    """A value the data marks as a reading never appears in a published ToR without the reading."""
    body = tree.bodies[body_id]
    marked = readings(body)
    markdown = render_tor(Templates.find(None, tree.root), tree, body, "md").decode("utf-8")
    document = " ".join(markdown.replace("\\", "").split())  # Markdown escapes dropped: the words as a reader sees them
    missing = [m for m in marked if " ".join(m.words.split()) not in document]
    assert marked and missing == [], missing


def test_every_body_records_its_readings(tree):
    """Each body where the seed is ambiguous says how it was read: at least one reading, or notes."""
    for body in tree.bodies.values():
        assert readings(body) or body.notes, body.id


def test_a_verdict_says_what_it_read_into_the_quorum(tree):
    body = tree.bodies["solihull-arg"]
    attendance, problems = resolve(
        body, tree.agencies, present=written("present", ["chair", "childrens-social-care", "cafcass"])
    )
    assert problems == []
    verdict = judge(body, tree.agencies, attendance)
    assert verdict.quorate is False  # two people from SMBC are one agency
    data = verdict.to_dict()
    class_reading = body.membership_classes[body.members[0].member_class].reading  # one post per listed agency
    # and the readings on the posts the verdict counts: which agency each of the two SMBC posts is read as in
    chair, social_care = body.member("chair"), body.member("childrens-social-care")
    assert chair is not None and social_care is not None
    assert data["readings"] == [
        body.quorum.reading,
        class_reading,
        f"{chair.role} [chair]: {chair.reading}",
        f"{social_care.role} [childrens-social-care]: {social_care.reading}",
    ]
    assert data["clauses"]["reading"] == body.quorum.reading
    text = "\n".join(render_verdict(verdict))
    assert f"Reading: {body.quorum.reading}" in text
