"""Jinja environments, one per output format, and where templates are looked up.

Every environment is sandboxed (a template cannot reach Python internals),
strict (a misspelt variable is an error, not an empty string), and escapes every
printed value for its format: HTML with Jinja's autoescape, Markdown and Typst
with a `finalize` hook that runs each value through `escape.markdown` or
`escape.typst`. Template text itself is never escaped, and neither is the output
of macros, `{% set %}` blocks or values marked `|safe`. `~` joins and `|join`
escape their plain-text parts for the format too, so building a string in a
template cannot smuggle data past the escaping.

Templates are found in this order, file by file:
1. the directory the caller gives (`torctl render --templates DIR`);
2. a `templates/` directory beside the bodies directory (the user's repository);
3. the built-in templates shipped in the package (`torctl/templates`).

A user template can extend a built-in one by its `builtin/` name, e.g.
`{% extends "builtin/tor.html.j2" %}`, and override just the blocks it needs.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any
from collections.abc import Callable, Iterable, Iterator, Sequence

import jinja2
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import Concat
from jinja2.runtime import Context, markup_join
from jinja2.sandbox import SandboxedEnvironment, safe_range
from markupsafe import Markup

from ..data.paths import display_path, leaves
from ..errors import Message, UsageError
from . import escape

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
USER_DIR_NAME = "templates"
FORMATS = ("md", "html", "typ")


def template_dirs(templates: Path | None, bodies_root: Path | None) -> list[Path]:
    """The search path: the caller's `templates`, then `templates/` beside the bodies, then the built-ins."""
    dirs: list[Path] = []
    if templates is not None:
        if not Path(templates).is_dir():
            raise UsageError(Message("no templates directory at '{path}' (from {templates})", path=templates))
        dirs.append(Path(templates))
    if bodies_root is not None:
        beside = Path(bodies_root).resolve().parent / USER_DIR_NAME
        if beside.is_dir() and not _is_builtin(beside):
            if (target := leaves(beside, beside.parent)) is not None and leaves(beside, Path(bodies_root)):
                raise UsageError(
                    f"{display_path(beside)} is a link to {target}, outside the bodies directory's work tree; "
                    "refused (templates are read only from the repository, or from the directory named for them)"
                )
            dirs.append(beside)
    dirs.append(BUILTIN_DIR)
    return dirs


def _is_builtin(directory: Path) -> bool:
    """Whether `directory` holds exactly the built-in templates: the package's own, or a checkout's copy of them.

    torctl's repository keeps its `templates/` beside `bodies/` as a link into the
    package source; installed elsewhere (`pip install .`), that is a second copy of
    the built-ins, not a user's overrides, and must not be announced as one.
    """
    if directory.resolve() == BUILTIN_DIR:
        return True
    mine = {p.name: p for p in directory.iterdir() if p.name.endswith(".j2")}
    builtin = {p.name: p for p in BUILTIN_DIR.iterdir() if p.name.endswith(".j2")}
    return mine.keys() == builtin.keys() and all(mine[n].read_bytes() == builtin[n].read_bytes() for n in mine)


def _is_markup(value: object) -> bool:
    return hasattr(value, "__html__")


# What a template may build and how long it may take: a ToR's documents are far smaller and faster. A
# template is code from the user's repository; these bounds keep `{{ 'x' * 10**10 }}`, a doubling loop or
# nested ranges from filling memory or running for ever.
MAX_BUILT = 5_000_000
"""The longest string or list one expression, filter or `~` join in a template may build."""
MAX_OUTPUT = 200_000_000
"""The most characters one template may write."""
RENDER_SECONDS = 30.0
"""The longest one template may take to render."""
_SIZED_STR_METHODS = frozenset({"format", "format_map", "center", "ljust", "rjust", "zfill", "expandtabs"})
_WIDTH = re.compile(r"[%{:]\D{0,4}?(\d{5,})")  # a width or precision of 10,000 or more in a format string


class TemplateTooCostly(jinja2.TemplateRuntimeError):
    """A template tried to build too much, or ran too long."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


class _JoinCodeGenerator(CodeGenerator):
    """`a ~ b` joins through the environment (`join_parts`), which bounds the size and, in a text format,
    escapes plain parts for the format."""

    @optimizeconst
    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.join_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox (no Python internals), bounding what a template builds (`MAX_BUILT`), writes
    (`MAX_OUTPUT`) and how long it runs (`RENDER_SECONDS`, from `start_clock`)."""

    code_generator_class = _JoinCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.deadline = float("inf")
        self.globals["range"] = self._range
        for name in ("center", "indent", "format", "replace"):
            self.filters[name] = self._bounded_filter(self.filters[name])

    def start_clock(self) -> None:
        self.deadline = time.monotonic() + RENDER_SECONDS

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateTooCostly(f"the template ran for more than {RENDER_SECONDS:g} s; stopped")

    def _too_big(self, what: str, size: int) -> None:
        if size > MAX_BUILT:
            raise TemplateTooCostly(f"{what} would build {size:,} items; a template may build at most {MAX_BUILT:,}")

    def _range(self, *args: int) -> Iterator[int]:
        for item in safe_range(*args):
            self.tick()
            yield item

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        if operator == "*" and isinstance(left, int) and not isinstance(left, bool):
            left, right = right, left
        if operator == "*" and isinstance(right, int):
            self._too_big("'*'", _size(left) * max(right, 0))
        elif operator == "+":
            self._too_big("'+'", _size(left) + _size(right))
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            if left.bit_length() * abs(right) > 100_000:
                raise TemplateTooCostly(f"'** {right}' would make too large a number for a template")
        elif operator == "%" and isinstance(left, str):
            self._check_widths(left)
        return super().call_binop(context, operator, left, right)

    def _check_widths(self, text: str) -> None:
        if (found := _WIDTH.search(text)) is not None:
            raise TemplateTooCostly(f"a format width of {int(found[1]):,} is too wide for a template")

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.tick()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        found = super().getattr(obj, attribute)
        if isinstance(obj, str) and attribute in _SIZED_STR_METHODS and callable(found):
            return self._bounded_method(obj, attribute, found)
        return found

    def _bounded_method(self, text: str, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        """`'...'.format(...)`, `.ljust(n)`...: refused where the width asked for is too big."""

        def bounded(*args: Any, **kwargs: Any) -> Any:
            self._check_widths(text)
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, int) and not isinstance(arg, bool):
                    self._too_big(f"str.{name}", arg * (len(text) if name == "expandtabs" else 1))
            return method(*args, **kwargs)

        return bounded

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)

    def _bounded_filter(self, plain: Callable[..., Any]) -> Callable[..., Any]:
        """`center`, `indent`, `format` or `replace`, refused where what it would build is too big."""
        name = plain.__name__.removeprefix("do_")
        passes_context = hasattr(plain, "jinja_pass_arg")

        def bounded(*args: Any, **kwargs: Any) -> Any:
            self.tick()
            value, *rest = args[1:] if passes_context else args
            text = str(value)
            if name == "format":
                self._check_widths(text)
            elif name == "center":
                width = rest[0] if rest else kwargs.get("width", 80)
                self._too_big(name, width if isinstance(width, int) else 0)
            elif name == "indent":
                width = rest[0] if rest else kwargs.get("width", 4)
                each = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
                self._too_big(name, len(text) + (text.count("\n") + 1) * each)
            elif name == "replace" and len(rest) >= 2:
                old, new = str(rest[0]), str(rest[1])
                self._too_big(name, len(text) + (text.count(old) if old else len(text) + 1) * len(new))
            return plain(*args, **kwargs)

        bounded.__name__ = plain.__name__
        if passes_context:
            bounded.jinja_pass_arg = plain.jinja_pass_arg  # type: ignore[attr-defined]
        return bounded

    def join_parts(self, parts: Iterable[Any]) -> Any:
        parts = list(parts)
        self.tick()
        self._too_big("'~'", sum(len(str(p)) for p in parts))
        return markup_join(parts)

    def write_bounded(self, chunks: Iterable[str]) -> str:
        """A template's output, from `generate`, stopped once it is longer than `MAX_OUTPUT` or late."""
        out, size = [], 0
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateTooCostly(f"the template wrote more than {MAX_OUTPUT:,} characters; stopped")
            self.tick()
            out.append(chunk)
        return "".join(out)


class TextFormatEnvironment(BoundedEnvironment):
    """A sandboxed environment that escapes for a text format (Markdown, Typst) instead of HTML."""

    def __init__(self, escape_text: Callable[[str], str], format_name: str, **options: Any):
        super().__init__(finalize=self.escaped, **options)
        self.escape_text = escape_text
        self.format_name = format_name
        # Filters that would escape for HTML, or mark HTML as safe, escape for this format instead.
        for name in ("e", "escape", "forceescape"):
            self.filters[name] = self.escaped
        self.filters["join"] = self._join
        for name in ("tojson", "urlize", "xmlattr"):
            self.filters[name] = _unavailable(name, format_name)

    def _join(self, values: Iterable[Any], separator: str = "", attribute: str | None = None) -> Markup:
        if attribute is not None:
            values = [self.getattr(v, attribute) for v in values]
        return Markup(self.escaped(separator)).join(self.escaped(v) for v in values)

    def escaped(self, value: Any) -> Markup:
        if _is_markup(value):
            return Markup(value)
        return Markup(self.escape_text(str(value)))

    def join_parts(self, parts: Iterable[Any]) -> Markup:
        # Escape each plain part on its own, so "#" ~ "set" cannot join into code.
        escaped = [self.escaped(part) for part in parts]
        self.tick()
        self._too_big("'~'", sum(len(p) for p in escaped))
        return Markup("".join(escaped))


def _unavailable(name: str, fmt: str) -> Callable[..., Any]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise jinja2.TemplateRuntimeError(f"the '{name}' filter makes HTML and is not available in {fmt} templates")

    return refuse


def number(value: Any) -> Markup:
    """A number as plain digits (`12.5`, never `12.50000001`), for coordinates and sizes in templates."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise jinja2.TemplateRuntimeError(f"the 'num' filter takes a number, not {type(value).__name__}")
    return Markup(f"{value:.2f}".rstrip("0").rstrip("."))


def _printable(value: Any) -> Any:
    return value if _is_markup(value) or not isinstance(value, str) else escape.printable(value)


class ConfinedLoader(FileSystemLoader):
    """A template directory whose templates must resolve inside it.

    A symlink in a templates directory (or one an `{% include %}` names) that
    points outside it would let a template pull any readable file into a
    published document; such a template is refused, naming where it leads.
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if not template.endswith(".j2"):  # only templates are loaded: `{% include "passwd" %}` names no template
            raise jinja2.TemplateError(f"'{template}' is not a template (a template's name ends in .j2); refused")
        source, filename, uptodate = super().get_source(environment, template)
        if filename is not None:
            real = os.path.realpath(filename)
            roots = [os.path.realpath(path) for path in self.searchpath]
            if not any(real.startswith(root + os.sep) for root in roots):
                raise jinja2.TemplateError(
                    f"template '{template}' resolves to {real}, outside its templates directory "
                    f"{display_path(Path(self.searchpath[0]))}; refused (a template may not link to files elsewhere)"
                )
        return source, filename, uptodate


def _make_environment(fmt: str, loader: jinja2.BaseLoader) -> BoundedEnvironment:
    options: dict[str, Any] = dict(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env: BoundedEnvironment
    if fmt == "html":  # also SVG: control characters are invalid XML, so they are shown as U+FFFD
        env = BoundedEnvironment(finalize=_printable, **options)
        env.filters["css_string"] = lambda value: Markup(escape.css_string(str(value)))
    elif fmt == "md":
        env = TextFormatEnvironment(escape.markdown, "Markdown", **options)
    else:
        env = TextFormatEnvironment(escape.typst, "Typst", **options)
        env.filters["typst_string"] = lambda value: Markup(escape.typst_string(str(value)))
    env.filters["num"] = number
    return env


@dataclass
class Templates:
    """The template search path, with one environment per format built on first use."""

    directories: Sequence[Path]
    _envs: dict[str, BoundedEnvironment] = field(default_factory=dict)

    @classmethod
    def find(cls, templates: Path | None = None, bodies_root: Path | None = None) -> Templates:
        return cls(template_dirs(templates, bodies_root))

    def picked_up(self, bodies_root: Path | None) -> tuple[Path, list[str]] | None:
        """The `templates/` directory beside the bodies, if it is in use, and the templates it overrides.

        It is used without being asked for, so the CLI says so: a template there
        changes every document published from this repository.
        """
        if bodies_root is None:
            return None
        beside = Path(bodies_root).resolve().parent / USER_DIR_NAME
        for directory in self.directories:
            if Path(directory) == beside:
                names = sorted(p.name for p in beside.iterdir() if p.name.endswith(".j2"))
                return beside, names
        return None

    def _loader(self) -> jinja2.BaseLoader:
        builtin = FileSystemLoader(str(BUILTIN_DIR))
        loaders: list[jinja2.BaseLoader] = [
            FileSystemLoader(str(d)) if Path(d).resolve() == BUILTIN_DIR else ConfinedLoader(str(d))
            for d in self.directories
        ]
        loaders.append(PrefixLoader({"builtin": builtin}))
        return ChoiceLoader(loaders)

    def environment(self, fmt: str) -> BoundedEnvironment:
        if fmt not in FORMATS:
            raise ValueError(f"unknown template format {fmt!r}")
        if fmt not in self._envs:
            self._envs[fmt] = _make_environment(fmt, self._loader())
        return self._envs[fmt]

    def render(self, name: str, **context: Any) -> str:
        """Render template `name` (`tor.html.j2`: its format is the middle suffix) with `context`."""
        fmt = name.rsplit(".", 2)[-2]
        fmt = "html" if fmt == "svg" else fmt  # SVG is XML: HTML escaping is right for it
        env = self.environment(fmt)
        try:
            template = env.get_template(name)
            env.start_clock()
            return env.write_bounded(template.generate(**context))
        except jinja2.TemplateNotFound as exc:
            searched = ", ".join(display_path(d) for d in self.directories)
            raise UsageError(f"template '{exc.name}' not found (looked in {searched})") from None
        except jinja2.TemplateSyntaxError as exc:
            where = _where(exc.filename, exc.lineno) or name
            raise UsageError(f"template error in {where}: {exc.message}") from None
        except Exception as exc:
            where = _where(*_template_frame(exc.__traceback__, self.directories)) or name
            message = exc.message if isinstance(exc, jinja2.TemplateError) and exc.message else str(exc)
            raise UsageError(f"template error in {where}: {message}") from None


def _where(filename: str | None, line: int | None) -> str | None:
    if not filename:
        return None
    shown = display_path(Path(filename))
    return f"{shown}:{line}" if line else shown


def _template_frame(tb: TracebackType | None, directories: Sequence[Path]) -> tuple[str | None, int | None]:
    """The innermost traceback frame that is template code (Jinja rewrites those to the template's file and line)."""
    roots = [str(Path(d).resolve()) for d in (*directories, BUILTIN_DIR)]
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(str(Path(filename).resolve()).startswith(root) for root in roots) and not filename.endswith(".py"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
