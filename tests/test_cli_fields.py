"""`torctl set` / `unset` by schema path, and the keyed-list commands (class, item, duty, majority, interest,
question), through the command line on scratch bodies; and the value forms and paths in the core."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from edit_helpers import changes

from torctl.change.paths import PathProblem, completions, resolve
from torctl.change.values import ValueProblem, parse_value
from torctl.data.load import load_tree
from torctl.model import Cadence, Deadline, PartialDate, Period


@pytest.fixture
def edit(cli, scratch: Path):
    return lambda *args: cli("--bodies", str(scratch), *args)


def body(scratch: Path, body_id: str):
    tree = load_tree(scratch)
    assert not [f for f in tree.findings if f.severity == "error"], tree.findings
    return tree.bodies[body_id]


# ---------------------------------------------------------------- values as people write them


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("5 working days", {"working_days": 5}),
        ("two weeks", {"weeks": 2}),
        ("10 clear days", {"clear_days": 10}),
        ("3 months", {"months": 3}),
        ("a year", {"months": 12}),
        ("a fortnight", {"weeks": 2}),
        ("24 hours", {"hours": 24}),
    ],
)
def test_periods(text, data):
    assert parse_value(Period, text).data == data


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("monthly", {"frequency": "monthly"}),
        ("quarterly", {"frequency": "quarterly"}),
        ("six times a year", {"frequency": "per-year", "times_per_year": 6}),
        ("every 2 months in term time", {"frequency": "bi-monthly", "term_time_only": True}),
        ("Every 6 weeks", {"frequency": "every-n-weeks", "weeks": 6}),
        ("monthly, unless agreed otherwise", {"frequency": "monthly", "unless_agreed_otherwise": True}),
        ("every 4 months", {"frequency": "per-year", "times_per_year": 3}),
    ],
)
def test_cadences(text, data):
    assert parse_value(Cadence | None, text).data == data


def test_deadlines_dates_and_not_stated():
    assert parse_value(Deadline, "at least 5 working days before").data == {
        "period": {"working_days": 5},
        "bound": "at-least",
    }
    assert parse_value(Deadline, "within two weeks").data == {"period": {"weeks": 2}, "bound": "within"}
    assert parse_value(PartialDate | None, "2024-03").data == PartialDate(2024, 3)  # a month stays a month
    assert parse_value(PartialDate | None, "12 March 2024").data == PartialDate(2024, 3, 12)
    assert parse_value(PartialDate | None, "not stated").data is None


@pytest.mark.parametrize(
    ("kind", "text", "nearest"),
    [
        (Period, "5 workng days", "5 working days"),
        (Period, "tow weeks", "two weeks"),
        (Cadence, "quartely", "quarterly"),
        (PartialDate, "Marhc 2024", "March 2024"),
    ],
)
def test_a_bad_value_names_the_forms_and_the_nearest(kind, text, nearest):
    with pytest.raises(ValueProblem) as caught:
        parse_value(kind, text)
    assert f"the nearest valid value: '{nearest}'" in caught.value.message
    assert "write " in caught.value.message


def test_paths_resolve_ids_and_suggest(tree):
    data = json.loads(tree.bodies["solihull-sscp-executive"].model_dump_json(by_alias=True))
    assert resolve(data, "members.police-dsp.class").current == "core"
    assert resolve(data, "membership_classes.core.votes").exists
    with pytest.raises(PathProblem, match="did you mean 'quorum'"):
        resolve(data, "quorom")
    with pytest.raises(PathProblem, match="did you mean 'police-dsp'"):
        resolve(data, "members.police-dps.class")
    assert "members.police-dsp" in completions(data, "members.pol")
    assert "administration.papers" in completions(data, "administration.pa")


# ---------------------------------------------------------------- set and unset


def test_set_a_deadline_keeps_comments_and_reads_back(edit, scratch: Path):
    path = scratch / "solihull-arg.yaml"
    before = path.read_text()
    result = edit("set", "solihull-arg", "administration.papers", "at least 5 working days before")
    assert result.exit_code == 0, result.stderr
    removed, added = changes(before, path.read_text())
    assert removed == []
    assert added == ["administration:", "  papers:", "    period:", "      working_days: 5", "    bound: at-least"]
    papers = body(scratch, "solihull-arg").administration.papers
    assert papers is not None and papers.period == Period(working_days=5) and papers.bound == "at-least"
    assert "# the ToR says nothing about voting" in path.read_text()


def test_set_by_post_id_and_class_with_dry_run_in_plain_english(edit, scratch: Path):
    before = (scratch / "solihull-arg.yaml").read_bytes()
    result = edit("set", "solihull-arg", "quorum.count", "four", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "-  count: 3\n+  count: 4" in result.stdout
    assert "In plain English:" in result.stdout and "at least four member agencies" in result.stdout
    assert (scratch / "solihull-arg.yaml").read_bytes() == before
    assert edit("set", "solihull-arg", "membership_classes.core.votes", "yes").exit_code == 0
    assert body(scratch, "solihull-arg").membership_classes["core"].votes is True


def test_set_a_cadence_keeps_the_tors_words(edit, scratch: Path):
    result = edit("set", "solihull-elrag", "meetings.cadence", "every 3 months in term time")
    assert result.exit_code == 0, result.stderr
    assert "the ToR's words kept" in result.stderr
    cadence = body(scratch, "solihull-elrag").meetings.cadence
    assert cadence is not None and cadence.frequency == "quarterly" and cadence.term_time_only is True
    assert cadence.text == "Frequency of meeting: Bi-monthly during term time"


def test_set_a_fragment_is_checked_with_lines_and_columns_in_the_value(edit, scratch: Path):
    before = (scratch / "solihull-arg.yaml").read_bytes()
    result = edit("set", "solihull-arg", "quorum", "{rule: at-least,\n  count: 0, counting: agencie}")
    assert result.exit_code == 2
    assert "VALUE:2:3: error S003 'count' input should be greater than or equal to 1, got 0" in result.stderr
    assert "VALUE:2:13: error S003 'counting' must be one of: members, agencies" in result.stderr
    assert "(did you mean 'agencies'?)" in result.stderr
    assert (scratch / "solihull-arg.yaml").read_bytes() == before
    good = edit("set", "solihull-arg", "quorum", '{"rule": "at-least", "count": 2, "counting": "agencies"}')
    assert good.exit_code == 0, good.stderr
    assert body(scratch, "solihull-arg").quorum.count == 2  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("quorm", "3"), "did you mean 'quorum'?"),
        (("members.chiar.class", "core"), "did you mean 'chair'?"),
        (("members.chair.class", "advisr"), "the nearest valid value: 'adviser'"),
        (("administration.minutes.period", "two weks"), "the nearest valid value: 'two weeks'"),
        (("substitution.delegated_authority_required", "maybe"), 'takes "yes" or "no"'),
        (("review.next_due", "2024-13"), "2024-13"),
    ],
)
def test_bad_paths_and_values_exit_2_writing_nothing(edit, scratch: Path, args, said):
    before = (scratch / "solihull-arg.yaml").read_bytes()
    result = edit("set", "solihull-arg", *args)
    assert result.exit_code == 2, result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr
    assert (scratch / "solihull-arg.yaml").read_bytes() == before


def test_an_invalid_result_is_refused(edit, scratch: Path):
    result = edit("set", "solihull-arg", "members.chair.class", "adviser")
    assert result.exit_code == 1
    assert "R006 class 'adviser' is not defined" in result.stderr and "nothing was written" in result.stderr


def test_unset_goes_back_to_not_stated(edit, scratch: Path):
    result = edit("unset", "solihull-arg", "quorum", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["written"] and any("weakens governance" in line for line in report["changes"])
    assert body(scratch, "solihull-arg").quorum.rule == "not-stated"
    assert edit("unset", "solihull-arg", "meetings.venue").stderr.startswith("note: nothing to change")
    refused = edit("unset", "solihull-arg", "name")
    assert refused.exit_code == 2 and "set it instead" in refused.stderr


def test_set_append_and_list_of_ids(edit, scratch: Path):
    assert edit("set", "solihull-arg", "responsibilities", "Audit the audits", "--append").exit_code == 0
    assert body(scratch, "solihull-arg").responsibilities[-1] == "Audit the audits"
    result = edit("set", "solihull-sscp-executive", "quorum.agencies", "solihull-mbc, bsol-icb, west-midlands-police")
    assert result.exit_code == 0, result.stderr
    assert "nothing to change" in result.stderr


# ---------------------------------------------------------------- keyed lists


def test_class_add_lets_a_post_use_it_and_remove_is_refused_while_used(edit, scratch: Path):
    missing = edit("member", "add", "solihull-arg", "legal", "--role", "Legal adviser", "--class", "adviser")
    assert missing.exit_code == 1 and "class 'adviser' is not defined" in missing.stderr
    added = edit("class", "add", "solihull-arg", "adviser", "--votes", "no", "--counts-for-quorum", "no")
    assert added.exit_code == 0, added.stderr
    assert (
        edit("member", "add", "solihull-arg", "legal", "--role", "Legal adviser", "--class", "adviser").exit_code == 0
    )
    rule = body(scratch, "solihull-arg").membership_classes["adviser"]
    assert rule.votes is False and rule.counts_for_quorum is False and rule.attends is None
    again = edit("class", "add", "solihull-arg", "adviser", "--votes", "no", "--counts-for-quorum", "no")
    assert again.exit_code == 2 and "already defines class 'adviser'" in again.stderr
    refused = edit("class", "remove", "solihull-arg", "adviser")
    assert refused.exit_code == 1 and "still used by legal" in refused.stderr
    typo = edit("class", "add", "solihull-arg", "advisor", "--votes", "no", "--counts-for-quorum", "not-stated")
    assert typo.exit_code == 2 and "did you mean 'adviser'" in typo.stderr
    assert edit("member", "remove", "solihull-arg", "legal").exit_code == 0
    assert edit("class", "remove", "solihull-arg", "adviser").exit_code == 0


def test_items_duties_majorities_interests(edit, scratch: Path):
    assert edit("item", "add", "solihull-arg", "Performance report", "--presenter-posts", "chair").exit_code == 0
    duty = edit("duty", "add", "solihull-arg", "Audit", "--by", "chair", "--every", "six weeks")
    assert duty.exit_code == 0, duty.stderr
    bad = edit("duty", "add", "solihull-arg", "Audit 2", "--every", "six weaks")
    assert bad.exit_code == 2 and "the nearest valid value: 'six weeks'" in bad.stderr
    majority = edit("majority", "add", "solihull-arg", "change-tor", "--of", "present-and-voting", "--share", "2/3")
    assert majority.exit_code == 0, majority.stderr
    interest = edit("interest", "add", "solihull-arg", "conflict", "--may-vote", "no", "--leaves-room", "chair-decides")
    assert interest.exit_code == 0, interest.stderr
    arg = body(scratch, "solihull-arg")
    assert arg.standing_items[-1].presenter is not None and arg.standing_items[-1].presenter.posts == ["chair"]
    assert arg.duties[-1].title == "Audit" and arg.duties[-1].every == Period(weeks=6)
    assert arg.voting.special("change-tor") is not None
    assert arg.procedure.interests is not None and arg.procedure.interests.kinds[0].leaves_room == "chair-decides"
    assert edit("item", "remove", "solihull-arg", "performance report").exit_code == 0
    assert edit("duty", "remove", "solihull-arg", "Audit").exit_code == 0
    assert edit("majority", "remove", "solihull-arg", "change-tor").exit_code == 0
    gone = edit("majority", "remove", "solihull-arg", "change-tor")
    assert gone.exit_code == 2
    arg = body(scratch, "solihull-arg")
    assert all(d.title != "Audit" for d in arg.duties) and not arg.voting.special_majorities


def test_question_resolve_sets_the_field_and_closes_it(edit, scratch: Path):
    path = scratch / "solihull-arg.yaml"
    path.write_text(
        path.read_text()
        + "open_questions:\n  - kind: to-do\n    field: meetings.venue\n    words: Meetings are held at the Council House.\n"
    )
    listed = edit("question", "list", "solihull-arg")
    assert listed.exit_code == 0 and "1. to-do [meetings.venue]" in listed.stdout
    assert edit("validate", "--strict").exit_code == 1
    result = edit("question", "resolve", "solihull-arg", "1", "--set", "Council House")
    assert result.exit_code == 0, result.stderr
    arg = body(scratch, "solihull-arg")
    assert arg.meetings.venue == "Council House" and arg.open_questions == []
    assert edit("question", "resolve", "solihull-arg", "1").exit_code == 2
