"""Regression guards for issue 14 that time nothing: what a command imports, and how its work grows with the directory."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from torctl.calendar.workdays import SUBDIVISIONS, _bank_holidays

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from _corpus import make_corpus

sys.path.pop(0)


def test_bank_holidays_load_only_the_uk_calendar(tmp_path):
    code = (
        "import sys, datetime as dt; from torctl.calendar.workdays import bank_holiday; "
        "assert bank_holiday(dt.date(2026, 12, 28)) == 'Boxing Day (observed)'; "
        "print(' '.join(m for m in sys.modules if m.startswith('holidays.countries')))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []  # not one country module, not even the package of them all


@pytest.mark.parametrize("jurisdiction", sorted(SUBDIVISIONS))
def test_the_uk_calendar_loaded_alone_is_the_librarys_own(jurisdiction):
    import holidays

    for year in (1995, 2020, 2022, 2026, 2027, 2040):
        oracle = dict(holidays.country_holidays("GB", subdiv=SUBDIVISIONS[jurisdiction], years=year).items())
        assert _bank_holidays(jurisdiction, year) == oracle


def _calls(run) -> int:
    """Python function calls (and generator resumptions) made by `run()`: a measure of work that no machine load disturbs."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--quiet"],
        ["member", "add", "solihull-lscp", "new-post", "--role", "New Post", "--class", "core", "--dry-run"],
        ["schedule", "--all", "--first", "2027-01-05", "--count", "2", "--format", "json"],
    ],
    ids=["validate", "member-add", "schedule-all"],
)
def test_work_grows_linearly_with_the_number_of_bodies(cli, tmp_path, args):
    """Three times the bodies, at most 3.3 times the work: a search per body (quadratic) would give 9."""
    small, large = make_corpus(tmp_path / "small", 24), make_corpus(tmp_path / "large", 72)
    for directory in (small, large):  # first runs build pydantic's validators and fill caches
        cli("--bodies", str(directory), *args, cwd=tmp_path)
    work = [_calls(lambda d=d: cli("--bodies", str(d), *args, cwd=tmp_path)) for d in (small, large)]
    assert work[1] <= 3.3 * work[0], work


@pytest.mark.parametrize(
    "args",
    [
        ["check-quorum", "solihull-lscp", "-p", "dcs"],
        ["show", "solihull-lscp"],
        ["deadlines", "solihull-lscp", "--meeting", "2027-01-12"],
        ["schedule", "solihull-lscp", "--from", "2027-01-01", "--count", "3", "--format", "json"],
    ],
    ids=lambda args: args[0],
)
def test_work_about_one_body_does_not_grow_with_the_directory(cli, tmp_path, args):
    small, large = make_corpus(tmp_path / "small", 8), make_corpus(tmp_path / "large", 200)
    for directory in (small, large):
        cli("--bodies", str(directory), *args, cwd=tmp_path)
    work = [_calls(lambda d=d: cli("--bodies", str(d), *args, cwd=tmp_path)) for d in (small, large)]
    assert work[1] <= 1.1 * work[0], work


class _CountingList(list):
    iterations = 0

    def __iter__(self):
        type(self).iterations += 1
        return super().__iter__()


class _CountingDict(dict):
    iterations = 0

    def __iter__(self):
        type(self).iterations += 1
        return super().__iter__()


def test_per_body_lookups_are_not_searches(tmp_path):
    """`Tree.document_for` and the cross-file checks once walked every body for every body (quadratic at 10,000)."""
    from torctl.data.checks import findings_of
    from torctl.data.load import load_tree

    tree = load_tree(make_corpus(tmp_path / "bodies", 24), checks=None)
    tree.documents = _CountingList(tree.documents)
    tree._indexed = 0
    assert all(tree.document_for(body_id).model is body for body_id, body in tree.bodies.items())
    assert _CountingList.iterations == 1  # the index is built once
    assert all(tree.records("calendars") == [] for _ in tree.bodies) and _CountingList.iterations == 1
    tree.bodies = _CountingDict(tree.bodies)
    _CountingList.iterations = 0
    assert not [f for f in findings_of(tree) if f.severity == "error"]
    assert _CountingDict.iterations == 0  # the did-you-mean list of bodies is built only for an unknown one


def test_a_loaded_body_keeps_its_values_once(tmp_path):
    """Peak memory at 10,000 bodies (issue 14): a validated file keeps neither its parsed mapping nor its text,
    and short texts are shared between files."""
    from torctl.data.load import load_tree

    tree = load_tree(make_corpus(tmp_path / "bodies", 16))
    docs = [d for d in tree.documents if d.model is not None]
    assert docs and all(d.parsed.data is None and d.parsed._text is None for d in docs)
    ids = [next(iter(m.members)).id for m in tree.bodies.values() if m.members]
    assert len({id(i) for i in ids}) < len(ids)


def test_a_finding_is_placed_only_in_the_text_that_was_validated(tmp_path):
    """Dropped text is read again to locate a finding, and used only if it is the very text validated."""
    from torctl.data.load import load_tree

    root = make_corpus(tmp_path / "bodies", 8)
    tree = load_tree(root)
    doc = tree.document_for("solihull-lscp")
    assert doc.where(["members", 0]) != (None, None)
    assert doc.parsed.text == doc.path.read_text(encoding="utf-8")
    doc.path.write_text("# changed since\n" + doc.path.read_text(encoding="utf-8"), encoding="utf-8")
    assert doc.parsed.text is None and doc.parsed.node is None


# ---------------------------------------------------------------- diff reads only the files that differ


def _full_read(old: Path, new: Path):
    from torctl.change.diff import diff_sides, side_from_path

    return diff_sides(side_from_path(old), side_from_path(new))


def _edited_copy(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> tuple[Path, Path]:
    from conftest import BODIES

    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(BODIES, old)
    shutil.copytree(BODIES, new)
    for name, (before, after) in edits.items():
        path = new / name
        text = path.read_text(encoding="utf-8")
        assert before in text
        path.write_text(text.replace(before, after, 1), encoding="utf-8")
    return old, new


@pytest.mark.parametrize(
    "edits",
    [
        {"solihull-arg.yaml": ("name: ", "name: Revised ")},
        {"agencies.yaml": ("kind: statutory-police", "kind: relevant-agency")},  # every body is compared again
        {
            "solihull-elrag.yaml": ("id: solihull-elrag", "id: solihull-arg")
        },  # a changed file claims an unchanged one's id
    ],
    ids=["one-body", "registry", "claimed-id"],
)
def test_diff_of_directories_answers_as_a_full_read(tmp_path, edits):
    from torctl.change.diff import diff_paths

    old, new = _edited_copy(tmp_path, edits)
    fast, full = diff_paths(old, new), _full_read(old, new)
    assert fast.to_dict() == full.to_dict() and not full.empty


def test_diff_of_directories_parses_only_the_files_that_differ(tmp_path, monkeypatch):
    from torctl.change.diff import diff_paths
    from torctl.data import reader

    old, new = _edited_copy(tmp_path, {"solihull-arg.yaml": ("name: ", "name: Revised ")})
    parsed: list[int] = []
    real = reader.parse_text  # every side of a diff is read through `reader.read`
    monkeypatch.setattr(reader, "parse_text", lambda text: parsed.append(1) or real(text))
    assert [b.id for b in diff_paths(old, new).bodies] == ["solihull-arg"]
    assert len(parsed) == 4  # the registry and the changed body, on each side


# ---------------------------------------------------------------- did-you-mean among many similar ids

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_IDS = st.text(alphabet="abcdeg-0123", min_size=0, max_size=14)


@settings(max_examples=150, deadline=None)
@given(word=_IDS, choices=st.lists(_IDS, max_size=25))
def test_closest_is_difflibs_answer(word, choices):
    import difflib

    from torctl.suggest import closest

    expected = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert closest(word, choices) == (expected[0] if expected else None)


@settings(max_examples=150, deadline=None)
@given(
    word=st.text(alphabet="abé-0\n", max_size=8), choices=st.lists(st.text(alphabet="abé-0\n", max_size=8), max_size=12)
)
def test_closest_is_difflibs_answer_beyond_ascii(word, choices):
    import difflib

    from torctl.suggest import closest

    expected = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert closest(word, choices) == (expected[0] if expected else None)


def test_closest_compares_few_of_many_similar_ids(monkeypatch):
    from difflib import SequenceMatcher

    from torctl.suggest import closest

    ids = [f"solihull-{name}-g{n:03d}" for n in range(400) for name in ("lscp", "arg", "rdg")]
    full = 0
    real = SequenceMatcher.ratio

    def counted(self):
        nonlocal full
        full += 1
        return real(self)

    monkeypatch.setattr(SequenceMatcher, "ratio", counted)
    assert closest("solihull-lscp-g1999", ids) == "solihull-lscp-g199"
    assert full < len(ids) / 10, full


# ---------------------------------------------------------------- T001 without a node tree


@pytest.mark.parametrize(
    "text",
    [
        "name: TODO name\nmembers:\n  - id: a\n    role: 'TODO: role'\n  - [x, TODO y, {TODO key: TODO value}]\n",
        "a: 1\nb: [TODOS, notTODO, x TODO]\nc: |\n  line\n  TODO block\n",
        "a: {1: TODO int key}\nb: TODO\n",  # a key that is not text: T001 falls back to the node tree
        "name: no marker\n",
    ],
)
def test_marked_values_are_what_the_node_tree_finds(text):
    """T001 from what the parser noted (no node tree) places every TODO value as the node tree does."""
    from torctl.data.checks.todo import _scalars
    from torctl.data.yamlio import compose, parse_text

    marked = parse_text(text).marked
    expected = [
        (p, n.start_mark.line + 1, n.start_mark.column + 1, n.value)
        for p, n in _scalars(compose(text), "")
        if "TODO" in n.value
    ]
    if "1:" in text:
        assert marked is None
    else:
        assert list(marked) == expected


def test_the_collector_is_paused_while_a_command_runs_and_restored_after(monkeypatch, capsys):
    """The application pauses the cyclic collector for a command (the library never touches it)."""
    import gc

    from torctl import cli

    seen = []
    monkeypatch.setattr(cli, "_main", lambda argv: seen.append(gc.isenabled()) or 0)
    assert gc.isenabled()
    for argv in (["check-quorum", "x"], ["--bodies", "b", "vote", "x"], ["validate"], ["list"]):
        cli.main(argv)
        assert gc.isenabled()
    assert seen == [False] * 4


def test_loading_leaves_the_collector_alone(tmp_path):
    import gc

    from torctl.data.load import load_tree

    assert gc.isenabled()
    load_tree(make_corpus(tmp_path / "bodies", 8))
    assert gc.isenabled()


def test_rendering_a_tor_loads_no_holiday_calendar(tmp_path):
    """A ToR states its deadlines as rules; working out no date, it needs no bank holidays (about 20 ms)."""
    code = (
        "import sys, io, contextlib; from torctl.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['--bodies', 'bodies', 'render', '--all', '-f', 'typ', '-o', {str(tmp_path) + '/'!r}])\n"
        "print(any(m.startswith('holidays') for m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.stdout.strip() == "False", done.stderr
    assert len(list(tmp_path.glob("*.typ"))) == 8


def test_no_model_field_defaults_through_a_builtin_factory():
    """`default_factory=list` costs pydantic a failing `inspect.signature(list)` (about 70 µs) per field per validator built."""
    import torctl.model
    import torctl.model.records  # noqa: F401
    from torctl.model.base import StrictModel

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    slow = [
        f"{cls.__name__}.{name}"
        for cls in subclasses(StrictModel)
        for name, info in cls.model_fields.items()
        if info.default_factory in (list, dict, set, tuple, frozenset)
    ]
    assert len(list(subclasses(StrictModel))) > 50
    assert slow == [], f"use a plain function (model.base.empty_list) as the default factory of {slow}"


def test_model_annotations_are_not_strings():
    """Postponed annotations make pydantic evaluate each one from its text as each model class is made."""
    model = Path(__file__).resolve().parent.parent / "src" / "torctl" / "model"
    postponed = [
        p.name
        for p in sorted(model.glob("*.py"))
        if "from __future__ import annotations" in p.read_text(encoding="utf-8")
    ]
    assert postponed == [], f"drop `from __future__ import annotations` from {postponed} (see torctl/model/__init__.py)"
