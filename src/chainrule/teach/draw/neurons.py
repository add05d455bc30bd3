"""A network drawn as in Mazur's figures: neurons as circles in layers, left to right.

Each neuron shows its name, net and out (inputs: their value) and, after backward, its
δ = ∂E/∂net; each edge its weight and ∂E/∂w, with Mazur's names (w1 i1→h1, w2 i2→h1, …);
a layer's shared bias is a small circle above the layer before it (b1, b2), a per-neuron
bias is written inside its neuron. The numbers are those of one training step on one
sample (:func:`chainrule.teach.trace.trace_step`).

Layout: columns 360 px apart, neurons 170 px apart, each column centred; edges are straight
lines, so edges cross only where two layers are fully connected (between a layer of m nodes
and one of n, exactly C(m, 2)·C(n, 2) times, the least any layered drawing allows). Each
edge's label sits near its source, 64 px beyond its circle, where the edges of one
source are spread apart and no other edge runs. Mazur's 2-2-2 network is 976 × 626 px.

The picture is written as SVG directly (no Graphviz needed) and as DOT with every position
pinned (``layout=neato``), which Graphviz turns into the same picture as PNG.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chainrule.nn import Network
from chainrule.teach.draw.i18n import word
from chainrule.teach.draw.network import neuron_names
from chainrule.teach.trace import trace_step

COLUMN_GAP = 360.0
ROW_GAP = 170.0
RADIUS = 48.0
BIAS_RADIUS = 30.0
MARGIN = 80.0
TOP = 110.0  # room for the title and legend
LABEL_GAP = 10.0  # room between an edge label and its source circle
LABEL_HEIGHT = 36.0  # two lines of 11 px text, and air
CHAR_WIDTH = 6.6  # of 11 px text, generously
FRACTIONS = [round(0.1 + 0.005 * n, 3) for n in range(61)]  # 0.1 … 0.4
FONT = "DejaVu Sans, 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"
MINUS = "\u2212"


def number(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, with one minus sign (−), no exponent
    above 10⁻⁴ (``0.0004386``), else ``4.386·10⁻⁵``."""
    v = float(value)
    if v == 0 or not math.isfinite(v):
        return "0" if v == 0 else str(v)
    if abs(v) >= 1e-4:
        decimals = max(0, digits - 1 - math.floor(math.log10(abs(v))))
        text = f"{abs(v):.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        mantissa, exponent = f"{abs(v):.{digits - 1}e}".split("e")
        supers = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
        text = f"{mantissa.rstrip('0').rstrip('.')}·10{str(int(exponent)).translate(supers)}"
    return (MINUS if v < 0 else "") + text


@dataclass
class Circle:
    """A neuron, input or bias: its place, radius and lines of text (the first in bold)."""

    key: str
    x: float
    y: float
    r: float
    lines: list[str]
    kind: str  # input, neuron, bias
    column: int = 0


@dataclass
class Edge:
    source: str
    target: str
    lines: list[str]
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass
class NetworkView:
    """The geometry and words of the picture; ``data`` is the same as plain numbers."""

    width: float
    height: float
    title: str
    legend: str
    circles: list[Circle] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def circle(self, key: str) -> Circle:
        return next(c for c in self.circles if c.key == key)


def network_view(
    network: Network, x: np.ndarray, t: np.ndarray, lang: str = "en", title: str | None = None
) -> NetworkView:
    """The picture of ``network`` on one sample ``x`` (inputs) with targets ``t``."""
    step = trace_step(network.copy(), x.reshape(1, -1), t.reshape(1, -1), 1.0, True)
    names = [[f"i{i}" for i in range(1, len(x) + 1)], *neuron_names(network)]
    shared = [layer.bias == "shared" for layer in network.layers]
    rows = max(
        len(col) + (1 if k < len(shared) and shared[k] else 0) for k, col in enumerate(names)
    )
    height = TOP + (rows - 1) * ROW_GAP + 2 * RADIUS + MARGIN
    width = 2 * MARGIN + (len(names) - 1) * COLUMN_GAP + 2 * RADIUS
    view = NetworkView(width, height, title or "", word(lang, "network_legend"))
    centre = TOP + RADIUS + (rows - 1) * ROW_GAP / 2

    def place(k: int, count: int) -> list[float]:
        x_col = float(k)  # the column; its x is set once the gaps are known
        first = centre - (count - 1) * ROW_GAP / 2
        return [x_col] + [first + j * ROW_GAP for j in range(count)]

    x_in, *ys = place(0, len(names[0]) + (1 if shared[0] else 0))
    ys = ys[1:] if shared[0] else ys
    for name, y, value in zip(names[0], ys, x, strict=True):
        view.circles.append(Circle(name, x_in, y, RADIUS, [name, number(value)], "input"))
    data_layers: list[dict[str, Any]] = [
        {"neurons": [{"name": n, "out": float(v)} for n, v in zip(names[0], x, strict=True)]}
    ]
    w_index = b_index = 0
    for k, (layer, lay) in enumerate(zip(network.layers, step.layers, strict=True), start=1):
        bias_above = k < len(shared) and shared[k]
        x_col, *ys = place(k, layer.units + (1 if bias_above else 0))
        ys = ys[1:] if bias_above else ys
        out_layer = k == len(network.layers)
        neurons = []
        for j, (name, y) in enumerate(zip(names[k], ys, strict=True)):
            lines = [
                name,
                f"net {number(lay.net[0, j])}",
                f"out {number(lay.out[0, j])}",
                f"δ {number(lay.delta[0, j])}",
            ]
            if layer.bias == "per_neuron" and lay.biases is not None:
                lines.insert(1, f"b {number(lay.biases[j])}")
            view.circles.append(Circle(name, x_col, y, RADIUS, lines, "neuron"))
            neuron = {
                "name": name,
                "net": float(lay.net[0, j]),
                "out": float(lay.out[0, j]),
                "delta": float(lay.delta[0, j]),
            }
            if out_layer:
                neuron["target"] = float(t[j])
            neurons.append(neuron)
        # the layer's edges, numbered by destination neuron as Mazur numbers w1…w8
        edges = []
        sources = names[k - 1]
        for j, target in enumerate(names[k]):
            for i, source in enumerate(sources):
                w_index += 1
                w_name = f"w{w_index}"
                lines = [
                    f"{w_name} = {number(lay.weights[j, i])}",
                    f"∂E/∂{w_name} = {number(lay.grad_weights[j, i])}",
                ]
                view.edges.append(Edge(source, target, lines))
                edges.append(
                    {
                        "name": w_name,
                        "from": source,
                        "to": target,
                        "weight": float(lay.weights[j, i]),
                        "grad": float(lay.grad_weights[j, i]),
                    }
                )
        if layer.bias == "shared" and lay.biases is not None:
            b_index += 1
            b_name = f"b{b_index}"
            prev = view.circle(sources[0])
            grad = float(lay.grad_biases[0])  # type: ignore[index]
            view.circles.append(
                Circle(
                    b_name,
                    prev.x,
                    prev.y - ROW_GAP,
                    BIAS_RADIUS,
                    [b_name, number(lay.biases[0]), f"∂E/∂{b_name} = {number(grad)}"],
                    "bias",
                )
            )
            for target in names[k]:
                view.edges.append(Edge(b_name, target, []))
            bias_data = {"name": b_name, "value": float(lay.biases[0]), "grad": grad}
        else:
            bias_data = None
        data_layers.append({"neurons": neurons, "edges": edges, "bias": bias_data})
    _lay_out_columns(view, len(names))
    view.data = {"loss": step.loss, "layers": data_layers}
    return view


def label_fraction(pairs: list[tuple[float, float]], height: float = LABEL_HEIGHT) -> float:
    """Where along its edges (0 … 1, from the source) a layer's labels go: the largest
    fraction whose labels ``y = ys + f·(yt − ys)`` lie at least ``height`` apart, else the
    fraction that spreads them most."""
    best, best_gap = FRACTIONS[0], -1.0
    for f in FRACTIONS:
        ys = sorted(a + f * (b - a) for a, b in pairs)
        gap = min((b - a for a, b in itertools.pairwise(ys)), default=math.inf)
        if gap >= height or gap > best_gap + 1e-9:
            best, best_gap = f, min(gap, height)
    return best


def _lay_out_columns(view: NetworkView, columns: int) -> None:
    """Set each column's x (the gap after a column leaves its labels room to clear the
    circles) and each edge label's place."""
    for circle in view.circles:
        circle.column = int(circle.x)
    column_of = {c.key: c.column for c in view.circles}
    xs = [MARGIN + RADIUS]
    fractions = []
    for k in range(1, columns):
        labelled = [e for e in view.edges if column_of[e.target] == k and e.lines]
        pairs = [(view.circle(e.source).y, view.circle(e.target).y) for e in labelled]
        f = label_fraction(pairs)
        half = max((CHAR_WIDTH * len(line) / 2 for e in labelled for line in e.lines), default=0)
        xs.append(xs[-1] + max(COLUMN_GAP, (RADIUS + half + LABEL_GAP) / f))
        fractions.append(f)
    for circle in view.circles:
        circle.x = xs[circle.column]
    for edge in view.edges:
        a, b = view.circle(edge.source), view.circle(edge.target)
        f = fractions[b.column - 1]
        edge.label_x = a.x + f * (b.x - a.x)
        edge.label_y = a.y + f * (b.y - a.y)
    view.width = xs[-1] + RADIUS + MARGIN


def _esc(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def to_svg(view: NetworkView) -> str:
    """The picture as SVG text (Mazur's 2-2-2 network: 976 × 626 px)."""
    w, h = round(view.width), round(view.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-family="{_esc(FONT)}" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{MARGIN}" y="36" font-size="16" font-weight="bold">{_esc(view.title)}</text>',
        f'<text x="{MARGIN}" y="62" font-size="12" fill="#444">{_esc(view.legend)}</text>',
    ]
    for edge in view.edges:
        a, b = view.circle(edge.source), view.circle(edge.target)
        dx, dy = b.x - a.x, b.y - a.y
        d = math.hypot(dx, dy)
        x1, y1 = a.x + dx * a.r / d, a.y + dy * a.r / d
        x2, y2 = b.x - dx * b.r / d, b.y - dy * b.r / d
        colour = "#999" if a.kind == "bias" else "#555"
        out.append(
            f'<line class="edge" data-from="{a.key}" data-to="{b.key}" x1="{x1:.1f}" '
            f'y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="1.5"/>'
        )
    for edge in view.edges:
        y0 = edge.label_y - 6
        for n, line in enumerate(edge.lines):
            fill = "#1f4e9e" if n == 0 else "#b22222"
            out.append(
                f'<text class="edge-label" x="{edge.label_x:.1f}" y="{y0 + 14 * n:.1f}" '
                f'text-anchor="middle" font-size="11" fill="{fill}" stroke="white" '
                f'stroke-width="4" paint-order="stroke">{_esc(line)}</text>'
            )
    for c in view.circles:
        fill = {"input": "#eef5ff", "neuron": "#fff7e6", "bias": "#f2f2f2"}[c.kind]
        out.append(
            f'<circle class="{c.kind}" data-name="{c.key}" cx="{c.x:.1f}" cy="{c.y:.1f}" '
            f'r="{c.r:.1f}" fill="{fill}" stroke="#333" stroke-width="1.5"/>'
        )
        inside = c.lines[:2] if c.kind == "bias" else c.lines
        if c.kind == "bias":
            out.append(
                f'<text class="bias-grad" x="{c.x:.1f}" y="{c.y - c.r - 8:.1f}" '
                f'text-anchor="middle" font-size="11" fill="#b22222">{_esc(c.lines[2])}</text>'
            )
        top = c.y - 7 * (len(inside) - 1)
        for n, line in enumerate(inside):
            weight = ' font-weight="bold"' if n == 0 else ""
            size = 13 if n == 0 else 11
            out.append(
                f'<text x="{c.x:.1f}" y="{top + 14 * n + 4:.1f}" text-anchor="middle" '
                f'font-size="{size}"{weight}>{_esc(line)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def to_dot(view: NetworkView) -> str:
    """The same picture as DOT, every position pinned (Graphviz draws it with neato)."""
    points = 72.0 / 96.0  # SVG pixels to Graphviz points

    def pos(x: float, y: float) -> str:
        return f'"{x * points:.1f},{(view.height - y) * points:.1f}!"'

    lines = [
        "digraph network {",
        "  graph [layout=neato, inputscale=72, splines=line, outputorder=edgesfirst, "
        f'bgcolor="white", label="{_esc(view.title)}\\n{_esc(view.legend)}", labelloc=t, '
        f'fontname="{FONT}"];',
        f'  node [fontname="{FONT}", fontsize=9, fixedsize=true];',
        '  edge [arrowhead=none, color="#555555"];',
    ]
    for c in view.circles:
        inside = c.lines[:2] if c.kind == "bias" else c.lines
        label = "<BR/>".join(
            f"<B>{_esc(s)}</B>" if n == 0 else _esc(s) for n, s in enumerate(inside)
        )
        size = 2 * c.r / 96.0
        extra = f', xlabel="{_esc(c.lines[2])}", fontcolor="#b22222"' if c.kind == "bias" else ""
        lines.append(
            f'  "{c.key}" [shape=circle, width={size:.2f}, pos={pos(c.x, c.y)}, '
            f"label=<{label}>{extra}];"
        )
    for n, e in enumerate(view.edges):
        lines.append(f'  "{e.source}" -> "{e.target}";')
        if not e.lines:
            continue
        label = "<BR/>".join(_esc(s) for s in e.lines)
        lines.append(
            f'  "label{n}" [shape=plaintext, fixedsize=false, fontcolor="#b22222", '
            f"pos={pos(e.label_x, e.label_y)}, label=<{label}>];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
