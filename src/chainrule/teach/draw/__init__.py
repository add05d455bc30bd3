"""Pictures of computational graphs (the chain-rule slides): forward values above the lines,
gradients below, in two colours -- as DOT text, or SVG and PNG through Graphviz's ``dot``;
and networks as neurons in layers, as in Mazur's figures.

- :func:`draw_graph` -- any tensors' graph as a :class:`GraphPicture` (Jupyter shows it; ``.save``);
- :func:`draw_network` -- a network per scalar (Mazur's w1…w8) or per layer (matrices);
- :func:`graph_to_dot`, :func:`render` -- the two steps underneath.
"""

from chainrule.teach.draw.dot import format_number, graph_to_dot
from chainrule.teach.draw.network import LEVELS, SCALAR_LIMIT, layer_graph, scalar_graph
from chainrule.teach.draw.picture import (
    FORMATS,
    GraphPicture,
    NetworkPicture,
    draw_graph,
    draw_network,
)
from chainrule.teach.draw.render import dot_program, render
from chainrule.util.language import LANGUAGES, default_language

__all__ = [
    "FORMATS",
    "LANGUAGES",
    "LEVELS",
    "SCALAR_LIMIT",
    "GraphPicture",
    "NetworkPicture",
    "default_language",
    "dot_program",
    "draw_graph",
    "draw_network",
    "format_number",
    "graph_to_dot",
    "layer_graph",
    "render",
    "scalar_graph",
]
