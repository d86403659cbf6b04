"""The governance map: who reports to whom, between the bodies and to external bodies.

`build_graph` merges every body's `reports_to` and `receives_from` lines into one
set of edges (a line stated by both ends is drawn once). The graph is written as
Mermaid or Graphviz DOT text for other tools, and laid out here for drawing
(`layout`): each group of connected bodies becomes one figure, accountable
bodies above the bodies that report to them, so the PDF (drawn by Typst) and
the HTML (an inline SVG) need no Graphviz and look the same everywhere.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from collections.abc import Iterator, Mapping

from ..model import Body

# ------------------------------------------------------------------ the graph


@dataclass(frozen=True)
class Node:
    key: str  # body id, or "external:<name>"
    label: str  # the short name
    body_id: str | None  # None for a body torctl does not hold
    group: str | None  # the partnership, for clusters
    name: str | None = None  # the full name, where it differs from the label

    def text_lines(self) -> list[str]:
        """The lines drawn in the node's box under its label (a body's full name)."""
        return wrap(self.name) if self.name else []

    def label_lines(self) -> list[str]:
        """The label's lines: a held body's label is drawn bold, so it wraps sooner."""
        return wrap(self.label, BOLD_CHARS_PER_LINE if self.body_id else CHARS_PER_LINE)

    def height(self) -> float:
        return 2 * BOX_PADDING + LINE_HEIGHT * (len(self.label_lines()) + len(self.text_lines()))


@dataclass
class Edge:
    source: str  # node key of the body that reports
    target: str  # node key of the body reported to
    what: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)


@dataclass
class Graph:
    nodes: dict[str, Node]
    edges: list[Edge]

    def node_ids(self) -> dict[str, str]:
        """Short stable ids (n1, n2...) for tools, in node order."""
        return {key: f"n{i}" for i, key in enumerate(self.nodes, start=1)}


def _external_key(name: str) -> str:
    return "external:" + re.sub(r"\s+", " ", name.strip()).lower()


def build_graph(bodies: Mapping[str, Body]) -> Graph:
    """Every reporting line between the bodies, and from and to external bodies."""
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    ordered = [bodies[k] for k in sorted(bodies)]
    for body in ordered:
        short = body.short_name or body.name
        nodes[body.id] = Node(body.id, short, body.id, body.partnership, body.name if body.name != short else None)

    def endpoint(line_body: str | None, external: str | None) -> str:
        if line_body:
            if line_body not in nodes:  # a dangling reference (validate reports it): show it as named
                nodes[line_body] = Node(line_body, line_body, None, None)
            return line_body
        key = _external_key(external or "")
        nodes.setdefault(key, Node(key, (external or "").strip(), None, None))
        return key

    for body in ordered:
        for direction in ("reports_to", "receives_from"):
            for line in getattr(body.reporting, direction):
                other = endpoint(line.body, line.external)
                pair = (body.id, other) if direction == "reports_to" else (other, body.id)
                if pair[0] == pair[1]:
                    continue
                edge = edges.setdefault(pair, Edge(*pair))
                if line.what:
                    edge.what[:] = merge_what(edge.what, line.what)
                if line.via and line.via not in edge.via:
                    edge.via.append(line.via)
    return Graph(nodes, list(edges.values()))


def merge_what(parts: list[str], text: str) -> list[str]:
    """`parts` with the '; '-separated parts of `text` added, leaving out any part that another already says
    (in any case): both bodies often record one line, in slightly different words."""
    merged = list(parts)
    for part in (p.strip() for p in text.split(";")):
        key = part.casefold().rstrip(".")
        if not key or any(key in m.casefold() for m in merged):
            continue
        merged = [m for m in merged if m.casefold().rstrip(".") not in part.casefold()] + [part]
    return merged


# ------------------------------------------------------------------ text formats


def _mermaid_label(text: str) -> str:
    # Mermaid reads entity codes in labels; anything that could be syntax or markup becomes one.
    return "".join(ch if ch.isalnum() or ch in " ,.'-/" else f"#{ord(ch)};" for ch in re.sub(r"\s+", " ", text))


def _dot_string(text: str) -> str:
    return '"' + re.sub(r"\s+", " ", text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _groups(graph: Graph) -> tuple[dict[str, list[Node]], set[str]]:
    """The bodies of each partnership (drawn as a cluster), and the keys of every node in one."""
    groups: dict[str, list[Node]] = {}
    for node in graph.nodes.values():
        if node.group and node.body_id:
            groups.setdefault(node.group, []).append(node)
    return groups, {n.key for members in groups.values() for n in members}


def to_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart, reporting bodies below the bodies they report to."""
    ids = graph.node_ids()
    lines = ["flowchart BT"]
    groups, grouped = _groups(graph)
    for index, (group, members) in enumerate(groups.items(), start=1):
        lines.append(f'  subgraph g{index}["{_mermaid_label(group)}"]')
        lines.extend(f'    {ids[n.key]}["{_mermaid_label(n.label)}"]' for n in members)
        lines.append("  end")
    for node in graph.nodes.values():
        if node.key not in grouped:
            shape = ('(["', '"])') if node.body_id is None else ('["', '"]')
            lines.append(f"  {ids[node.key]}{shape[0]}{_mermaid_label(node.label)}{shape[1]}")
    for edge in graph.edges:
        lines.append(f"  {ids[edge.source]} --> {ids[edge.target]}")
    return "\n".join(lines) + "\n"


def to_dot(graph: Graph) -> str:
    """A Graphviz digraph: arrows point from the reporting body to the body it reports to."""
    ids = graph.node_ids()
    lines = [
        "digraph governance {",
        "  rankdir=BT;",
        '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
    ]
    groups, grouped = _groups(graph)
    for index, (group, members) in enumerate(groups.items(), start=1):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={_dot_string(group)};")
        lines.extend(f"    {ids[n.key]} [label={_dot_string(n.label)}];" for n in members)
        lines.append("  }")
    for node in graph.nodes.values():
        if node.key not in grouped:
            style = ', style="dashed"' if node.body_id is None else ""
            lines.append(f"  {ids[node.key]} [label={_dot_string(node.label)}{style}];")
    for edge in graph.edges:
        label = f" [label={_dot_string('; '.join(edge.what))}]" if edge.what else ""
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ layout

BOX_WIDTH = 44.0  # mm
LINE_HEIGHT = 3.6  # mm, at 8 pt
BOX_PADDING = 2.4  # mm above and below the text
CHARS_PER_LINE = 27
# Bold titles are wider: 27 characters of a bold fallback font (DejaVu Sans Bold, where an SVG viewer lacks
# the fonts named) overflow a 44 mm box; 20 fit with room in any common sans-serif.
BOLD_CHARS_PER_LINE = 20
H_GAP = 7.0
V_GAP = 12.0
MAX_WIDTH = 166.0


@dataclass(frozen=True)
class Box:
    key: str
    body_id: str | None
    x: float
    y: float
    width: float
    height: float
    label: list[str]  # the short name, drawn bold for bodies torctl holds
    lines: list[str]  # the full name, smaller

    @property
    def external(self) -> bool:
        return self.body_id is None


@dataclass(frozen=True)
class Arrow:
    points: list[tuple[float, float]]  # from the reporting body to the body reported to
    head: list[tuple[float, float]]  # the arrowhead's triangle


@dataclass(frozen=True)
class Figure:
    """One connected group of bodies, laid out in millimetres from the top left."""

    title: str
    width: float
    height: float
    scale: float  # text size factor, below 1 where the figure was shrunk to fit the page
    boxes: list[Box]
    arrows: list[Arrow]
    description: str  # the figure in words, for screen readers


def wrap(text: str, width: int = CHARS_PER_LINE) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words."""
    lines: list[str] = []
    current = ""
    for whole in text.split():
        word = whole
        while len(word) > width:  # a very long word is cut rather than overflowing the box
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current or not lines:
        lines.append(current)
    return lines


def _components(graph: Graph) -> list[list[str]]:
    neighbours: dict[str, set[str]] = {key: set() for key in graph.nodes}
    for edge in graph.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    seen: set[str] = set()
    groups = []
    for key in graph.nodes:  # bodies first (sorted by id), so figures follow the bodies' order
        if key in seen:
            continue
        stack, group = [key], []
        seen.add(key)
        while stack:
            current = stack.pop()
            group.append(current)
            for other in sorted(neighbours[current]):
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        order = list(graph.nodes)
        groups.append(sorted(group, key=order.index))
    return groups


def _ranks(keys: list[str], edges: list[Edge]) -> dict[str, int]:
    """Rank 0 at the top: a body sits one row below the lowest body it reports to (cycles broken)."""
    outgoing: dict[str, list[str]] = {k: [] for k in keys}
    for edge in edges:
        outgoing[edge.source].append(edge.target)
    rank: dict[str, int] = {}
    visiting: set[str] = set()

    def visit(key: str) -> int:
        if key in rank:
            return rank[key]
        if key in visiting:  # a cycle: this edge is ignored for ranking
            return -1
        visiting.add(key)
        rank[key] = max((visit(t) + 1 for t in outgoing[key]), default=0)
        visiting.discard(key)
        return rank[key]

    for key in keys:
        visit(key)
    return rank


def _layout_component(graph: Graph, keys: list[str], title: str) -> Figure:
    """One figure: rows by rank (long edges through waypoints), ordered and placed, then boxes and arrows."""
    members = set(keys)
    edges = [e for e in graph.edges if e.source in members]
    rank = _ranks(keys, edges)
    rows, paths = _rows_and_paths(keys, edges, rank)
    links: dict[str, set[str]] = {}
    for path in paths:
        for a, b in itertools.pairwise(path):
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    heights = {k: graph.nodes[k].height() for k in keys}
    widths = {k: (BOX_WIDTH if k in members else 0.0) for row in rows.values() for k in row}
    _order_rows(rows, links)
    x = _place_across(rows, widths, links)
    left = min(x.values())
    right = max(x[k] + widths[k] for k in x)
    for k in x:
        x[k] -= left
    width = right - left
    y: dict[str, float] = {}
    top = 0.0
    row_height = {}
    for r in sorted(rows):
        row_height[r] = max((heights[k] for k in rows[r] if k in members), default=0.0)
        for k in rows[r]:
            y[k] = top
        top += row_height[r] + V_GAP
    height = top - V_GAP
    boxes = [
        Box(
            k,
            graph.nodes[k].body_id,
            x[k],
            y[k] + (row_height[rank[k]] - heights[k]) / 2,
            BOX_WIDTH,
            heights[k],
            graph.nodes[k].label_lines(),
            graph.nodes[k].text_lines(),
        )
        for k in keys
    ]
    arrows = _arrows(paths, {b.key: b for b in boxes}, x, y, widths, row_height)
    scale = min(1.0, MAX_WIDTH / width) if width else 1.0
    figure = Figure(title, width, height, 1.0, boxes, arrows, describe(graph, keys))
    return _scaled(figure, scale)


def _rows_and_paths(
    keys: list[str], edges: list[Edge], rank: dict[str, int]
) -> tuple[dict[int, list[str]], list[list[str]]]:
    """The keys in each row, and each edge's path: a long edge passes an invisible waypoint in each row it crosses."""
    rows: dict[int, list[str]] = {}
    for key in keys:
        rows.setdefault(rank[key], []).append(key)
    paths: list[list[str]] = []
    for i, edge in enumerate(edges):
        low, high = rank[edge.source], rank[edge.target]
        path = [edge.source]
        for r in range(low - 1, high, -1):
            waypoint = f"~{i}~{r}"
            rows.setdefault(r, []).append(waypoint)
            path.append(waypoint)
        path.append(edge.target)
        paths.append(path)
    return rows, paths


def _sweeps(row_ids: list[int], count: int) -> Iterator[tuple[int, int]]:
    """(row, its neighbouring row) for `count` sweeps, alternately down from the top and up from the bottom."""
    for sweep in range(count):
        down = sweep % 2 == 0
        for r in row_ids[1:] if down else list(reversed(row_ids[:-1])):
            yield r, (r - 1 if down else r + 1)


def _order_rows(rows: dict[int, list[str]], links: dict[str, set[str]]) -> None:
    """Order each row by the mean position of its neighbours in the row above or below (four sweeps)."""
    row_ids = sorted(rows)
    position = {k: float(i) for r in row_ids for i, k in enumerate(rows[r])}
    for r, other in _sweeps(row_ids, 4):

        def centre(k: str, other: int = other) -> float:
            near = [position[n] for n in links.get(k, ()) if n in rows.get(other, [])]
            return sum(near) / len(near) if near else position[k]

        rows[r].sort(key=centre)
        for i, k in enumerate(rows[r]):
            position[k] = float(i)


def _place_across(rows: dict[int, list[str]], widths: dict[str, float], links: dict[str, set[str]]) -> dict[str, float]:
    """Each box's left edge: left to right in its row, then pulled towards its neighbours without overlapping.

    The edges are relative: the leftmost box may stand left of 0.
    """
    row_ids = sorted(rows)
    x: dict[str, float] = {}
    for r in row_ids:
        cursor = 0.0
        for k in rows[r]:
            x[k] = cursor
            cursor += widths[k] + H_GAP
    for r, other in _sweeps(row_ids, 6):
        wanted = []
        for k in rows[r]:
            near = [x[n] + widths[n] / 2 for n in links.get(k, ()) if n in rows.get(other, [])]
            wanted.append(sum(near) / len(near) - widths[k] / 2 if near else x[k])
        placed: list[float] = []
        for i in range(len(rows[r])):
            floor = placed[-1] + widths[rows[r][i - 1]] + H_GAP if placed else float("-inf")
            placed.append(max(wanted[i], floor))
        # Pushing boxes apart moves them right; centre the row back on what its boxes wanted.
        drift = sum(p - w for p, w in zip(placed, wanted, strict=True)) / len(placed)
        for k, p in zip(rows[r], placed, strict=True):
            x[k] = p - drift
    return x


def _arrows(
    paths: list[list[str]],
    box_of: dict[str, Box],
    x: dict[str, float],
    y: dict[str, float],
    widths: dict[str, float],
    row_height: dict[int, float],
) -> list[Arrow]:
    """An arrow along each path; the arrows arriving at (or leaving) one box are spread along its edge."""
    ends: dict[tuple[str, str], list[int]] = {}
    for i, path in enumerate(paths):
        ends.setdefault((path[-1], "in"), []).append(i)
        ends.setdefault((path[0], "out"), []).append(i)
    toward: dict[tuple[int, str], float] = {}
    for i, path in enumerate(paths):
        toward[(i, "in")] = x[path[-2]] + widths[path[-2]] / 2
        toward[(i, "out")] = x[path[1]] + widths[path[1]] / 2

    def port(key: str, side: str, i: int) -> float:
        box = box_of[key]
        siblings = sorted(ends[(key, side)], key=lambda j: (toward[(j, side)], j))
        return box.x + box.width * (siblings.index(i) + 1) / (len(siblings) + 1)

    arrows = []
    for i, path in enumerate(paths):
        source, target = box_of[path[0]], box_of[path[-1]]
        points = [(port(path[0], "out", i), source.y)]
        for waypoint in path[1:-1]:
            r = int(waypoint.rsplit("~", 1)[1])
            row_top = y[waypoint]
            points.append((x[waypoint], row_top + row_height[r]))
            points.append((x[waypoint], row_top))
        end = (port(path[-1], "in", i), target.y + target.height)
        points.append(end)
        arrows.append(Arrow(points, _head(points[-2], end)))
    return arrows


def _head(
    start: tuple[float, float], end: tuple[float, float], length: float = 2.4, half: float = 1.1
) -> list[tuple[float, float]]:
    dx, dy = end[0] - start[0], end[1] - start[1]
    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / norm, dy / norm
    bx, by = end[0] - ux * length, end[1] - uy * length
    return [end, (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]


def _scaled(figure: Figure, factor: float) -> Figure:
    """The figure shrunk by `factor` (1: unchanged), every coordinate rounded so output is stable."""

    def pt(p: tuple[float, float]) -> tuple[float, float]:
        return (round(p[0] * factor, 2), round(p[1] * factor, 2))

    boxes = [
        Box(
            b.key,
            b.body_id,
            round(b.x * factor, 2),
            round(b.y * factor, 2),
            round(b.width * factor, 2),
            round(b.height * factor, 2),
            b.label,
            b.lines,
        )
        for b in figure.boxes
    ]
    arrows = [Arrow([pt(p) for p in a.points], [pt(p) for p in a.head]) for a in figure.arrows]
    return Figure(
        figure.title,
        round(figure.width * factor, 2),
        round(figure.height * factor, 2),
        round(factor, 3),
        boxes,
        arrows,
        figure.description,
    )


def describe(graph: Graph, keys: list[str]) -> str:
    """The figure in words: 'ARG reports to LSCP. ...'."""
    members = set(keys)
    sentences = []
    for edge in graph.edges:
        if edge.source in members:
            sentences.append(f"{graph.nodes[edge.source].label} reports to {graph.nodes[edge.target].label}.")
    return " ".join(sentences) if sentences else f"{graph.nodes[keys[0]].label} has no recorded reporting lines."


def layout(graph: Graph) -> list[Figure]:
    """One figure per connected group of bodies, in the order of the bodies' ids."""
    figures = []
    for keys in _components(graph):
        groups = list(dict.fromkeys(group for group in (graph.nodes[k].group for k in keys) if group))
        title = groups[0] if len(groups) == 1 else (" and ".join(groups) if groups else graph.nodes[keys[0]].label)
        figures.append(_layout_component(graph, keys, title))
    return figures


@dataclass(frozen=True)
class Line:
    """One reporting line, in words, for the table beside the map."""

    source: str
    source_id: str | None
    target: str
    target_id: str | None
    via: str
    what: str


def reporting_lines(graph: Graph) -> list[Line]:
    out = []
    for edge in graph.edges:
        s, t = graph.nodes[edge.source], graph.nodes[edge.target]
        out.append(Line(s.label, s.body_id, t.label, t.body_id, "; ".join(edge.via), "; ".join(edge.what)))
    return out
