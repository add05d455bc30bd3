"""A picture of a computational graph: DOT text that shows itself in Jupyter and saves to files.

import chainrule as cr
total, leaves = cr.apple_graph()
total.backward()
picture = cr.draw_graph(total)  # in Jupyter, the picture shows itself (SVG)
picture.save("apple.svg")  # or .png, .dot, .json
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chainrule.engine.graph import graph_dict
from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError
from chainrule.nn import Network
from chainrule.teach.draw.dot import Names, graph_to_dot
from chainrule.teach.draw.i18n import word
from chainrule.teach.draw.network import (
    LEVELS,
    SCALAR_LIMIT,
    layer_graph,
    parameter_count,
    scalar_graph,
)
from chainrule.teach.draw.neurons import NetworkView, network_view, to_dot, to_svg
from chainrule.teach.draw.render import render
from chainrule.util.atomic import write_output
from chainrule.util.language import check_language
from chainrule.util.limits import finite_json

FORMATS = ("dot", "svg", "png", "json")
SUFFIXES = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".json": "json"}


class GraphPicture:
    """A drawn graph: ``.dot`` (the DOT text), ``.svg()``, ``.png()``, ``.save(path)``.

    ``data`` is the graph as :func:`chainrule.engine.graph.graph_dict` gives it (for ``json``).
    """

    def __init__(self, dot: str, data: dict[str, Any] | None = None) -> None:
        self.dot = dot
        self.data = data

    def svg(self) -> str:
        """The picture as SVG text (needs Graphviz's ``dot``)."""
        return render(self.dot, "svg").decode("utf-8")

    def png(self) -> bytes:
        """The picture as PNG bytes (needs Graphviz's ``dot``)."""
        return render(self.dot, "png")

    def to_bytes(self, fmt: str) -> bytes:
        """The picture in ``fmt``: dot, svg, png or json."""
        if fmt == "dot":
            return self.dot.encode("utf-8")
        if fmt in ("svg", "png"):
            return render(self.dot, fmt)
        if fmt == "json":
            if self.data is None:
                raise ChainruleError("this picture has no graph data to write as json")
            text = json.dumps(finite_json(self.data), ensure_ascii=False, allow_nan=False)
            return (text + "\n").encode("utf-8")
        raise ChainruleError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")

    def save(self, path: str | Path, fmt: str | None = None) -> Path:
        """Write the picture to ``path`` atomically; the format follows the suffix
        (.svg, .png, .dot/.gv, .json) unless ``fmt`` is given."""
        target = Path(path)
        if fmt is None:
            fmt = SUFFIXES.get(target.suffix.lower())
            if fmt is None:
                raise ChainruleError(
                    f"cannot tell the format of {str(target)!r}: expected a name ending in "
                    f"{', '.join(SUFFIXES)}"
                )
        write_output(target, self.to_bytes(fmt))
        return target

    def _repr_svg_(self) -> str | None:
        """Jupyter shows this; without Graphviz it shows the text representation instead."""
        try:
            return self.svg()
        except ChainruleError:
            return None

    def __repr__(self) -> str:
        nodes = len(self.data["nodes"]) if self.data else "?"
        return f"GraphPicture({nodes} tensors; .dot, .svg(), .png(), .save(path))"


class NetworkPicture(GraphPicture):
    """A network as neurons in layers (:mod:`chainrule.teach.draw.neurons`): SVG written directly,
    DOT with pinned positions, PNG through Graphviz."""

    def __init__(self, view: NetworkView) -> None:
        super().__init__(to_dot(view), view.data)
        self.view = view

    def svg(self) -> str:
        return to_svg(self.view)

    def to_bytes(self, fmt: str) -> bytes:
        if fmt == "svg":
            return self.svg().encode("utf-8")
        return super().to_bytes(fmt)

    def __repr__(self) -> str:
        return f"NetworkPicture({len(self.view.circles)} circles; .svg(), .png(), .save(path))"


def draw_graph(
    *roots: Tensor,
    lang: str = "en",
    names: Names | None = None,
    captions: Sequence[str] | None = None,
    title: str | None = None,
) -> GraphPicture:
    """A picture of the graph behind ``roots``: values, and gradients once backward has run.

    ``names`` renames tensors in the picture (keys: tensors or their names); ``captions``
    boxes each root's graph with a caption; ``lang`` (en, ko) is the language of the
    words the picture adds.
    """
    for root in roots:
        if not isinstance(root, Tensor):
            raise ChainruleError(f"cannot draw {type(root).__name__}: expected Tensors")
    dot = graph_to_dot(roots, lang=lang, names=names, captions=captions, title=title)
    return GraphPicture(dot, graph_dict(*roots))


def draw_network(
    network: Network,
    inputs: Any,
    targets: Any,
    level: str = "auto",
    sample: int | None = None,
    lang: str = "en",
    title: str | None = None,
) -> GraphPicture:
    """A network's graph with forward values and gradients of its error, per scalar or layer.

    ``level``: ``scalar`` (each weight a node, one sample -- Mazur's diagram; at most
    200 weights and biases), ``layer`` (matrix nodes, the whole batch; any size),
    ``network`` (neurons as circles in layers with net, out and δ, edges with w and ∂E/∂w,
    one sample -- Mazur's figures) or ``auto`` (scalar when the network is that small).
    ``sample`` (counted from 1) picks the sample; the scalar level takes the first by default.
    """
    check_language(lang)
    if level not in LEVELS:
        raise ChainruleError(f"unknown level {level!r}: expected one of {', '.join(LEVELS)}")
    import numpy as np

    x = np.asarray(inputs, dtype=np.float64)
    t = np.asarray(targets, dtype=np.float64)
    if x.ndim != 2 or t.ndim != 2 or len(x) != len(t) or len(x) == 0:
        raise ChainruleError(
            f"inputs {x.shape} and targets {t.shape}: expected samples × values, same samples"
        )
    if sample is not None and not 1 <= sample <= len(x):
        raise ChainruleError(f"sample {sample}: expected a number from 1 to {len(x)}")
    if level == "auto":
        level = "scalar" if parameter_count(network) <= SCALAR_LIMIT else "layer"
    if level == "network":
        n = 1 if sample is None else sample
        caption = word(lang, "sample", n=n)
        head = f"{title} · {caption}" if title else caption
        return NetworkPicture(network_view(network, x[n - 1], t[n - 1], lang, head))
    if level == "scalar":
        n = 1 if sample is None else sample
        total = scalar_graph(network, x[n - 1], t[n - 1])
        total.backward()
        caption = word(lang, "sample", n=n)
        head = f"{title} · {caption}" if title else caption
        return draw_graph(total, lang=lang, title=head)
    if sample is not None:
        x, t = x[sample - 1 : sample], t[sample - 1 : sample]
    total = layer_graph(network.copy(), x, t, lang)
    total.backward()
    return draw_graph(total, lang=lang, title=title)
