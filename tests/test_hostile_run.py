"""Issue 30: the whole hostile corpus (tests/hostile/ and the file-system and argv cases of hostile_corpus.py)
through every command that reads bodies or records, in-process, watched by an audit hook.

No run may exit 3 or print a traceback, read anything outside the bodies tree (a link out of it included),
print what is out there, or write anywhere but the output it was given.
"""

from __future__ import annotations


import pytest

import hostile_corpus


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list[hostile_corpus.Outcome]:
    from torctl.cli import main

    return list(hostile_corpus.run_corpus(main, tmp_path_factory.mktemp("hostile-run")))


def test_no_run_exits_3_or_prints_a_traceback(outcomes):
    bad = [(o.argv[2:], o.code, o.stderr[-300:]) for o in outcomes if o.code not in (0, 1, 2) or o.traceback]
    assert not bad, bad
    assert len(outcomes) >= 30


def test_no_run_reads_outside_the_bodies_tree_or_prints_it(outcomes):
    assert not [(o.argv[2:], o.reads_outside) for o in outcomes if o.reads_outside]
    assert not [o.argv[2:] for o in outcomes if o.leaked]


def test_no_run_writes_outside_its_named_output(outcomes):
    assert not [(o.argv[2:], o.writes_outside) for o in outcomes if o.writes_outside]


def test_the_cases_get_the_answers_they_should(outcomes):
    by = {" ".join(o.argv[2:]): o for o in outcomes}
    assert by["validate"].code == 1
    for code in ("Y009", "Y010", "Y004", "S003", "S004", "D002"):
        assert f" {code} " in by["validate"].stdout, code
    over_body = next(o for o in outcomes if "render" in o.argv and o.argv[-1].endswith("solihull-rdg.yaml"))
    assert over_body.code == 2  # (refused before the output is checked: the directory has errors)
    half_written = next(o for o in outcomes if o.argv[2:5] == ["member", "update", "solihull-arg"])
    assert half_written.code == 2 and "may be half-written" in half_written.stderr
    cleaned = next(o for o in outcomes if o.argv[2:5] == ["member", "update", "plymouth-improvement-board"])
    assert cleaned.code == 0 and "removed .plymouth-improvement-board.yaml.k1ll3d.tmp" in cleaned.stderr
    assert all(o.code == 2 and "is not UTF-8 text" in o.stderr for o in outcomes[-13:-9])
    clean_site = next(o for o in outcomes if "clean-site" in " ".join(o.argv))
    assert clean_site.code == 2 and "Y004" in clean_site.stderr  # the name that is not UTF-8: refused, not exit 3
    for summary in outcomes[-3:]:
        assert summary.code == 1 and "warning: cannot write the job summary" in summary.stderr, summary.stderr


def test_the_whole_run_is_quick(outcomes):
    """About 2 s on a quiet machine; the bound leaves room for a loaded one (the suite runs in parallel)."""
    assert sum(o.seconds for o in outcomes) < 30, sorted((round(o.seconds, 2), o.argv[2:4]) for o in outcomes)[-5:]
