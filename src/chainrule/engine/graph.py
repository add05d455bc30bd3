"""The computational graph as data: nodes with their value and gradient, and edges.

Every tensor of the graph is a node: leaves (inputs, parameters, constants) have ``op``
"input"; every other node is labelled with the operation that made it. An edge
``[a, b]`` says that node a's value flows into node b. This is what ``chainrule graph
--format json`` prints and what the pictures are drawn from.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chainrule.engine.tensor import Tensor, topological_order


def _plain(value: np.ndarray | None) -> Any:
    if value is None:
        return None
    return value.item() if value.size == 1 and value.ndim == 0 else value.tolist()


def graph_dict(*roots: Tensor) -> dict[str, Any]:
    """``{"output", "nodes": [{"id", "label", "op", "value", "grad"}], "edges"}`` for ``roots``.

    ``output`` is the root's value (a list of values when several roots are drawn side by
    side). Node ids follow the order of the forward computation, inputs first.
    """
    ids: dict[int, int] = {}
    nodes: list[dict[str, Any]] = []
    edges: list[list[int]] = []
    for root in roots:
        for tensor in topological_order(root):
            if id(tensor) in ids:
                continue
            ids[id(tensor)] = len(nodes)
            op = "input" if tensor.creator is None else tensor.creator.op
            nodes.append(
                {
                    "id": ids[id(tensor)],
                    "label": tensor.name if tensor.name else op,
                    "op": op,
                    "value": _plain(tensor.data),
                    "grad": _plain(tensor.grad),
                }
            )
            if tensor.creator is not None:
                for x in tensor.creator.inputs:
                    edges.append([ids[id(x)], ids[id(tensor)]])
    outputs = [_plain(r.data) for r in roots]
    return {"output": outputs[0] if len(roots) == 1 else outputs, "nodes": nodes, "edges": edges}
