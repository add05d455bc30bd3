"""The chain rule of one weight or bias alone: the part of an explanation that leads to it.

Mazur's example for w5 (an output weight): ∂E_total/∂w5 = ∂E_total/∂out_o1 ·
∂out_o1/∂net_o1 · ∂net_o1/∂w5, each factor with its numbers, then w5⁺ = w5 − η·∂E/∂w5.
A hidden weight (w1) first needs every δ of the layers after it (δ_o1, δ_o2), then
∂E_total/∂out_h1 = Σ_o δ_o·w_o, then its own product. The items are those of the whole
explanation (:mod:`.model`), in the same words and with the same numbers, so a page can
show one parameter's derivation rendered as ``chainrule explain`` renders it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chainrule.errors import ChainruleError
from chainrule.teach.explain.expr import Const, Heading, Item, Para
from chainrule.teach.explain.model import _Builder
from chainrule.teach.trace import StepTrace

NAME = re.compile(r"^([wb])([1-9][0-9]{0,5})$")


Shapes = Sequence[tuple[tuple[int, int], int]]


def shapes(trace: StepTrace) -> list[tuple[tuple[int, int], int]]:
    """Each layer's (weights' shape, number of biases) in a trace."""
    return [
        (lay.weights.shape, 0 if lay.biases is None else lay.biases.size) for lay in trace.layers
    ]


def locate(layers: Shapes, name: str) -> tuple[str, int, int, int]:
    """("w", layer k, neuron j, input i) of weight ``name`` (w1… in the order of
    ``chainrule explain``: layer by layer, destination neuron by destination neuron), or
    ("b", layer k, bias c, 0) of bias ``name`` (b1… numbered the same way), in layers of
    the given (weights' shape, number of biases)."""
    found = NAME.match(name) if isinstance(name, str) else None
    if found is None:
        raise ChainruleError(f"parameter {name!r}: expected a weight w1, w2, … or a bias b1, …")
    kind, index = found.group(1), int(found.group(2)) - 1
    for k, ((rows, cols), biases) in enumerate(layers):
        size = rows * cols if kind == "w" else biases
        if index < size:
            if kind == "b":
                return "b", k, index, 0
            j, i = divmod(index, cols)
            return "w", k, j, i
        index -= size
    raise ChainruleError(f"parameter {name!r}: this network has no such {kind}")


def parameter_items(trace: StepTrace, name: str) -> list[Item]:
    """The explanation items that derive ∂E_total/∂``name`` and its update, for the
    trace's samples (one sample: Mazur's lines; several: per sample, then the average)."""
    kind, k, j, i = locate(shapes(trace), name)
    b = _Builder(trace, "", "")
    last = b.L - 1
    if k == last:
        b.add(Heading("output_layer", 3))
    else:
        key = "hidden_layer" if b.L == 2 else "hidden_layer_n"
        b.add(Heading(key, 3, {"layer": Const(str(k + 1))}))
    if kind == "w":
        b.add(Para("output_intro", {"w": b.w(k, j, i)}))
        b.add(Para("chain_rule", {"formula": b.chain(k, j, i)}))
    if b.fused and k == last:
        b.add(Para(f"fused.{b.loss}"))
    # every delta the parameter's gradient needs: all neurons after layer k, then its own
    for m in range(last, k, -1):
        for unit in range(b.layers[m].weights.shape[0]):
            _delta(b, m, unit)
    if kind == "w":
        _delta(b, k, j)
        b.weight_items(k, j, i)
    else:
        units = range(b.layers[k].weights.shape[0]) if b.layers[k].bias == "shared" else [j]
        for unit in units:
            _delta(b, k, unit)
        b.bias_items(k)
    return b.items


def _delta(b: _Builder, k: int, j: int) -> None:
    for n in range(b.N):
        if b.N > 1:
            b.add(Para("sample_of", {"n": Const(str(n + 1)), "neuron": b.neuron(k, j)}))
        b.delta_items(k, j, n)
