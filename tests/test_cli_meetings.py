"""`torctl check-quorum` and `torctl attendance` end to end: verdicts, exit codes, JSON, records and errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

SSCP = "solihull-sscp-executive"
SEFTON = "sefton-improvement-board"


def as_json(result) -> dict:
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def write_record(bodies: Path, name: str, text: str) -> Path:
    path = bodies / "attendance" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# ---------------------------------------------------------------- verdicts and exit codes


def test_sscp_two_of_three_partners_is_not_quorate_and_says_who_could_fill(cli):
    result = cli("check-quorum", SSCP, "--present", "dcs", "--present", "icb-dsp", "--present", "cabinet member")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "SSCP Executive Group: NOT QUORATE"
    assert "missing: WMP" in result.stdout
    assert "Borough Commander (DSP) [police-dsp], WMP: not attending" in result.stdout
    assert "or in their place: a suitable person from WMP" in result.stdout
    assert "participant observer" in result.stdout


def test_sscp_a_suitable_person_from_the_absent_agency_makes_it_quorate(cli):
    result = cli("check-quorum", SSCP, "-p", "dcs", "-p", "icb-dsp", "--sub", "Jane Smith for Borough Commander")
    assert result.exit_code == 0
    assert "QUORATE" in result.stdout and "Jane Smith (for Borough Commander (DSP))" in result.stdout


def test_sefton_needs_partners_and_the_political_executive(cli):
    partners = ["-p", "chief executive", "-p", "ccg-board-member", "-p", "police-senior-officer"]
    no_cabinet = as_json(cli("check-quorum", SEFTON, *partners, "-f", "json"))
    assert no_cabinet["quorate"] is False
    assert [c["status"] for c in no_cabinet["clauses"]["clauses"]] == ["met", "unmet"]
    assert {f["post"] for f in no_cabinet["could_fill"]} == {
        "cabinet-member-childrens-services",
        "cabinet-member-education",
    }
    assert cli("check-quorum", SEFTON, *partners, "-p", "cabinet-member-education").exit_code == 0


def test_sefton_substitute_counts_only_with_delegated_authority(cli):
    base = ["check-quorum", SEFTON, "-p", "chief-executive", "-p", "ccg-board-member", "-p", "cabinet-member-education"]
    without = cli(*base, "--sub", "Jo Bloggs for police-senior-officer")
    assert without.exit_code == 1
    assert "which the ToR requires for a substitute to count" in without.stdout
    assert cli(*base, "--sub", "Jo Bloggs for police-senior-officer with delegated authority").exit_code == 0


def test_lscp_one_vote_per_statutory_partner(cli):
    result = as_json(
        cli(
            "check-quorum",
            "solihull-lscp",
            "-p",
            "dcs",
            "-p",
            "arg-chair",
            "-p",
            "ccg-chief-nurse",
            "-p",
            "ccg-head-of-safeguarding",
            "-p",
            "borough-commander",
            "-p",
            "lead-member",
            "-f",
            "json",
        )
    )
    assert result["quorate"] is True
    assert result["votes"]["method"] == "one-per-agency" and result["votes"]["total"] == 3


@pytest.mark.parametrize(
    ("body", "two_agencies", "third"),
    [
        ("solihull-arg", ["chair", "childrens-social-care", "west-midlands-police"], "cafcass"),
        ("solihull-rdg", ["chair", "west-midlands-police", "childrens-social-care"], "uhb"),
        ("solihull-elrag", ["chair", "independent-school-1", "independent-school-2"], "special-schools"),
    ],
)
def test_subgroups_need_three_member_agencies(cli, body, two_agencies, third):
    present = [arg for post in two_agencies for arg in ("-p", post)]
    two = as_json(cli("check-quorum", body, *present, "-f", "json"))
    assert two["quorate"] is False and two["missing"][0]["short"] == 1
    assert cli("check-quorum", body, *present, "-p", third).exit_code == 0


@pytest.mark.parametrize(
    ("body", "headline", "stated"),
    [
        (
            "plymouth-improvement-board",
            "NO QUORUM RULE — it depends on the chair's decision",
            True,
        ),  # "has no quorum. It will be a matter for the Chair to determine...": the chair decides
        ("solihull-strategic-quartet", "NO QUORUM STATED — cannot tell", False),  # silent: a different fact
    ],
)
def test_no_quorum_rule_answers_and_says_why(cli, body, headline, stated):
    result = cli("check-quorum", body, "-p", "chief-executive")
    assert result.exit_code == 4  # neither quorate nor not: the chair's decision, or cannot tell (exit 4)
    assert headline in result.stdout.splitlines()[0]
    reason = as_json(cli("check-quorum", body, "-f", "json"))
    assert reason["quorate"] is None and reason["reason"] and reason["quorum_stated"] is stated
    assert reason["clauses"]["status"] == ("no-quorum" if stated else "not-stated")
    assert reason["answer"] == ("depends-on-chair" if stated else "cannot-tell")


def test_forecast_from_apologies_names_the_substitutes_to_confirm(cli):
    result = cli("check-quorum", SSCP, "--apologies", "police-dsp", "--apologies", "Chief Inspector")
    assert result.exit_code == 1
    assert "forecast" in result.stdout.splitlines()[0]
    assert "confirm that one of these attends" in result.stdout
    assert "[police-dsp], WMP: sent apologies" in result.stdout
    assert cli("check-quorum", SSCP, "--apologies", "police-dsp").exit_code == 0
    assert cli("check-quorum", SSCP, "--forecast").exit_code == 0


def test_a_vacant_post_cannot_be_present(cli, scratch):
    path = scratch / "plymouth-improvement-board.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            "  - id: chief-nursing-officer\n", "  - id: chief-nursing-officer\n    vacancy: to-be-appointed\n", 1
        )
    )
    result = cli("--bodies", str(scratch), "check-quorum", "plymouth-improvement-board", "-p", "Chief Nursing Officer")
    assert result.exit_code == 2 and "to be appointed" in result.stderr


def test_json_shape(cli):
    data = as_json(cli("check-quorum", SSCP, "-p", "dcs", "-p", "icb-dsp", "-p", "cabinet-member", "-f", "json"))
    assert {
        "body",
        "quorate",
        "clauses",
        "missing",
        "could_fill",
        "not_counted",
        "votes",
        "counted",
        "apologies",
        "absent",
        "caveats",
        "mode",
        "date",
        "quorum",
        "reason",
        "name",
    } <= set(data)
    assert data["body"] == SSCP
    clause = data["clauses"]
    assert (clause["rule"], clause["status"], clause["have"], clause["need"], clause["missing"]) == (
        "represented",
        "unmet",
        2,
        3,
        ["west-midlands-police"],
    )
    assert data["not_counted"][0] == {
        "person": "Lead Cabinet Member for Children's Services, Education & Skills",
        "as": "member",
        "post": "cabinet-member",
        "role": "Lead Cabinet Member for Children's Services, Education & Skills",
        "agency": "solihull-political-executive",
        "reason": "participant observer: read as not counting toward quorum (the ToR says: "
        '"The lead Cabinet Member ... attends Executive Group meetings as a participant observer (7.1).")',
    }
    assert data["votes"] == {
        "method": "not-stated",
        "total": None,
        "by": [],
        "note": "the ToR does not say how decisions are voted on",
        "scope": None,
    }
    assert data["decides"] is True and data["succession"] == []
    assert len(data["readings"]) == 2 and "participant observer" in data["readings"][1]


# ---------------------------------------------------------------- bad input: exit 2, one clear message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check-quorum", "solihull-lscpp", "-p", "dcs"], "did you mean 'solihull-lscp'"),
        (
            ["check-quorum", SSCP, "-p", "poilce dsp"],
            "--present 'poilce dsp': no member of solihull-sscp-executive matches",
        ),
        (["check-quorum", SSCP, "-p", "police"], "'police' matches 2 posts"),
        (["check-quorum", SSCP, "--sub", "Jo for the treasurer"], "stands in for someone who is not a member"),
        (["check-quorum", SSCP, "--sub", "Jo instead of dcs"], "write it as 'NAME for MEMBER'"),
        (["check-quorum", SSCP, "--sub", "Jo from Mars Police for dcs"], "unknown agency 'Mars Police'"),
        (["check-quorum", SSCP, "-a", "dcs", "-p", "dcs"], "--apologies forecasts a meeting"),
        (["check-quorum"], "name the body"),
        (["check-quorum", SSCP, "--attendance", "no-such-file.yaml"], "no attendance file"),
    ],
)
def test_bad_input_is_exit_two_with_the_reason(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_every_problem_is_reported_at_once(cli):
    result = cli("check-quorum", SSCP, "-p", "nobody", "-p", "police")
    assert result.exit_code == 2
    assert result.stderr.count("--present") == 2


# ---------------------------------------------------------------- attendance records


RECORD = """\
body: solihull-sscp-executive
date: 2024-01-16
present: [dcs, icb-dsp, cabinet-member]
substitutes:
  - name: Jane Smith
    for: police-dsp
apologies: [ad-safeguarding]
observers: [A visiting inspector]
"""


def test_check_quorum_reads_an_attendance_record(cli, scratch, tmp_path):
    path = write_record(scratch, f"{SSCP}/2024-01-16.yaml", RECORD)
    result = cli("--bodies", str(scratch), "check-quorum", "--attendance", str(path), cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith("SSCP Executive Group on 2024-01-16: QUORATE")
    assert "A visiting inspector: observer" in result.stdout
    data = as_json(
        cli("--bodies", str(scratch), "check-quorum", SSCP, "--attendance", str(path), "-f", "json", cwd=tmp_path)
    )
    assert data["date"] == "2024-01-16" and data["apologies"][0]["post"] == "ad-safeguarding"
    assert {a["post"] for a in data["absent"]} >= {"headteacher-primary", "business-manager"}
    # options add to the record: the police substitute stands, but the record's DCS is already present
    both = cli("--bodies", str(scratch), "check-quorum", "--attendance", str(path), "--sub", "Al for dcs", cwd=tmp_path)
    assert both.exit_code == 2 and "--sub 'Al for dcs': Al stands in for dcs" in both.stderr


def test_check_quorum_points_at_the_line_of_a_bad_record(cli, scratch, tmp_path):
    bad = write_record(scratch, "bad.yaml", RECORD.replace("[dcs, icb-dsp, cabinet-member]", "[dcs, icb-dsp, nobody]"))
    result = cli("--bodies", str(scratch), "check-quorum", "--attendance", str(bad), cwd=tmp_path)
    assert result.exit_code == 2
    assert f"{bad}:3:25: no member of solihull-sscp-executive matches 'nobody'" in result.stderr
    malformed = write_record(
        scratch, "malformed.yaml", "body: solihull-sscp-executive\ndate: 2024-01-16\npresent: [dcs\n"
    )
    result = cli("--bodies", str(scratch), "check-quorum", "--attendance", str(malformed), cwd=tmp_path)
    assert result.exit_code == 2 and "malformed.yaml:4:1: error Y001" in result.stderr
    wrong_field = write_record(scratch, "typo.yaml", RECORD.replace("observers:", "observer:"))
    result = cli("--bodies", str(scratch), "check-quorum", "--attendance", str(wrong_field), cwd=tmp_path)
    assert (
        result.exit_code == 2
        and "typo.yaml:8:1: error S001 unknown field 'observer' (did you mean 'observers'?)" in result.stderr
    )
    other = cli("--bodies", str(scratch), "check-quorum", "solihull-lscp", "--attendance", str(bad), cwd=tmp_path)
    assert other.exit_code == 2 and "records a meeting of solihull-sscp-executive, not solihull-lscp" in other.stderr


def test_validate_checks_attendance_records_with_line_and_column(cli, scratch, tmp_path):
    write_record(scratch, f"{SSCP}/2024-01-16.yaml", RECORD)
    assert cli("--bodies", str(scratch), "validate", cwd=tmp_path).exit_code == 0
    write_record(scratch, f"{SSCP}/2024-01-16-copy.yaml", RECORD.replace("cabinet-member]", "police]"))
    write_record(
        scratch,
        f"{SSCP}/2024-03-19.yaml",
        RECORD.replace("2024-01-16", "2024-03-19")
        .replace("for: police-dsp", "for: the treasurer")
        .replace("solihull-sscp-executive", "solihull-sscp-exec"),
    )
    write_record(
        scratch,
        f"{SSCP}/2024-05-21.yaml",
        RECORD.replace("2024-01-16", "2024-05-21").replace("for: police-dsp", "for: the treasurer"),
    )
    result = cli("--bodies", str(scratch), "validate", "-f", "json", cwd=tmp_path)
    assert result.exit_code == 1
    found = {(Path(f["path"]).name, f["line"], f["column"], f["code"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {
        ("2024-01-16.yaml", 2, 7, "A005"),  # the copy sorts first, so the original is the second record
        ("2024-01-16-copy.yaml", 3, 25, "A002"),
        ("2024-03-19.yaml", 1, 7, "A001"),
        ("2024-05-21.yaml", 6, 10, "A002"),
    }


# ---------------------------------------------------------------- the attendance report


MEETINGS = {
    "2024-01-16": "present: [dcs, icb-dsp, police-dsp]\napologies: [ad-safeguarding]\n",
    "2024-03-19": "present: [dcs, icb-dsp]\nsubstitutes:\n  - {name: Jane Smith, for: police-dsp}\napologies: [ad-safeguarding]\n",
    "2024-05-21": "present: [dcs, icb-dsp]\nsubstitutes:\n  - {name: Jane Smith, for: police-dsp, agency: bsol-icb}\n",
}


@pytest.fixture
def history(scratch: Path) -> Path:
    for date, body in MEETINGS.items():
        write_record(scratch, f"{SSCP}/{date}.yaml", f"body: {SSCP}\ndate: {date}\n{body}")
    return scratch


def test_attendance_report_json(cli, history, tmp_path):
    data = as_json(cli("--bodies", str(history), "attendance", SSCP, "-f", "json", cwd=tmp_path))
    assert [(m["date"], m["quorate"]) for m in data["meetings"]] == [
        ("2024-01-16", True),
        ("2024-03-19", True),
        ("2024-05-21", False),
    ]
    police = next(p for p in data["posts"] if p["id"] == "police-dsp")
    # the member sent a substitute twice, though the second (from another agency) did not count
    assert (police["in_person"], police["substitute"], police["apologies"], police["absent"]) == (1, 2, 0, 0)
    wmp = next(a for a in data["agencies"] if a["id"] == "west-midlands-police")
    assert (wmp["in_person"], wmp["substitute"], wmp["absent"]) == (1, 1, 1)
    assert data["inquorate"] == [
        {
            "date": "2024-05-21",
            "file": data["meetings"][2]["file"],
            "missing": ["representation from each of SMBC, BSol ICB and WMP"],
        }
    ]
    kinds = {(a["kind"], a["id"]) for a in data["alerts"]}
    assert ("agency-not-represented", "solihull-schools") in kinds
    assert ("member-not-attending", "ad-safeguarding") in kinds
    assert ("agency-not-represented", "west-midlands-police") not in kinds


def test_attendance_report_since_and_alert_on_substitutes(cli, history, tmp_path):
    data = as_json(
        cli(
            "--bodies",
            str(history),
            "attendance",
            SSCP,
            "--since",
            "2024-03-01",
            "--streak",
            "2",
            "-f",
            "json",
            cwd=tmp_path,
        )
    )
    assert len(data["meetings"]) == 2
    kinds = {(a["kind"], a["id"]) for a in data["alerts"]}
    assert ("substitute-more-than-attends", "police-dsp") in kinds
    assert ("agency-not-represented", "west-midlands-police") not in kinds  # represented by Jane Smith in March


def test_attendance_report_csv_and_text(cli, history, tmp_path):
    rows = list(
        csv.DictReader(io.StringIO(cli("--bodies", str(history), "attendance", SSCP, "-f", "csv", cwd=tmp_path).stdout))
    )
    assert rows[0] == {
        "scope": "post",
        "id": "dcs",
        "name": "Director of Children's Services (DSP)",
        "agency": "solihull-mbc",
        "meetings": "3",
        "in_person": "3",
        "substitute": "0",
        "apologies": "0",
        "absent": "0",
    }
    assert {r["scope"] for r in rows} == {"post", "agency"}
    text = cli("--bodies", str(history), "attendance", SSCP, cwd=tmp_path)
    assert text.exit_code == 0
    assert "Inquorate: 2024-05-21" in text.stdout and "Alert:" in text.stdout


def test_attendance_report_with_no_records(cli):
    result = cli("attendance", "solihull-lscp")
    assert result.exit_code == 0
    assert "0 recorded meeting(s)" in result.stdout and "No inquorate meetings and no alerts." in result.stdout


def test_attendance_report_refuses_broken_records(cli, history, tmp_path):
    write_record(history, f"{SSCP}/2024-07-16.yaml", f"body: {SSCP}\ndate: 2024-07-16\npresent: [police]\n")
    result = cli("--bodies", str(history), "attendance", SSCP, cwd=tmp_path)
    assert result.exit_code == 2
    assert "2024-07-16.yaml:3:11: error A002 'police' matches 2 posts" in result.stderr
    assert cli("--bodies", str(history), "attendance", "solihull-lscp", cwd=tmp_path).exit_code == 0  # not its record


def test_attendance_report_bad_date(cli):
    result = cli("attendance", SSCP, "--since", "March")
    assert result.exit_code == 2 and "--since: cannot read 'March' as a date" in result.stderr


# ---------------------------------------------------------------- check-quorum reads the files themselves


def test_check_quorum_follows_every_edit(cli, scratch, tmp_path):
    args = ["--bodies", str(scratch), "check-quorum", SSCP, "-p", "dcs", "-p", "icb-dsp"]
    assert cli(*args, cwd=tmp_path).exit_code == 1
    path = scratch / f"{SSCP}.yaml"
    path.write_text(
        path.read_text().replace(
            "agencies: [solihull-mbc, bsol-icb, west-midlands-police]", "agencies: [solihull-mbc, bsol-icb]"
        )
    )
    assert cli(*args, cwd=tmp_path).exit_code == 0


def test_check_quorum_never_runs_a_planted_pickle(cli, scratch, tmp_path, monkeypatch):
    """Issue 13 item 4: a file planted where the old start-up cache lived, in a world-writable directory, is never loaded."""
    import pickle

    cache = tmp_path / "cache"
    (cache / "torctl").mkdir(parents=True)
    cache.chmod(0o777)
    (cache / "torctl").chmod(0o777)
    ran = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (ran,))

    for name in ("bodies-00000000.pickle", *(f"bodies-{n:08x}.pickle" for n in range(4))):
        (cache / "torctl" / name).write_bytes(pickle.dumps(Payload()))
    import zlib

    key = str(scratch.resolve())
    (cache / "torctl" / f"bodies-{zlib.crc32(key.encode()):08x}.pickle").write_bytes(pickle.dumps(Payload()))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    for _ in range(2):
        result = cli("--bodies", str(scratch), "check-quorum", SSCP, "-p", "dcs", "-p", "icb-dsp", cwd=tmp_path)
        assert result.exit_code == 1 and "NOT QUORATE" in result.stdout
    assert not ran.exists()
    assert sorted(p.name for p in (cache / "torctl").iterdir()) == sorted(
        {
            "bodies-00000000.pickle",
            *(f"bodies-{n:08x}.pickle" for n in range(4)),
            f"bodies-{zlib.crc32(key.encode()):08x}.pickle",
        }
    )


def test_check_quorum_refuses_a_broken_body_and_runs_no_cross_file_checks(cli, scratch, tmp_path):
    """A body that does not validate cannot be judged; cross-file checks are validate's job, not the door's."""
    path = scratch / f"{SSCP}.yaml"
    path.write_text(
        path.read_text().replace(
            "class: participant-observer", "class: participant-observer\n    holder: Cllr X\n    vacancy: vacant", 1
        )
    )
    broken = cli("--bodies", str(scratch), "check-quorum", SSCP, "-p", "dcs", cwd=tmp_path)
    assert broken.exit_code == 2 and f"bodies/{SSCP}.yaml has 1 error(s), so torctl cannot use it" in broken.stderr
    body = scratch / "solihull-lscp.yaml"
    body.write_text(
        body.read_text().replace(
            "agencies: [solihull-mbc, bsol-ccg, west-midlands-police]",
            "agencies: [solihull-mbc, bsol-ccg, west-midlands-polic]",
        )
    )
    answered = cli("--bodies", str(scratch), "check-quorum", "solihull-lscp", "-p", "dcs", cwd=tmp_path)
    assert answered.exit_code == 1 and answered.stderr == "", answered.stderr  # no warning count nobody asked for
    assert "west-midlands-polic" in answered.stdout  # the verdict names what the rule asks for, as written
    found = cli("--bodies", str(scratch), "validate", cwd=tmp_path)
    assert found.exit_code == 1 and "R001 unknown agency 'west-midlands-polic'" in found.stdout


def _files_read(monkeypatch) -> list[str]:
    from torctl.data import reader

    read: list[str] = []
    real = reader.parse_file
    monkeypatch.setattr(reader, "parse_file", lambda path: read.append(path.name) or real(path))
    return read


def test_check_quorum_reads_the_body_and_the_registry_whatever_the_directory_holds(cli, scratch, tmp_path, monkeypatch):
    """The same two files among 8 bodies and among 200, so the answer does not grow with the directory."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        from _corpus import make_corpus
    finally:
        sys.path.pop(0)
    large = make_corpus(tmp_path / "large", 200)
    read = _files_read(monkeypatch)
    for directory in (scratch, large):
        for body in (SSCP, "solihull-lscp"):
            read.clear()
            result = cli("--bodies", str(directory), "check-quorum", body, "-p", "dcs", cwd=tmp_path)
            assert result.exit_code in (0, 1) and result.stderr == ""
            assert sorted(read) == sorted([f"{body}.yaml", "agencies.yaml"])


def test_check_quorum_imports_nothing_for_rendering_editing_tables_or_caches(tmp_path):
    """A regression guard that times nothing: what a door-side check may not import."""
    import subprocess
    import sys

    from conftest import BODIES

    code = (
        "import sys; from torctl.cli import main; "
        f"code = main(['--bodies', {str(BODIES)!r}, 'check-quorum', {SSCP!r}, '-p', 'dcs']); "
        "print(' '.join(sorted(sys.modules)), file=sys.stderr); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 1, done.stderr
    modules = set(done.stderr.split())
    forbidden = (
        "pickle",
        "jinja2",
        "typst",
        "ruamel",
        "rich.table",
        "rich.console",
        "icalendar",
        "holidays",
        "torctl.render",
        "torctl.change",
        "torctl.calendar",
        "torctl.data.snapshot",
    )
    assert not sorted(m for m in modules if m.startswith(forbidden))


@pytest.mark.parametrize("name", ["../bodies/solihull-lscp", ".solihull-lscp", "agencies", "", "x" * 300, "a\x00b"])
def test_check_quorum_reads_no_file_outside_the_bodies_named_by_a_path_like_id(cli, scratch, tmp_path, name):
    (tmp_path / "solihull-lscp.yaml").write_text((scratch / "solihull-lscp.yaml").read_text())
    (scratch / ".solihull-lscp.yaml").write_text((scratch / "solihull-lscp.yaml").read_text())
    result = cli("--bodies", str(scratch), "check-quorum", name, "-p", "dcs", cwd=tmp_path)
    shown = name.replace("\x00", "\\u0000")  # control characters reach the terminal as text
    assert result.exit_code == 2 and f"no body '{shown}'" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- options read into typed values


def test_sub_reads_into_a_stand_in_at_its_place_on_the_command_line(tree):
    from torctl.cli.given import CommandLine
    from torctl.cli.meetings import stand_in
    from torctl.rules.attendance import Unresolved

    line = CommandLine()
    given = line.take("--sub", ["Jane  Smith from WMP for Borough Commander with delegated authority"])[0]
    entry = stand_in(given, tree.agencies)
    assert (entry.name, entry.agency, entry.member, entry.authority, entry.loc) == (
        "Jane Smith",
        "west-midlands-police",
        "Borough Commander",
        True,
        given.loc,
    )
    assert line.origin((*entry.loc, "for")) is given  # a finding about the member named points back to the --sub
    (other,) = line.take("--sub", ["Jo for Lead Cabinet Member for Children's Services"])
    assert stand_in(other, tree.agencies).member == "Lead Cabinet Member for Children's Services"
    (without,) = line.take("--sub", ["Jo for dcs without authority"])
    assert stand_in(without, tree.agencies).authority is False
    (bad,) = line.take("--sub", ["Jo instead of dcs"])
    with pytest.raises(Unresolved, match="write it as 'NAME for MEMBER'"):
        stand_in(bad, tree.agencies)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("dcs:3", ("dcs", None, False)),
        ("dcs:3:dispensation", ("dcs", None, True)),
        ("dcs:3:pecuniary:Dispensation", ("dcs", "pecuniary", True)),
        (":3", "write it as 'PERSON:ITEM', optionally ending ':KIND' and ':dispensation'"),
        ("dcs:4", "item '4' is not the item judged (item 3); give --item '4' to judge it"),
        ("dcs:3:dpi", "the ToR names no interest of kind 'dpi'; kinds: pecuniary, other"),
    ],
)
def test_interest_reads_into_a_declaration_in_the_item_judged(text, read):
    from torctl.cli.given import CommandLine
    from torctl.cli.meetings import declaration
    from torctl.meetings.verdict import ItemJudged

    (given,) = CommandLine().take("--interest", [text])
    found = declaration(given, ["pecuniary", "other"], ItemJudged("3"))
    if isinstance(read, str):
        assert found == read
    else:
        assert (found.person, found.kind, found.dispensation, found.loc) == (*read, given.loc)


def test_item_problems_point_back_to_the_option_or_the_record_line(cli, scratch, tmp_path):
    result = cli("check-quorum", SSCP, "-p", "dcs", "-p", "icb-dsp", "--item", "3", "--interest", "nobody:3")
    assert result.exit_code == 2
    assert "  --interest 'nobody:3': no member of solihull-sscp-executive matches 'nobody'" in result.stderr
    record = write_record(
        scratch,
        "items.yaml",
        RECORD + "items:\n  - number: 1\n    title: Minutes\n    arrived: [Nobody Known]\n",
    )
    result = cli("--bodies", str(scratch), "check-quorum", "--attendance", str(record), "--item", "1", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"  {record}:12:15: no member of solihull-sscp-executive matches 'Nobody Known'" in result.stderr
