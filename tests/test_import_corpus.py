"""`torctl import` on the held-out corpus (ToRs that are not the seeds): no wrong value, no sentence dropped.

The expected values are hand-written in tests/data/import_corpus/*.expected.yaml (see tests/import_corpus.py);
benchmarks/bench_import.py prints the same scores as a table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import BODIES
from import_corpus import FIELDS, NOT_STATED, cases, documents, dropped, score, section_sentences
from torctl.data.load import load_tree
from torctl.ingest.draft import Draft, import_outline
from torctl.ingest.outline import squash
from torctl.ingest.readers import read_document

CASES = cases()


@pytest.fixture(scope="module")
def agencies():
    return load_tree(BODIES, checks=None).agencies


@pytest.fixture(scope="module")
def imported(agencies, tmp_path_factory):
    """Every corpus document in every format it comes in, imported once: {(case, format): (outline, draft)}."""
    tmp = tmp_path_factory.mktemp("corpus")
    found = {}
    for case in CASES:
        for fmt, path in documents(case, tmp):
            outline = read_document(path)
            result = import_outline(outline, agencies)
            assert len(result.drafts) == 1, (case.name, [d.name for d in result.drafts])
            found[case.name, fmt] = (outline, result.drafts[0])
    return found


def _texts(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("text", "words") and isinstance(value, str):
                yield value
            else:
                yield from _texts(value)
    elif isinstance(data, list):
        for item in data:
            yield from _texts(item)


def test_the_corpus_is_varied_and_every_expected_file_is_complete():
    assert len(CASES) >= 8
    assert {c.source.suffix for c in CASES} == {".txt", ".md"} and any(c.expected["docx"] for c in CASES)
    for case in CASES:
        assert case.source.exists(), case.source
        assert set(FIELDS) <= set(case.expected), (case.name, set(FIELDS) - set(case.expected))
        assert case.expected["members"], case.name


def test_no_value_is_wrong(imported):
    wrong = []
    for (name, fmt), (_, draft) in imported.items():
        case = next(c for c in CASES if c.name == name)
        marks, _ = score(case.expected, draft.data)
        wrong += [f"{fmt} {name}: {field}" for field, mark in marks.items() if mark == "wrong"]
    assert not wrong


def test_every_sentence_of_a_recognised_section_is_data_or_an_open_question(imported):
    lost = [f"{fmt} {name}: {s}" for (name, fmt), (outline, draft) in imported.items() for s in dropped(outline, draft)]
    assert not lost
    # the check can fail: with nothing read and nothing asked, every sentence is dropped
    outline, draft = imported["westshire-sab", "txt"]
    bare = Draft(draft.body_id, draft.name, {**draft.data, "open_questions": []})
    assert len(dropped(outline, bare)) == len(list(section_sentences(outline, draft))) > 10


def test_every_quoted_word_is_in_the_document(imported):
    for (name, fmt), (outline, draft) in imported.items():
        source = squash("\n".join(b.words for b in outline.blocks))
        for text in _texts(draft.data):
            for line in (cell for row in text.split("\n") for cell in row.split(" | ")):
                assert squash(line) in source, (fmt, name, line)


def test_the_stated_fields_are_mostly_read(imported):
    counts = {"right": 0, "missing": 0}
    for (name, _), (_, draft) in imported.items():
        marks, _ = score(next(c for c in CASES if c.name == name).expected, draft.data)
        for mark in marks.values():
            counts[mark] = counts.get(mark, 0) + 1
    assert counts["right"] / (counts["right"] + counts["missing"]) >= 0.8, counts


# --- the lead's findings on two made-up ToRs, each now read without a guess ---------------------------------------


def test_a_chair_marker_makes_the_post_the_chair_and_leaves_the_role(imported):
    _, draft = imported["westshire-sab", "txt"]
    data = draft.data
    chair = next(m for m in data["members"] if m["id"] == data["chair"]["post"])
    assert chair["role"] == "Director of Adult Social Care, Westshire Council" and data["chair"]["mode"] == "post"
    assert "(Chair)" in data["chair"]["text"] and data["chair"]["reading"]


def test_a_section_text_is_the_whole_section_and_its_second_sentence_is_read(imported):
    _, draft = imported["westshire-sab", "txt"]
    voting = draft.data["voting"]
    assert voting["text"].startswith("Decisions will be reached by consensus. Where a vote is required")
    assert voting["majority"]["of"] == "present" and voting["ties"] == "casting-vote"
    assert any(q["field"] == "voting" and q["kind"] == "confirm" for q in draft.questions)
    assert "notes" not in draft.data["administration"]  # the papers and minutes sentences are read, not repeated


def test_a_chair_appointed_by_council_is_no_post_and_counted_seats_are_posts(imported):
    _, draft = imported["audit-and-governance-committee", "md"]
    data = draft.data
    assert data["chair"]["mode"] == NOT_STATED
    assert [m["role"] for m in data["members"]] == ["Councillor"] * 7 + ["Independent person"]
    assert data["quorum"] | {"text": ""} == {
        "rule": "fraction",
        "numerator": 1,
        "denominator": 4,
        "minimum": 3,
        "text": "",
        "reading": data["quorum"]["reading"],
    }
    asked = {q["words"]: q for q in draft.questions}
    assert asked["The Chair and Vice-Chair shall be appointed by Council annually."]["field"] == "chair"
    assert asked["The independent person shall not be entitled to vote."]["field"] == "voting"
    assert asked["The Committee will meet at least four times a year."]["kind"] == "confirm"
    assert data["voting"]["ties"] == "casting-vote"
    assert not any(q["field"] == "reporting" for q in draft.questions)  # the title is no section
    assert not any("names agencies" in q.get("note", "") for q in draft.questions)


def test_expected_values_that_must_stay_not_stated_do(imported):
    """The traps: a vice-chair sentence, 'fewer than three members', 'termly', 'including ...'."""
    hwb = imported["westshire-health-and-wellbeing-board", "md"][1].data
    assert hwb["chair"]["mode"] == "post" and "deputy_chair" not in hwb and hwb["quorum"]["rule"] == NOT_STATED
    school = imported["oakfield-resources-committee", "txt"][1].data
    assert "cadence" not in school["meetings"] and school["chair"]["mode"] == NOT_STATED
    planning = imported["northfield-planning-committee", "md"][1].data
    assert planning["quorum"]["rule"] == "fraction" and planning["quorum"]["minimum"] == 3
    csp = imported["eastshire-community-safety-partnership", "txt"][1].data
    chair = next(m for m in csp["members"] if m["id"] == csp["chair"]["post"])
    assert chair["role"] == "Chief Superintendent, Eastshire Police"


def test_the_corpus_imports_through_the_cli(cli, tmp_path):
    bodies = tmp_path / "bodies"
    bodies.mkdir()
    (bodies / "agencies.yaml").write_text((BODIES / "agencies.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for case in CASES[:3]:
        result = cli("--bodies", str(bodies), "import", str(case.source))
        assert result.exit_code == 0, result.stderr
    assert cli("--bodies", str(bodies), "validate").exit_code == 0
    assert cli("--bodies", str(bodies), "validate", "--strict").exit_code == 1
    written = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(Path(bodies).glob("*.yaml"))]
    assert sum(1 for d in written if "members" in d) == 3
