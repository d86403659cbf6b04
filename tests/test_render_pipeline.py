"""`render --all` (issue 14, goal 3): PDFs typeset in background threads, the rest as one document at a time.

The run must give what rendering the documents one by one gives (the same bytes, in
the same order, and on a failure the same first error after the same files), with
one template environment per run (each template compiled once), the fonts found
once, and a Typst compiler per compiling thread rather than per document.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import jinja2
import pytest
from conftest import BODY_IDS

from torctl.render import Templates, pdf, render_tor, render_tors

FIRST, SECOND, THIRD, FOURTH, FIFTH, *_ = sorted(BODY_IDS)


def test_render_tors_gives_render_tors_bytes_one_at_a_time_in_order(tree):
    templates = Templates.find(None, tree.root)
    jobs = [(tree.bodies[b], fmt) for b in sorted(BODY_IDS) for fmt in ("pdf", "md", "typ")]
    got = list(render_tors(templates, tree, jobs))
    assert [(body.id, fmt) for body, fmt, _ in got] == [(body.id, fmt) for body, fmt in jobs]
    assert [data for _, _, data in got] == [render_tor(templates, tree, body, fmt) for body, fmt in jobs]


@pytest.fixture
def fresh_typst(monkeypatch: pytest.MonkeyPatch):
    """pdf.py's per-process state made anew, counting the fonts and compilers typst is asked for."""
    import typst

    made: Counter[str] = Counter()
    real_fonts, real_compiler = typst.Fonts, typst.Compiler

    def fonts(*args, **kwargs):
        made["fonts"] += 1
        return real_fonts(*args, **kwargs)

    def compiler(*args, **kwargs):
        made["compilers"] += 1
        return real_compiler(*args, **kwargs)

    monkeypatch.setattr(typst, "Fonts", fonts)
    monkeypatch.setattr(typst, "Compiler", compiler)
    monkeypatch.setattr(pdf, "_local", threading.local())
    pdf._fonts.cache_clear()
    pdf._background.cache_clear()
    yield made
    pdf._background().shutdown()
    pdf._fonts.cache_clear()
    pdf._background.cache_clear()


def test_fonts_are_found_once_and_compilers_are_one_a_thread(cli, tmp_path, fresh_typst):
    result = cli("render", "--all", "-f", "pdf", "-o", f"{tmp_path}/")
    assert result.exit_code == 0, result.stderr
    assert len(list(tmp_path.glob("*.pdf"))) == len(BODY_IDS)
    assert fresh_typst["fonts"] == 1
    assert 1 <= fresh_typst["compilers"] <= min(pdf.WORKERS, len(BODY_IDS))
    result = cli("handbook", "-o", f"{tmp_path}/handbook.pdf")  # the main thread's own compiler, same fonts
    assert result.exit_code == 0, result.stderr
    assert fresh_typst["fonts"] == 1


def test_threads_compiling_first_at_once_share_one_root_and_one_font_set(fresh_typst, monkeypatch):
    """Two threads making the compile root at once made two; the one not kept was removed when
    dropped, and a compiler given its path failed with "No such file or directory". Here the
    first root comes at once and later ones slowly, and the fonts take a while: the old code failed."""
    import tempfile
    import time

    import typst

    real_directory, real_fonts, made = tempfile.TemporaryDirectory, typst.Fonts, []

    def staggered_directory(*args, **kwargs):
        made.append(None)
        if len(made) > 1:
            time.sleep(0.05)
        return real_directory(*args, **kwargs)

    def slow_fonts(*args, **kwargs):
        time.sleep(0.1)
        return real_fonts(*args, **kwargs)

    monkeypatch.setattr(pdf.tempfile, "TemporaryDirectory", staggered_directory)
    monkeypatch.setattr(typst, "Fonts", slow_fonts)
    pdf._empty_root.cache_clear()
    start, failures = threading.Barrier(2), []

    def first_compile() -> None:
        start.wait()
        try:
            pdf.compile_pdf('#set document(date: none, title: "T")\nA line.', "a test document")
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=first_compile) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pdf._empty_root.cache_clear()
    assert failures == []
    assert len(made) == 1 and fresh_typst["compilers"] == 2


def test_each_template_compiles_once_in_a_run(cli, tmp_path, monkeypatch):
    compiled: Counter[str] = Counter()
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled[name] += 1
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    result = cli("render", "--all", "-f", "pdf", "-f", "html", "-f", "md", "-o", f"{tmp_path}/")
    assert result.exit_code == 0, result.stderr
    assert {"tor.typ.j2", "tor.html.j2", "tor.md.j2"} <= set(compiled)
    assert {name: n for name, n in compiled.items() if n != 1} == {}


def _write_template(directory: Path, text: str) -> Path:
    directory.mkdir()
    (directory / "tor.typ.j2").write_text(text, encoding="utf-8")
    return directory


def test_a_typst_error_comes_after_the_documents_before_it_and_before_a_later_template_error(cli, tmp_path):
    mine = _write_template(
        tmp_path / "mine",
        (
            '#set document(title: "T")\n= {{ doc.name }}\n'
            f"{{% if body.id == '{THIRD}' %}}#unknown-function()\n{{% endif %}}"
            f"{{% if body.id == '{FIFTH}' %}}{{{{ doc.no_such_field }}}}{{% endif %}}\n"
        ),
    )
    out = tmp_path / "out"
    result = cli("render", "--all", "-f", "pdf", "-o", f"{out}/", "--templates", str(mine))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: Typst could not typeset the terms of reference of {THIRD} at line 3")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [f"{FIRST}.pdf", f"{SECOND}.pdf"]
    assert result.stdout.splitlines() == [str(out / f"{FIRST}.pdf"), str(out / f"{SECOND}.pdf")]


def test_a_template_error_comes_after_every_document_before_it(cli, tmp_path):
    mine = _write_template(
        tmp_path / "mine",
        (
            '#set document(title: "T")\n'
            f"= {{{{ doc.name }}}}\n{{% if body.id == '{FIFTH}' %}}{{{{ doc.no_such_field }}}}{{% endif %}}\n"
        ),
    )
    out = tmp_path / "out"
    result = cli("render", "--all", "-f", "pdf", "-f", "typ", "-o", f"{out}/", "--templates", str(mine))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: template error in ") and "no_such_field" in result.stderr
    before = [FIRST, SECOND, THIRD, FOURTH]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        f"{b}.{ext}" for b in before for ext in ("pdf", "typ")
    )
    assert result.stdout.splitlines() == [str(out / f"{b}.{ext}") for b in before for ext in ("pdf", "typ")]
