"""`torctl import`: the readers, each extractor on general phrasings, and the command end to end for every format
and every bad input (one message, exit 2, nothing written)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import BODIES
from docx_builder import docx_bytes
from torctl.data.load import load_tree
from torctl.ingest import rules
from torctl.ingest.draft import import_outline
from torctl.ingest.members import AgencyMatcher, read_membership
from torctl.ingest.outline import ImportRefused, Outline
from torctl.ingest.readers import read_document
from torctl.ingest.sections import kind_of, split_bodies
from torctl.ingest.textlines import parse_text

SEEDS = Path(__file__).parent / "seeds"
EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "import" / "example-partnership-tor.docx"


def passages(*sentences: str, section: str | None = None) -> list[rules.Passage]:
    return [(section, s) for s in sentences]


@pytest.fixture(scope="module")
def agencies():
    return load_tree(BODIES, checks=None).agencies


@pytest.fixture
def bodies(tmp_path: Path) -> Path:
    target = tmp_path / "bodies"
    target.mkdir()
    shutil.copyfile(BODIES / "agencies.yaml", target / "agencies.yaml")
    return target


# --- extractors on general phrasings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, cadence",
    [
        ("The Board will meet monthly.", {"frequency": "monthly"}),
        ("Meetings will be held six times a year.", {"frequency": "per-year", "times_per_year": 6}),
        ("The group meets quarterly.", {"frequency": "quarterly"}),
        ("The panel will meet every 6 weeks.", {"frequency": "every-n-weeks", "weeks": 6}),
        ("Meetings are held once a year in June.", {"frequency": "per-year", "times_per_year": 1}),
        ("The forum will meet bi-monthly during term time.", {"frequency": "bi-monthly", "term_time_only": True}),
        ("It will meet monthly unless agreed otherwise.", {"frequency": "monthly", "unless_agreed_otherwise": True}),
    ],
)
def test_frequency_phrases(sentence, cadence):
    found = rules.frequency(passages(sentence, section="meetings"))
    assert found.value is not None
    assert {k: v for k, v in found.value.items() if k not in ("text", "reading")} == cadence
    assert found.value["text"] == sentence


def test_a_frequency_outside_a_meetings_sentence_is_not_read():
    # "six weekly diagnostic reviews" is a duty, not how often the body meets
    assert rules.frequency(passages("The chair will carry out 6 weekly diagnostic reviews.")).value is None
    todo = rules.frequency(passages("Meetings will be arranged as needed.", section="meetings"))
    assert todo.value is None and todo.questions[0]["field"] == "meetings.cadence"


def test_bi_monthly_is_a_reading_to_confirm():
    found = rules.frequency(passages("Meetings will be bi-monthly.", section="meetings"))
    assert found.value["reading"] and found.questions[0]["kind"] == "confirm"


@pytest.mark.parametrize(
    "sentence, period, bound",
    [
        ("Papers will be circulated five working days before the meeting.", {"working_days": 5}, "exactly"),
        ("The agenda will be sent out no later than 7 days before each meeting.", {"days": 7}, "at-least"),
        ("Reports are to be distributed at least three clear days in advance.", {"clear_days": 3}, "at-least"),
    ],
)
def test_papers_deadlines(sentence, period, bound):
    found = rules.papers(passages(sentence))
    assert found.value == {"period": period, "bound": bound, "text": sentence}


@pytest.mark.parametrize(
    "sentence, period, bound",
    [
        ("Draft minutes will be circulated within ten working days of the meeting.", {"working_days": 10}, "within"),
        ("Minutes will be sent to members a fortnight after the meeting.", {"weeks": 2}, "exactly"),
        ("The minutes will be distributed one week after the meeting.", {"weeks": 1}, "exactly"),
    ],
)
def test_minutes_deadlines(sentence, period, bound):
    assert rules.minutes(passages(sentence)).value == {"period": period, "bound": bound, "text": sentence}


def test_a_deadline_without_a_figure_is_not_read():
    assert rules.papers(passages("Papers will be circulated in good time before the meeting.")).value is None


@pytest.mark.parametrize(
    "clause, expected",
    [
        (
            "The quorum is one third of the members and never fewer than three.",
            {"rule": "fraction", "numerator": 1, "denominator": 3, "minimum": 3},
        ),
        ("A quorum will be 4 members.", {"rule": "at-least", "count": 4}),
        ("Representation from at least two agencies.", {"rule": "at-least", "count": 2, "counting": "agencies"}),
        (
            "The meeting is quorate when each of the statutory partners is represented.",
            {"rule": "represented", "agency_kinds": rules.STATUTORY},
        ),
    ],
)
def test_quorum_patterns(clause, expected):
    found = rules.quorum(passages(clause, section="quorum"))
    value = {k: v for k, v in found.value.items() if k not in ("text", "reading")}
    assert value == expected
    assert found.value["text"] == clause


def test_no_quorum_and_the_chair_decides():
    clause = "There is no quorum. It is for the Chair to decide whether the meeting may proceed."
    found = rules.quorum(passages(*clause.split(". ", 1), section="quorum"))
    assert found.value["rule"] == "none" and found.value["decided_by"] == "chair"


def test_an_unread_quorum_is_not_stated_with_a_to_do():
    clause = "The quorum shall be the chair or vice-chair and two members, or any five members."
    found = rules.quorum(passages(clause, section="quorum"))
    assert found.value["rule"] == "not-stated"
    assert found.questions == [rules.todo("quorum", clause, found.questions[0]["note"])]
    assert rules.quorum(passages("Meetings are monthly.")).value["rule"] == "not-stated"


@pytest.mark.parametrize(
    "sentence, method",
    [
        ("Decisions are taken by a simple majority of those present and voting.", "one-per-member"),
        ("Each member shall have one vote.", "one-per-member"),
        ("Decisions will be made by consensus.", "consensus"),
        ("Each of the statutory partners has one vote, whatever the number of its representatives.", "one-per-agency"),
    ],
)
def test_voting_rules(sentence, method):
    assert rules.voting(passages(sentence, section="voting")).value["method"] == method


def test_a_casting_vote_is_read_and_an_unclear_consensus_is_a_to_do():
    found = rules.voting(
        passages("Questions are decided by a majority of members present and voting; the chair has a casting vote.")
    )
    assert found.value["ties"] == "casting-vote" and found.value["majority"]["of"] == "present-and-voting"
    unclear = rules.voting(passages("The Board works towards consensus.", section="voting"))
    assert unclear.value is None and unclear.questions[0]["field"] == "voting"


def test_substitution_rules():
    named = rules.substitution(
        passages(
            "Each member may nominate one named deputy who must have delegated authority to make decisions.",
            "Members must inform the secretary at least 3 working days before the meeting if their deputy will attend.",
        )
    )
    assert named.value["who"] == "named-substitute" and named.value["max_named"] == 1
    assert named.value["delegated_authority_required"] is True
    assert named.value["authority_text"] == "to make decisions"
    assert named.value["notify"] == "the secretary" and named.value["notice"] == {"working_days": 3}
    same = rules.substitution(passages("An absent member will send a suitable representative from their organisation."))
    assert same.value["who"] == "same-agency"
    none = rules.substitution(passages("Substitutes are not permitted.", section="substitutes"))
    assert none.value["who"] == "none"
    unclear = rules.substitution(passages("Substitutes are welcome.", section="substitutes"))
    assert unclear.value is None and unclear.questions[0]["field"] == "substitution"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("These terms of reference will be reviewed every two years.", {"cadence": {"months": 24}}),
        ("The terms of reference will be reviewed at least annually.", {"cadence": {"months": 12}, "at_least": True}),
        ("These terms of reference will be reviewed in June 2026.", {"next_due": "2026-06"}),
        ("Terms of reference last reviewed: 12 March 2024.", {"last_reviewed": "2024-03-12"}),
    ],
)
def test_review_cadence_and_dates(sentence, expected):
    found = rules.review(passages(sentence, section="review"))
    assert {k: v for k, v in found.value.items() if k != "text"} == expected


def test_no_review_is_a_reason_not_a_date():
    assert "unknown_reason" in rules.review(passages("Meetings are monthly.")).value


def test_interests():
    found = rules.interests(
        passages(
            "Members must declare any interest and will leave the room and not vote on that item.", section="interests"
        )
    )
    kind = found.value["kinds"][0]
    assert kind["leaves_room"] is True and kind["may_vote"] is False
    vague = rules.interests(passages("Members will declare any conflicts of interest.", section="interests"))
    assert vague.value is None and vague.questions[0]["field"] == "procedure.interests"


# --- sections, lists and tables ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("Quoracy", "quorum"),
        ("5. Frequency of meetings", "meetings"),
        ("Role of Board Members", "duties"),
        ("Chairing arrangements", "chair"),
        ("Conflicts of Interest", "interests"),
        ("Substitutes and deputies", "substitutes"),
        ("Review of the Terms of Reference", "review"),
        ("Accountability", "reporting"),
        ("Aims and objectives", "purpose"),
        ("VENUE", "meetings"),
        ("Appendix B", None),
    ],
)
def test_section_headings(heading, kind):
    assert kind_of(heading) == kind


def test_a_document_with_several_tors_holds_several_bodies():
    blocks = parse_text(
        "Introduction\n\nTerms of Reference\nFirst Group\n\nQuorum\nThree members.\n\nTerms of Reference\nSecond Group\n"
    )
    found, before = split_bodies(blocks, "x")
    assert [b.name for b in found] == ["First Group", "Second Group"] and len(before) == 1


def test_membership_table_and_class_headings(agencies):
    text = (
        "Name\tRole\tOrganisation\n"
        "A. Person\tDirector of Public Health\tSefton Metropolitan Borough Council\n"
        "\tHead of Schools\tSefton Metropolitan Borough Council\n"
        "Attendees\n"
        "Chief Inspector, Merseyside Police\n"
        "Head of Safeguarding, Mersyside Police\n"
        "Business Manager\n"
    )
    found = read_membership(parse_text(text), AgencyMatcher(agencies))
    posts = [(p.role, p.agency, p.member_class, p.holder) for p in found.posts]
    assert posts == [
        ("Director of Public Health", "sefton-mbc", "core", "A. Person"),
        ("Head of Schools", "sefton-mbc", "core", None),
        ("Chief Inspector, Merseyside Police", "merseyside-police", "attendee", None),
        ("Head of Safeguarding, Mersyside Police", None, "attendee", None),
        ("Business Manager", None, "secretariat", None),
    ]
    asked = [q for q in found.questions if q["field"] == "members.agency"]
    assert "did you mean" in asked[0]["note"] and asked[0]["words"] == "Head of Safeguarding, Mersyside Police"


def test_a_cabinet_member_sits_for_the_councils_political_executive(agencies):
    text = "- Chief Executive, Plymouth City Council\n- Cabinet Member for Children\n- Leader of the Opposition\n"
    found = read_membership(parse_text(text), AgencyMatcher(agencies))
    assert [p.agency for p in found.posts] == ["plymouth-cc", "plymouth-political-executive", None]


# --- readers -----------------------------------------------------------------------------------------------------


def test_text_lines_keep_numbers_bullets_headings_and_rows():
    blocks = parse_text("MEMBERSHIP\n\n1. Frequency of meetings\n1.1 Meetings are monthly.\n- a bullet\nName\tRole\n")
    assert [(b.kind, b.number) for b in blocks] == [
        ("heading", None),
        ("heading", "1."),
        ("item", "1.1"),
        ("item", ""),
        ("row", None),
    ]


def test_markdown_headings_and_tables():
    blocks = parse_text("# Title\n\n## Quorum\n\n| Role | Agency |\n| --- | --- |\n| Chair | Police |\n", markdown=True)
    assert [b.kind for b in blocks] == ["heading", "heading", "row", "row"]


def test_word_headings_numbering_and_tables(tmp_path):
    path = tmp_path / "tor.docx"
    path.write_bytes(
        docx_bytes(
            "QUORUM\n\n1. The first clause is here.\n2. The second clause is here.\n- a bullet\nRole\tAgency\nChair\tPolice\n"
        )
    )
    outline = read_document(path)
    assert [(b.kind, b.number) for b in outline.blocks] == [
        ("heading", None),
        ("item", "1."),
        ("item", "2."),
        ("item", ""),
        ("row", None),
        ("row", None),
    ]


def _pdf(text: str) -> bytes:
    import typst

    return typst.compile(text.encode("utf-8"))


def test_a_pdf_text_layer_is_read(tmp_path):
    path = tmp_path / "tor.pdf"
    path.write_bytes(_pdf("= Quorum\n\nThe quorum is one third of the members.\n"))
    outline = read_document(path)
    assert outline.pages == 1 and any("one third" in b.text for b in outline.blocks)


# --- the command, end to end -------------------------------------------------------------------------------------


def _formats(tmp_path: Path) -> list[Path]:
    text = (SEEDS / "001_e94907cc30125b42.txt").read_text(encoding="utf-8")
    md = tmp_path / "tor.md"
    md.write_text(text.replace("\n1. ", "\n# ").replace("\n5. ", "\n# "), encoding="utf-8")
    docx = tmp_path / "tor.docx"
    docx.write_bytes(docx_bytes(text))
    pdf = tmp_path / "tor.pdf"
    pdf.write_bytes(
        _pdf(
            "= Terms of Reference Review Panel\n\n== Membership\n\n- Chief Executive, Plymouth City Council\n- Director, Devon and Cornwall Police\n\n== Quorum\n\nThe quorum is one third of the members and never fewer than three.\n\n== Frequency\n\nThe Panel will meet quarterly.\n"
        )
    )
    return [SEEDS / "001_e94907cc30125b42.txt", md, docx, pdf]


def test_every_format_imports_validates_and_fails_strict_until_resolved(cli, bodies, tmp_path):
    for source in _formats(tmp_path):
        result = cli("--bodies", str(bodies), "import", str(source), "--format", "json")
        assert result.exit_code == 0, (source, result.stderr)
        report = __import__("json").loads(result.stdout)
        written = [Path(b["file"]) for b in report["bodies"]]
        assert all(p.exists() for p in written)
        checked = cli("--bodies", str(bodies), "validate")
        assert checked.exit_code == 0, (source, checked.stdout)
        assert cli("--bodies", str(bodies), "validate", "--strict").exit_code == 1
        for path in written:
            path.unlink()


def test_the_example_reads_into_data(cli, bodies):
    result = cli("--bodies", str(bodies), "import", str(EXAMPLE))
    assert result.exit_code == 0, result.stderr
    body = yaml.safe_load((bodies / "solihull-exploitation-and-missing-subgroup.yaml").read_text(encoding="utf-8"))
    assert body["quorum"]["rule"] == "represented" and body["substitution"]["notice"] == {"working_days": 2}
    assert body["administration"]["papers"]["period"] == {"working_days": 5}
    assert body["review"]["last_reviewed"] == "2025-01" and body["chair"]["post"] == "head-of-service-exploitation"
    assert "posts;" in result.stdout and "quorum ('Quorum'): read into quorum" in result.stdout


def test_an_existing_file_is_not_replaced_without_force(cli, bodies):
    assert cli("--bodies", str(bodies), "import", str(EXAMPLE)).exit_code == 0
    target = bodies / "solihull-exploitation-and-missing-subgroup.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    again = cli("--bodies", str(bodies), "import", str(EXAMPLE))
    assert again.exit_code == 2 and "--force" in again.stderr and "nothing was written" in again.stderr
    assert target.read_text(encoding="utf-8").endswith("# my edit\n")
    assert cli("--bodies", str(bodies), "import", str(EXAMPLE), "--force").exit_code == 0
    assert not target.read_text(encoding="utf-8").endswith("# my edit\n")


def test_dry_run_prints_the_yaml_and_writes_nothing(cli, bodies):
    result = cli("--bodies", str(bodies), "import", str(EXAMPLE), "--dry-run")
    assert result.exit_code == 0 and result.stdout.startswith("# yaml-language-server:")
    assert sorted(p.name for p in bodies.iterdir()) == ["agencies.yaml"]


def test_several_bodies_from_one_document(cli, bodies):
    result = cli("--bodies", str(bodies), "import", str(SEEDS / "003_176cde416ab4002a.txt"))
    assert result.exit_code == 0, result.stderr
    assert len(list(bodies.glob("*.yaml"))) == 5  # the registry and four bodies
    assert cli("--bodies", str(bodies), "validate").exit_code == 0


def _pdf_writer(pages: int = 1, password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BAD_INPUTS = {
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old Word (.doc"),
    "renamed.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old Word (.doc"),
    "locked.docx": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64,
        "password-protected",
    ),
    "corrupt.docx": (b"PK\x03\x04 this is not a zip archive", "damaged Word file"),
    "other.docx": (b"just some text", "not a Word file"),
    "encrypted.pdf": (None, "encrypted PDF"),
    "scanned.pdf": (None, "no text layer"),
    "long.pdf": (None, "201 pages"),
    "broken.pdf": (b"%PDF-1.4\n garbage", "not a readable PDF"),
    "empty.txt": (b"", "has no text"),
    "latin1.txt": ("Quorum: tr\u00e8s".encode("latin-1"), "not UTF-8"),
    "tor.rtf": (b"{\\rtf1 hello}", "not '.rtf'"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_message_exit_2_and_nothing_written(cli, bodies, tmp_path, name):
    data, words = BAD_INPUTS[name]
    if data is None:
        data = {
            "encrypted.pdf": _pdf_writer(password="secret"),
            "scanned.pdf": _pdf_writer(),
            "long.pdf": _pdf_writer(201),
        }[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = cli("--bodies", str(bodies), "import", str(path))
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("error: ") and words in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in bodies.iterdir()) == ["agencies.yaml"]


def test_an_over_long_text_and_a_missing_file_are_refused(cli, bodies, tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("Membership\n\n" + ("- A member of the board with a long title here\n" * 40000), encoding="utf-8")
    assert "about 200 pages" in cli("--bodies", str(bodies), "import", str(long)).stderr
    missing = cli("--bodies", str(bodies), "import", str(tmp_path / "nowhere.docx"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_a_document_with_no_members_is_refused(tmp_path, agencies):
    outline = Outline("x.txt", "text", parse_text("Purpose\n\nTo do good work.\n"))
    with pytest.raises(ImportRefused, match="found no members"):
        import_outline(outline, agencies)


# --- never guess, never drop (issue 28, the held-out corpus's findings) -------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "The quorum shall be three members, of whom at least two must be governors.",
        "Quorate when at least three agencies are represented, one of which must be the Police.",
        "The quorum shall be one third of the membership, including at least one elected member.",
    ],
)
def test_a_qualified_quorum_stays_words(clause):
    found = rules.quorum(passages(clause, section="quorum"))
    assert found.value["rule"] == "not-stated" and found.questions[0]["field"] == "quorum" and not found.used


def test_no_business_unless_is_a_quorum_and_fewer_than_three_is_no_count_of_three():
    clause = "No business shall be transacted unless one quarter of the whole number of members is present, and in no case fewer than three members."
    found = rules.quorum(passages(clause, section="quorum"))
    assert {k: found.value[k] for k in ("rule", "numerator", "denominator", "minimum")} == {
        "rule": "fraction",
        "numerator": 1,
        "denominator": 4,
        "minimum": 3,
    }
    assert found.used == [clause]
    assert (
        rules.quorum(passages("Three members of the Committee shall form a quorum.", section="quorum")).value["count"]
        == 3
    )


def test_voting_reads_every_sentence_and_says_what_it_read():
    first = "Decisions will normally be reached by consensus."
    second = "Where a vote is needed, a simple majority of members present will decide and the Chair will have a casting vote."
    other = "The independent person shall not be entitled to vote."
    found = rules.voting(passages(first, second, other, section="voting"))
    assert found.value["method"] == "consensus" and found.value["majority"]["of"] == "present"
    assert found.value["ties"] == "casting-vote" and found.used == [first, second]
    assert found.questions[0]["kind"] == "confirm"
    majority = rules.voting(
        passages("Every question shall be determined by a majority of the votes of governors present and voting.")
    )
    assert majority.value["majority"]["of"] == "present-and-voting"


def test_a_minimum_number_of_meetings_is_a_reading_to_confirm():
    found = rules.frequency(passages("The Committee will meet at least four times a year.", section="meetings"))
    assert found.value["times_per_year"] == 4 and "minimum" in found.value["reading"]
    assert found.questions[0]["kind"] == "confirm"
    assert rules.frequency(passages("It meets twice a year.", section="meetings")).value["times_per_year"] == 2
    assert rules.frequency(passages("The committee will meet termly.", section="meetings")).value is None


def test_substitutes_conflicting_or_for_some_members_only_are_not_stated():
    found = rules.substitution(
        passages(
            "Executive Directors may send a deputy.",
            "Non-Executive Directors may not send deputies.",
            section="substitutes",
        )
    )
    assert found.value is None
    assert (
        rules.substitution(passages("Governors may not send substitutes.", section="substitutes")).value["who"]
        == "none"
    )
    same = rules.substitution(passages("A substitute of appropriate seniority from the same organisation may attend."))
    assert same.value["who"] == "same-agency"
    conflict = rules.substitution(
        passages(
            "Substitutes are not permitted.", "Each member may nominate a named substitute.", section="substitutes"
        )
    )
    assert conflict.value is None and conflict.questions[0]["note"] == "the sentences give different rules"


@pytest.mark.parametrize(
    "sentence, who",
    [
        ("The Chair and Vice-Chair shall be appointed by Council annually.", None),
        ("The Vice-Chair will be a representative of the Integrated Care Board.", None),
        ("The Chair will be elected at the first meeting.", None),
        ("The Board will be chaired by an independent person.", "an independent person"),
        (
            "The Panel will be chaired by the Director of Public Health, who reports to the Board.",
            "the Director of Public Health",
        ),
    ],
)
def test_a_chair_sentence_names_a_post_or_nothing(sentence, who):
    said = rules.chair_sentence(passages(sentence, section="chair"))
    assert (said[1] if said else None) == who


def test_chair_markers_counted_seats_and_attendees_who_are_not_members(agencies):
    text = "- Director of Housing, Westshire Council (Chair)\n- Head of Service (Vice-Chair)\n- Chair, Voluntary Sector Forum\n"
    posts = read_membership(parse_text(text), AgencyMatcher(agencies)).posts
    assert [(p.role, p.chairs) for p in posts] == [
        ("Director of Housing, Westshire Council", "chair"),
        ("Head of Service", "deputy"),
        ("Chair, Voluntary Sector Forum", None),
    ]
    counted = read_membership(
        parse_text(
            "The Committee shall consist of seven councillors, appointed by Council, and one independent person.\n"
        ),
        AgencyMatcher(agencies),
    )
    assert [p.role for p in counted.posts] == ["Councillor"] * 7 + ["Independent person"]
    assert counted.questions[0]["kind"] == "confirm" and counted.used
    minimum = read_membership(
        parse_text("The committee will consist of at least three trustees.\n"), AgencyMatcher(agencies)
    )
    assert not minimum.posts and not minimum.used
    attending = read_membership(
        parse_text("The Chief Executive and the Finance Director will attend meetings but are not members.\n"),
        AgencyMatcher(agencies),
    )
    assert [(p.role, p.member_class) for p in attending.posts] == [
        ("Chief Executive", "attendee"),
        ("Finance Director", "attendee"),
    ]


def test_an_unread_sentence_is_a_to_do_naming_its_field(agencies):
    text = (
        "Terms of Reference\nTest Board\n\nMembership\n- Director of Public Health, Plymouth City Council\n\n"
        "Quorum\nThere is no quorum. Members should arrive on time.\n\n"
        "Papers\nPapers will be circulated five working days before the meeting. Late papers need the Chair's consent.\n"
    )
    draft = import_outline(Outline("x.txt", "text", parse_text(text)), agencies).drafts[0]
    todo = {q["words"]: q for q in draft.questions if q["kind"] == "to-do"}
    assert todo["Members should arrive on time."]["field"] == "quorum"
    assert todo["Late papers need the Chair's consent."]["field"] == "administration"
    assert "There is no quorum." in draft.read and "notes" not in draft.data["administration"]
    assert draft.data["quorum"]["text"] == "There is no quorum. Members should arrive on time."
