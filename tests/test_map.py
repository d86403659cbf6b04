"""`torctl map` and the governance map's graph, text formats and drawing."""

from __future__ import annotations

import xml.dom.minidom

import pytest
from test_render_documents import check_golden

from torctl.render.governance import build_graph, layout, to_dot, to_mermaid, wrap


@pytest.fixture(scope="module")
def graph(tree):
    return build_graph(tree.bodies)


def edges(graph):
    return {(graph.nodes[e.source].label, graph.nodes[e.target].label) for e in graph.edges}


def test_lines_between_bodies_are_drawn_once(graph):
    found = edges(graph)
    for line in [("ARG", "LSCP"), ("RDG", "LSCP"), ("ELRAG", "LSCP"), ("ELRAG", "ARG")]:
        assert line in found
    assert len([e for e in graph.edges if (e.source, e.target) == ("solihull-arg", "solihull-lscp")]) == 1
    assert ("Quartet", "DfE Commissioner") in found
    assert ("SSCP subgroups", "SSCP Exec") in found  # receives_from an external body
    assert graph.nodes["external:dfe commissioner"].body_id is None


def test_mermaid_and_dot_goldens(graph):
    check_golden("map.mmd", to_mermaid(graph).encode())
    check_golden("map.dot", to_dot(graph).encode())


def test_text_formats_escape_names(scratch):
    from torctl.data.load import load_tree

    path = scratch / "solihull-rdg.yaml"
    path.write_text(path.read_text().replace("short_name: RDG", 'short_name: "R\\"D]G #x <b> \\\\N"'))
    graph = build_graph(load_tree(scratch).bodies)
    mermaid = to_mermaid(graph)
    assert "R#34;D#93;G #35;x #60;b#62; #92;N" in mermaid
    assert '"R\\"D]G #x <b> \\\\N"' in to_dot(graph)


def test_layout_puts_accountable_bodies_above_and_boxes_apart(graph):
    figures = layout(graph)
    assert len(figures) == 5
    for figure in figures:
        assert figure.width <= 166.01
        boxes = figure.boxes
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a.x + a.width <= b.x or b.x + b.width <= a.x or a.y + a.height <= b.y or b.y + b.height <= a.y
                assert apart, (a.key, b.key)
    solihull = next(f for f in figures if any(b.key == "solihull-lscp" for b in f.boxes))
    y = {b.key: b.y for b in solihull.boxes}
    assert y["solihull-lscp"] < y["solihull-arg"] < y["solihull-elrag"]
    assert all(len(a.points) >= 2 and len(a.head) == 3 for a in solihull.arrows)


def test_wide_figures_are_scaled_to_the_page(scratch):
    from torctl.data.load import load_tree

    path = scratch / "solihull-strategic-quartet.yaml"
    extra = "".join(f"    - external: Body {i}\n" for i in range(6))
    path.write_text(path.read_text().replace("  reports_to:\n", "  reports_to:\n" + extra))
    figures = layout(build_graph(load_tree(scratch).bodies))
    quartet = next(f for f in figures if any(b.key == "solihull-strategic-quartet" for b in f.boxes))
    assert quartet.scale < 1 and quartet.width <= 166.01


def test_wrap():
    assert wrap("Education and Children's Social Care Overview and Scrutiny Committee") == [
        "Education and Children's",
        "Social Care Overview and",
        "Scrutiny Committee",
    ]
    assert wrap("x" * 60) == ["x" * 27, "x" * 27, "x" * 6]


def test_map_command_formats(cli, graph, tmp_path):
    assert cli("map").stdout.startswith("flowchart BT\n")
    assert cli("map", "--format", "dot").stdout.startswith("digraph governance {")
    result = cli("map", "--format", "svg", "--output", str(tmp_path / "map.svg"))
    assert result.exit_code == 0
    document = xml.dom.minidom.parse(str(tmp_path / "map.svg"))
    assert len(document.getElementsByTagName("rect")) == len(graph.nodes)


def test_a_cycle_of_reporting_lines_still_draws(scratch):
    from torctl.data.load import load_tree

    path = scratch / "solihull-lscp.yaml"
    path.write_text(
        path.read_text().replace("  reports_to:\n", "  reports_to:\n    - body: solihull-rdg\n      what: Decisions\n")
    )
    graph = build_graph(load_tree(scratch).bodies)
    assert ("LSCP", "RDG") in edges(graph) and ("RDG", "LSCP") in edges(graph)
    solihull = next(f for f in layout(graph) if any(b.key == "solihull-lscp" for b in f.boxes))
    assert len(solihull.arrows) == 7  # with ELRAG's accountability to the three partners (an external box)
