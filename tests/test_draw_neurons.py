"""The network view (``--level network``): Mazur's figures, with the engine's numbers."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import struct
from math import comb

import pytest

import chainrule as cr
from chainrule.teach.draw.neurons import network_view, number, to_svg
from chainrule.teach.examples import MATRIX_FORM, NO_BIAS
from cli_helpers import run_main


def mazur_view(lang: str = "en"):
    spec = cr.mazur_spec()
    return network_view(spec.network, spec.inputs[0], spec.targets[0], lang, "mazur")


def crossings(view) -> int:
    """How many pairs of edges cross (segments between circle centres, shared ends apart)."""

    def cross(p, q, r, s) -> bool:
        def orient(a, b, c) -> float:
            return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

        return (orient(p, q, r) * orient(p, q, s) < 0) and (orient(r, s, p) * orient(r, s, q) < 0)

    def at(key: str) -> tuple[float, float]:
        return view.circle(key).x, view.circle(key).y

    ends = [(at(e.source), at(e.target)) for e in view.edges]
    return sum(cross(*a, *b) for a, b in itertools.combinations(ends, 2))


def boxes(view):
    """Rough boxes of every edge label: 6.6 px per character, 14 px per line."""
    for e in view.edges:
        if e.lines:
            w = 6.6 * max(len(s) for s in e.lines)
            yield (
                e.label_x - w / 2,
                e.label_y - 16,
                e.label_x + w / 2,
                e.label_y + 14 * len(e.lines) - 10,
            )


def test_mazur_numbers_in_the_picture() -> None:
    svg = to_svg(mazur_view())
    for text in ("net 0.3775", "out 0.5933", "out 0.7514", "net 1.106", "δ 0.1385",
                 "w5 = 0.4", "∂E/∂w5 = 0.08217", "w1 = 0.15", "∂E/∂w1 = 0.0004386",
                 "∂E/∂w7 = −0.0226", "b1", "0.35", "b2"):  # fmt: skip
        assert f">{text}<" in svg, text
    assert "-0" not in re.sub(r'"[^"]*"', "", svg)  # numbers use one minus sign, −
    width, height = (float(v) for v in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
    assert width <= 1600 and height <= 1600


def test_layers_left_to_right_and_weights_in_mazurs_order() -> None:
    view = mazur_view()
    xs = {c.key: c.x for c in view.circles}
    assert xs["i1"] == xs["i2"] < xs["h1"] == xs["h2"] < xs["o1"] == xs["o2"]
    named = {e.lines[0].split(" = ")[0]: (e.source, e.target) for e in view.edges if e.lines}
    assert named == {"w1": ("i1", "h1"), "w2": ("i2", "h1"), "w3": ("i1", "h2"),
                     "w4": ("i2", "h2"), "w5": ("h1", "o1"), "w6": ("h2", "o1"),
                     "w7": ("h1", "o2"), "w8": ("h2", "o2")}  # fmt: skip
    assert view.data["layers"][2]["edges"][0]["grad"] == pytest.approx(0.082167041, abs=1e-9)


def test_edges_cross_only_where_layers_are_fully_connected() -> None:
    view = mazur_view()
    # inputs (+ b1) to hidden: C(3, 2)·C(2, 2); hidden (+ b2) to outputs: the same
    assert crossings(view) == 2 * comb(3, 2) * comb(2, 2)
    chain = cr.parse_spec({**NO_BIAS, "input_size": 1, "layers": [
        {"units": 1, "activation": "sigmoid", "bias": "none", "weights": [[0.5]]},
        {"units": 1, "activation": "sigmoid", "bias": "none", "weights": [[0.5]]}],
        "inputs": [[1.0]], "targets": [[0.0]]})  # fmt: skip
    assert crossings(network_view(chain.network, chain.inputs[0], chain.targets[0])) == 0


@pytest.mark.parametrize("data", [NO_BIAS, MATRIX_FORM])
def test_labels_clear_of_each_other_and_of_the_circles(data) -> None:
    spec = cr.parse_spec(data)
    for view in (mazur_view(), network_view(spec.network, spec.inputs[0], spec.targets[0])):
        labels = list(boxes(view))
        for a, b in itertools.combinations(labels, 2):
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (a, b)
        for (x0, y0, x1, y1), c in itertools.product(labels, view.circles):
            nx, ny = min(max(c.x, x0), x1), min(max(c.y, y0), y1)  # nearest point of the box
            assert (nx - c.x) ** 2 + (ny - c.y) ** 2 > c.r**2
        assert view.width <= 1600 and view.height <= 1600


def test_number_format() -> None:
    assert number(-0.0226) == "−0.0226" and number(0.000438568) == "0.0004386"
    assert number(1.105905967) == "1.106" and number(0.6) == "0.6" and number(0) == "0"
    assert number(-4.3856e-5) == "−4.386·10⁻⁵"


def test_korean_legend_and_cli_formats(tmp_path) -> None:
    code, svg, _ = run_main("graph", "--example", "mazur", "--level", "network", "--format",
                            "svg", "--lang", "ko")  # fmt: skip
    assert code == 0 and "뉴런마다: net, out, δ = ∂E/∂net" in svg and "1번째 샘플" in svg
    code, out, _ = run_main("graph", "--example", "mazur", "--level", "network")
    data = json.loads(out)
    assert data["layers"][1]["neurons"][0]["out"] == pytest.approx(0.593269992, abs=1e-9)
    assert data["layers"][1]["bias"] == {
        "name": "b1",
        "value": 0.35,
        "grad": pytest.approx(0.0187, abs=1e-4),
    }
    picture = cr.draw_network(
        cr.mazur_spec().network, [[0.05, 0.1]], [[0.01, 0.99]], level="network"
    )
    assert picture.svg() == svg.replace("1번째 샘플", "sample 1").replace(
        "뉴런마다: net, out, δ = ∂E/∂net · 연결선마다: 가중치와 ∂E/∂w",
        "in each neuron: net, out and δ = ∂E/∂net · on each edge: the weight and ∂E/∂w",
    ).replace("mazur · ", "")
    if shutil.which("dot"):
        png = picture.png()
        width, height = struct.unpack(">II", png[16:24])
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and width <= 1600 and height <= 1600
