"""`torctl member ...`, `torctl chair set`, `torctl review record` through the command line, on scratch bodies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from edit_helpers import changes

from torctl.data.load import load_tree


@pytest.fixture
def edit(cli, scratch: Path):
    """Run `torctl --bodies <scratch> ARGS`."""
    return lambda *args: cli("--bodies", str(scratch), *args)


def body(scratch: Path, body_id: str):
    tree = load_tree(scratch)
    assert not [f for f in tree.findings if f.severity == "error"], tree.findings
    return tree.bodies[body_id]


# ---------------------------------------------------------------- members


def test_member_add_places_the_post_with_its_class_and_keeps_comments(edit, scratch: Path):
    path = scratch / "sefton-improvement-board.yaml"
    before = path.read_text()
    result = edit(
        "member",
        "add",
        "sefton-improvement-board",
        "icb-place-director",
        "--role",
        "ICB Place Director",
        "--agency",
        "sefton-nhs-ccg",
        "--class",
        "partner",
        "--holder",
        "Jane Smith",
    )
    assert result.exit_code == 0, result.stderr
    assert (
        "add post 'icb-place-director'" in result.stdout and "placed after 'dfe-improvement-advisor'" in result.stderr
    )
    removed, added = changes(before, path.read_text())
    assert removed == []
    assert added == [
        "  - id: icb-place-director",
        "    role: ICB Place Director",
        "    agency: sefton-nhs-ccg",
        "    holder: Jane Smith",
        "    class: partner",
    ]
    assert body(scratch, "sefton-improvement-board").member("icb-place-director").holder == "Jane Smith"


def test_member_add_after_a_post_and_with_overrides(edit, scratch: Path):
    result = edit(
        "member",
        "add",
        "solihull-strategic-quartet",
        "dcs-deputy",
        "--role",
        "Deputy Director",
        "--agency",
        "solihull-mbc",
        "--class",
        "attendee",
        "--votes",
        "no",
        "--counts-for-quorum",
        "no",
        "--attends",
        "when-relevant",
        "--after",
        "dcs",
        "--note",
        "Invited for improvement items.",
    )
    assert result.exit_code == 0, result.stderr
    quartet = body(scratch, "solihull-strategic-quartet")
    assert [m.id for m in quartet.members][3:5] == ["dcs", "dcs-deputy"]
    new = quartet.member("dcs-deputy")
    assert (new.votes, new.counts_for_quorum, new.attends, new.notes) == (
        False,
        False,
        "when-relevant",
        ["Invited for improvement items."],
    )


def test_member_add_refuses_an_existing_post_and_an_unknown_agency(edit, scratch: Path):
    before = (scratch / "solihull-lscp.yaml").read_bytes()
    result = edit("member", "add", "solihull-lscp", "dcs", "--role", "X", "--class", "core")
    assert result.exit_code == 2 and "already has a post 'dcs'" in result.stderr
    result = edit(
        "member", "add", "solihull-lscp", "icb-nurse", "--role", "X", "--class", "core", "--agency", "bsol-icbb"
    )
    assert result.exit_code == 2
    assert "unknown agency 'bsol-icbb' (did you mean 'bsol-icb' (BSol ICB)?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert (scratch / "solihull-lscp.yaml").read_bytes() == before


def test_member_add_of_an_undefined_class_is_refused(edit, scratch: Path):
    result = edit("member", "add", "solihull-rdg", "observer", "--role", "Observer", "--class", "participant-observer")
    assert result.exit_code == 1
    assert "R006 class 'participant-observer' is not defined under membership_classes" in result.stderr


def test_member_remove_keeps_every_other_line(edit, scratch: Path):
    path = scratch / "solihull-sscp-executive.yaml"
    before = path.read_text()
    result = edit("member", "remove", "solihull-sscp-executive", "police-chief-inspector")
    assert result.exit_code == 0, result.stderr
    removed, added = changes(before, path.read_text())
    assert added == [] and removed == [
        "  - id: police-chief-inspector",
        "    role: Chief Inspector (Public Protection)/Chair of the Learning and Development group",
        "    agency: west-midlands-police",
        "    class: core",
    ]


def test_member_remove_refuses_a_post_another_body_names(edit, scratch: Path):
    before = (scratch / "solihull-sscp-executive.yaml").read_bytes()
    result = edit("member", "remove", "solihull-sscp-executive", "police-dsp")
    assert result.exit_code == 1
    assert "dangling" in result.stderr and "solihull-strategic-quartet.yaml:110:11" in result.stderr
    assert (scratch / "solihull-sscp-executive.yaml").read_bytes() == before


def test_member_remove_unknown_post_suggests(edit):
    result = edit("member", "remove", "solihull-sscp-executive", "polce-dsp")
    assert result.exit_code == 2 and "did you mean 'police-dsp'" in result.stderr


def test_member_update_fills_a_vacancy_and_back(edit, scratch: Path):
    path = scratch / "plymouth-improvement-board.yaml"
    # the seed records no vacancy torctl can rely on (see the body's notes): record one first
    result = edit(
        "member", "update", "plymouth-improvement-board", "chief-nursing-officer", "--vacancy", "to-be-appointed"
    )
    assert result.exit_code == 0, result.stderr
    before = path.read_text()
    result = edit("member", "update", "plymouth-improvement-board", "chief-nursing-officer", "--holder", "Dr A Nurse")
    assert result.exit_code == 0, result.stderr
    removed, added = changes(before, path.read_text())
    assert removed == ["    vacancy: to-be-appointed"] and added == ["    holder: Dr A Nurse"]
    result = edit("member", "update", "plymouth-improvement-board", "chief-nursing-officer", "--vacancy", "vacant")
    assert result.exit_code == 0, result.stderr
    member = body(scratch, "plymouth-improvement-board").member("chief-nursing-officer")
    assert (member.holder, member.vacancy) == (None, "vacant")


def test_member_update_votes_override_and_back_to_class(edit, scratch: Path):
    path = scratch / "solihull-strategic-quartet.yaml"
    original = path.read_text()
    assert edit("member", "update", "solihull-strategic-quartet", "dfe-commissioner", "--votes", "yes").exit_code == 0
    assert body(scratch, "solihull-strategic-quartet").member("dfe-commissioner").votes is True
    assert edit("member", "update", "solihull-strategic-quartet", "dfe-commissioner", "--votes", "class").exit_code == 0
    assert path.read_text() == original


def test_member_update_needs_an_option(edit):
    result = edit("member", "update", "solihull-rdg", "chair")
    assert result.exit_code == 2 and "nothing to change" in result.stderr


def test_member_update_dry_run(edit, scratch: Path):
    before = (scratch / "solihull-rdg.yaml").read_bytes()
    result = edit("member", "update", "solihull-rdg", "chair", "--role", "Chair (Detective Superintendent, WMP)", "-n")
    assert result.exit_code == 0
    assert "-    role: Chair (West Midlands Police)\n+    role: Chair (Detective Superintendent, WMP)" in result.stdout
    assert "nothing was written" in result.stderr
    assert (scratch / "solihull-rdg.yaml").read_bytes() == before


# ---------------------------------------------------------------- substitutes


def test_substitute_with_delegated_authority(edit, scratch: Path):
    path = scratch / "sefton-improvement-board.yaml"
    before = path.read_text()
    result = edit("member", "substitute", "sefton-improvement-board", "chief-executive", "Jane Doe", "--delegated")
    assert result.exit_code == 0, result.stderr
    removed, added = changes(before, path.read_text())
    assert removed == []
    assert added == ["    substitutes:", "      - name: Jane Doe", "        delegated_authority: true"]


def test_substitute_without_authority_where_the_tor_requires_it_warns(edit, scratch: Path):
    result = edit("member", "substitute", "sefton-improvement-board", "chief-executive", "Jane Doe")
    assert result.exit_code == 0
    assert "will not count toward quorum" in result.stderr
    sub = body(scratch, "sefton-improvement-board").member("chief-executive").substitutes[0]
    assert (sub.name, sub.delegated_authority) == ("Jane Doe", False)


def test_substitute_limit_and_replace(edit, scratch: Path):
    """Plymouth: each member names one substitute."""
    assert edit("member", "substitute", "plymouth-improvement-board", "leader", "A Deputy").exit_code == 0
    result = edit("member", "substitute", "plymouth-improvement-board", "leader", "B Deputy")
    assert result.exit_code == 1 and "allows 1 named substitute per member" in result.stderr
    assert edit("member", "substitute", "plymouth-improvement-board", "leader", "B Deputy", "--replace").exit_code == 0
    assert [s.name for s in body(scratch, "plymouth-improvement-board").member("leader").substitutes] == ["B Deputy"]
    result = edit("member", "substitute", "plymouth-improvement-board", "leader", "B Deputy", "--remove")
    assert result.exit_code == 0
    assert body(scratch, "plymouth-improvement-board").member("leader").substitutes == []


def test_substitute_second_one_and_update(edit, scratch: Path):
    assert edit("member", "substitute", "solihull-sscp-executive", "dcs", "A One").exit_code == 0
    assert (
        edit("member", "substitute", "solihull-sscp-executive", "dcs", "B Two", "--role", "Head of Service").exit_code
        == 0
    )
    assert edit("member", "substitute", "solihull-sscp-executive", "dcs", "a one", "--delegated").exit_code == 0
    subs = body(scratch, "solihull-sscp-executive").member("dcs").substitutes
    assert [(s.name, s.role, s.delegated_authority) for s in subs] == [
        ("A One", None, True),
        ("B Two", "Head of Service", None),
    ]
    result = edit("member", "substitute", "solihull-sscp-executive", "dcs", "C Three", "--remove")
    assert result.exit_code == 2 and "no substitute named 'C Three'" in result.stderr


# ---------------------------------------------------------------- chair


def test_chair_set_post(edit, scratch: Path):
    result = edit("chair", "set", "solihull-strategic-quartet", "--post", "leader")
    assert result.exit_code == 0, result.stderr
    assert "text still reads" in result.stderr
    chair = body(scratch, "solihull-strategic-quartet").chair
    assert (chair.mode, chair.post) == ("post", "leader")
    assert chair.responsibilities  # kept


def test_chair_set_unknown_post_is_refused(edit, scratch: Path):
    result = edit("chair", "set", "solihull-strategic-quartet", "--post", "lead")
    assert result.exit_code == 1 and "unknown post 'lead'" in result.stderr


def test_chair_rotation_turn_is_recorded(edit, scratch: Path):
    path = scratch / "solihull-sscp-executive.yaml"
    before = path.read_text()
    result = edit(
        "chair",
        "set",
        "solihull-sscp-executive",
        "--current",
        "police-dsp",
        "--since",
        "2024-04",
        "--order",
        "dcs,icb-dsp,police-dsp",
    )
    assert result.exit_code == 0, result.stderr
    removed, added = changes(before, path.read_text())
    assert removed == [] and added == [
        "    order: [dcs, icb-dsp, police-dsp]",
        "    current: police-dsp",
        "    since: 2024-04",
    ]
    from torctl.calendar.deadlines import chair_on

    assert chair_on(body(scratch, "solihull-sscp-executive"), dt.date(2025, 6, 1)).post == "dcs"


def test_chair_set_rotation_and_vacant_deputy(edit, scratch: Path):
    result = edit("chair", "set", "solihull-rdg", "--rotate", "chair,childrens-social-care", "--every-months", "6")
    assert result.exit_code == 0, result.stderr
    chair = body(scratch, "solihull-rdg").chair
    assert (
        chair.mode == "rotation" and chair.post is None and chair.rotation.among == ["chair", "childrens-social-care"]
    )
    assert chair.rotation.period.months == 6
    result = edit("chair", "set", "solihull-rdg", "--deputy", "--post", "bsol-ccg", "--text", "Deputy Chair - BSol CCG")
    assert result.exit_code == 0, result.stderr
    deputy = body(scratch, "solihull-rdg").deputy_chair
    assert (deputy.mode, deputy.post, deputy.text) == ("post", "bsol-ccg", "Deputy Chair - BSol CCG")


def test_chair_set_new_deputy_where_there_was_none(edit, scratch: Path):
    result = edit("chair", "set", "solihull-lscp", "--deputy", "--post", "dcs")
    assert result.exit_code == 0, result.stderr
    text = (scratch / "solihull-lscp.yaml").read_text()
    assert (
        "    - Agenda planning and preparation in conjunction with the LSCP Business Manager.\ndeputy_chair:\n  mode: post\n  post: dcs\n\nquorum:"
        in text
    )


def test_chair_set_turn_without_rotation(edit):
    result = edit("chair", "set", "solihull-rdg", "--current", "chair")
    assert result.exit_code == 2 and "does not rotate" in result.stderr


# ---------------------------------------------------------------- review record


def test_review_record_with_cadence_sets_next_due(edit, scratch: Path):
    path = scratch / "solihull-strategic-quartet.yaml"
    before = path.read_text()
    result = edit("review", "record", "solihull-strategic-quartet", "--date", "2024-09-20", "--by", "Strategic Quartet")
    assert result.exit_code == 0, result.stderr
    assert "next review due 20 September 2025" in result.stderr
    after = path.read_text()
    removed, added = changes(before, after)
    assert removed == ['  last_reviewed: 2023-09    # "Last Review Date: September 2023": a month, not a day']
    assert added == [
        '  last_reviewed: 2024-09-20 # "Last Review Date: September 2023": a month, not a day',
        "  next_due: 2025-09-20",
        "  history:",
        "    - date: 2024-09-20",
        "      by: Strategic Quartet",
    ]
    review = body(scratch, "solihull-strategic-quartet").review
    assert str(review.next_review_due()) == "2025-09-20" and review.latest_review().day == 20


def test_review_record_month_precision_and_a_second_review(edit, scratch: Path):
    assert edit("review", "record", "solihull-strategic-quartet", "--date", "2024-09").exit_code == 0
    result = edit(
        "review", "record", "solihull-strategic-quartet", "--date", "2025-08-01", "--notes", "Membership refreshed"
    )
    assert result.exit_code == 0, result.stderr
    assert "rolled forward from September 2025" not in result.stderr  # 2025-09 is still after 2025-08-01: kept
    review = body(scratch, "solihull-strategic-quartet").review
    assert [str(r.date) for r in review.history] == ["2024-09", "2025-08-01"]
    assert str(review.next_due) == "2025-09"


def test_review_record_rolls_a_past_explicit_date_forward(edit, scratch: Path):
    assert edit("review", "record", "solihull-strategic-quartet", "--date", "2024-09").exit_code == 0
    result = edit("review", "record", "solihull-strategic-quartet", "--date", "2025-10-03")
    assert result.exit_code == 0, result.stderr
    assert "rolled forward from September 2025" in result.stderr
    assert str(body(scratch, "solihull-strategic-quartet").review.next_due) == "2026-10-03"


def test_review_record_six_monthly(edit, scratch: Path):
    result = edit("review", "record", "plymouth-improvement-board", "--date", "2024-01-31", "--by", "The Board")
    assert result.exit_code == 0, result.stderr
    assert str(body(scratch, "plymouth-improvement-board").review.next_due) == "2024-07-31"


def test_review_record_without_cadence_leaves_next_due_and_says_so(edit, scratch: Path):
    path = scratch / "sefton-improvement-board.yaml"
    result = edit("review", "record", "sefton-improvement-board", "--date", "2024-06-12", "--by", "The Board")
    assert result.exit_code == 0, result.stderr
    assert "no review cadence" in result.stderr and "unknown_reason still reads" in result.stderr
    review = body(scratch, "sefton-improvement-board").review
    assert review.next_due is None and str(review.last_reviewed) == "2024-06-12"
    assert (
        "  approved_by: The Board (changes to membership can be agreed by the Board)\n  last_reviewed"
        not in path.read_text()
    )


def test_review_record_without_cadence_and_a_past_due_date_needs_next_due(edit, scratch: Path):
    before = (scratch / "solihull-sscp-executive.yaml").read_bytes()
    result = edit("review", "record", "solihull-sscp-executive", "--date", "2024-05-10")
    assert result.exit_code == 2 and "pass --next-due" in result.stderr
    assert (scratch / "solihull-sscp-executive.yaml").read_bytes() == before
    result = edit("review", "record", "solihull-sscp-executive", "--date", "2024-05-10", "--next-due", "2025-03")
    assert result.exit_code == 0, result.stderr
    review = body(scratch, "solihull-sscp-executive").review
    assert (str(review.last_reviewed), str(review.next_due)) == ("2024-05-10", "2025-03")
    text = (scratch / "solihull-sscp-executive.yaml").read_text()
    assert '  next_due: 2025-03       # "These terms of reference will be reviewed in March 2024."' in text


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2099-01-01", "in the future"),
        ("2023-08", "is earlier"),
        ("12/13/2024", "has no month 13"),
        ("2024-13", "is not a month"),
    ],
)
def test_review_record_bad_dates(edit, date: str, message: str):
    result = edit("review", "record", "solihull-strategic-quartet", "--date", date)
    assert result.exit_code == 2 and message in result.stderr


def test_review_record_twice_on_one_date(edit):
    assert edit("review", "record", "plymouth-improvement-board", "--date", "2024-01-31").exit_code == 0
    result = edit("review", "record", "plymouth-improvement-board", "--date", "2024-01-31")
    assert result.exit_code == 2 and "already recorded" in result.stderr


def test_help_lists_the_edit_commands(cli):
    result = cli("--help")
    for command in ("member", "chair", "review"):
        assert command in result.stdout
    assert "record" in cli("review", "--help").stdout


# ---------------------------------------------------------------- what to pass, in the command's own options

QUARTET_CHAIR = "The Strategic Quartet will be chaired by the Chief Executive of the Council"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("chair", "set", "solihull-strategic-quartet", "--independent"),
            "error: --independent goes with --post (the independent chair's post)",
        ),
        (
            ("chair", "set", "solihull-strategic-quartet", "--post", "leader", "--rotate", "dcs,police"),
            "error: give one of --post, --rotate, --vacant or --not-stated",
        ),
        (
            ("chair", "set", "solihull-strategic-quartet"),
            "error: nothing to change: give --post, --rotate, --vacant, --not-stated, --current/--since or --text",
        ),
        (
            ("chair", "set", "solihull-strategic-quartet", "--current", "dcs"),
            "error: the chair of solihull-strategic-quartet does not rotate; --current, --since and --order need a "
            "rotation",
        ),
        (
            ("chair", "set", "solihull-lscp", "--deputy", "--current", "dcs"),
            "error: solihull-lscp has no deputy chair; give --post, --rotate, --vacant or --not-stated",
        ),
        (
            ("chair", "set", "solihull-strategic-quartet", "--post", "leader"),
            f'note: the chair\'s text still reads "{QUARTET_CHAIR}"; pass --text to update it\n'
            "dry run: would set the chair of solihull-strategic-quartet: post 'leader'; nothing was written",
        ),
        (
            ("member", "update", "solihull-lscp", "dcs", "--holder", "A Person", "--clear-holder"),
            "error: give either --holder, or --vacancy / --clear-holder, not both",
        ),
        (
            ("member", "substitute", "sefton-improvement-board", "chief-executive", "Jane Doe"),
            "note: the ToR requires delegated authority: this substitute will not count toward quorum or votes; "
            "pass --delegated if they hold the member's delegated authority\n"
            "dry run: would record substitute Jane Doe for Chief Executive in sefton-improvement-board; "
            "nothing was written",
        ),
        (
            ("review", "record", "solihull-arg", "--date", "2026-01-01"),
            "note: the ToR gives no review cadence, so no next review date is set; pass --next-due DATE to set one\n"
            'note: review.unknown_reason still reads "The arrangements give no review date or cadence for the ARG '
            'terms of reference."; edit or remove it if it no longer applies\n'
            "dry run: would record a review of solihull-arg on 1 January 2026; nothing was written",
        ),
    ],
)
def test_what_to_pass_is_named_as_the_commands_option(edit, args, said):
    """The edit operations name the parameters a user may set; the CLI names them as its options."""
    result = edit(*args, "--dry-run")
    assert result.stderr == said + "\n"


def test_a_refused_edit_names_the_option_that_would_do_it(edit):
    assert edit("member", "substitute", "plymouth-improvement-board", "leader", "A Deputy").exit_code == 0
    result = edit("member", "substitute", "plymouth-improvement-board", "leader", "B Deputy")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: plymouth-improvement-board's ToR allows 1 named substitute per member and Leader of Plymouth City "
        "Council (Cllr Tudor Evans OBE) already has A Deputy; pass --replace to replace, or remove one first; "
        "nothing was written\n"
    )
