"""A network's computational graph, per scalar or per layer, ready to draw.

Both levels build the graph with the engine's own nodes and run its backward, so every
number drawn is one the engine computed.

Per scalar (``level="scalar"``, Mazur's diagram): one sample; every weight, input and
bias is its own 0-d tensor with the seed's names -- inputs i1, i2, …; weights w1, w2, …
numbered by destination neuron (w1 i1→h1, w2 i2→h1, w3 i1→h2, …); biases b1, b2 (one per
layer when shared, b1.1, b1.2, … per neuron); neurons h1, h2 (h1.1, h2.1, … with several
hidden layers) and o1, o2:

    net_h1 = w1·i1 + w2·i2 + b1        out_h1 = f(net_h1)
    E_o1 = ½(target_o1 − out_o1)²      E_total = E_o1 + E_o2     (loss half_sse)

Its gradients are the seed's ∂E_total/∂w (Mazur's example: ∂E/∂w5 = 0.082167041). One node per
weight only reads for small networks: more than :data:`SCALAR_LIMIT` weights and biases
is refused.

Per layer (``level="layer"``, JongSeobJ's matrix form): the network's own forward and loss
on a batch, W1, b1, … as matrix nodes with their shapes; any size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from chainrule.engine import exp, log
from chainrule.engine.tensor import Tensor, topological_order
from chainrule.errors import ChainruleError
from chainrule.nn import Network
from chainrule.nn.activations import ACTIVATIONS, Formula, relu
from chainrule.nn.losses import LOSSES
from chainrule.teach.draw.i18n import word

SCALAR_LIMIT = 200
LEVELS = ("auto", "scalar", "layer", "network")


def parameter_count(network: Network) -> int:
    """How many weights and biases the network has."""
    return sum(p.size for p in network.parameters())


def neuron_names(network: Network) -> list[list[str]]:
    """Mazur's neuron names per layer: h1, h2 (h1.1, h1.2, h2.1, … with several hidden
    layers), then o1, o2, … for the output layer."""
    hidden = len(network.layers) - 1
    names = []
    for k, layer in enumerate(network.layers, start=1):
        if k == len(network.layers):
            prefix = "o"
        else:
            prefix = "h" if hidden == 1 else f"h{k}."
        names.append([f"{prefix}{j}" for j in range(1, layer.units + 1)])
    return names


def _sum(terms: Sequence[Tensor]) -> Tensor:
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


def _activate(name: str, nets: list[Tensor]) -> list[Tensor]:
    """out = f(net) per neuron; softmax as exp(net_j) / Σ_k exp(net_k) from scalar nodes."""
    if not ACTIVATIONS[name].elementwise:
        exps = [exp(net) for net in nets]
        total = _sum(exps)
        return [e / total for e in exps]
    return [ACTIVATIONS[name](net) for net in nets]


def _sample_error(loss: str, out: Tensor, target: Tensor, outputs: int) -> Tensor:
    """One output's share of the sample's error, built node by node from the loss record's
    formula for E_ok (Mazur's example: E_o1 = ½(target_o1 − out_o1)²)."""
    return _formula_graph(LOSSES[loss].error, {"t": target, "o": out, "K": float(outputs)})


def _formula_graph(formula: Formula, leaves: dict[str, Tensor | float]) -> Tensor | float:
    """A record's formula as nodes of the graph (numbers stay numbers; a constant factor
    is written after the tensor it scales, as in (t − o)² · ½)."""
    if isinstance(formula, str):
        return leaves[formula]
    if isinstance(formula, int | float):
        return float(formula)
    op, *args = formula
    v = [_formula_graph(a, leaves) for a in args]
    if op in ("·", "juxt"):
        a, b = v
        return b * a if isinstance(a, float) and isinstance(b, Tensor) else a * b
    if op == "max" and v[0] == 0.0:
        return relu(v[1])
    operations = {
        "+": lambda: v[0] + v[1],
        "-": lambda: v[0] - v[1],
        "/": lambda: v[0] / v[1],
        "^": lambda: v[0] ** v[1],
        "neg": lambda: -v[0],
        "()": lambda: v[0],
        "log": lambda: log(v[0]),
    }
    if op not in operations:  # pragma: no cover - every loss record's formula is covered
        raise ChainruleError(f"no graph node for {op!r} in a loss formula")
    return operations[op]()


def scalar_graph(network: Network, x: Sequence[float], t: Sequence[float]) -> Tensor:
    """E_total of one sample, built weight by weight from 0-d tensors (not yet backward).

    Raises a :class:`ChainruleError` for networks over :data:`SCALAR_LIMIT` parameters.
    """
    count = parameter_count(network)
    if count > SCALAR_LIMIT:
        raise ChainruleError(
            f"the network has {count} weights and biases, too many to draw one node per "
            f"weight (at most {SCALAR_LIMIT}): use --level layer"
        )
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    t = np.asarray(t, dtype=np.float64).reshape(-1)
    h = [Tensor(v, name=f"i{i}", requires_grad=False) for i, v in enumerate(x, start=1)]
    n = 1
    names = neuron_names(network)
    for k, (layer, neurons) in enumerate(zip(network.layers, names, strict=True), start=1):
        w = layer.weights.data
        b = None if layer.biases is None else layer.biases.data
        shared = Tensor(b[0], name=f"b{k}") if b is not None and layer.bias == "shared" else None
        nets = []
        for j, neuron in enumerate(neurons):
            terms = []
            for i in range(layer.input_size):
                terms.append(Tensor(w[j, i], name=f"w{n}") * h[i])
                n += 1
            if shared is not None:
                terms.append(shared)
            elif b is not None:
                terms.append(Tensor(b[j], name=f"b{k}.{j + 1}"))
            net = _sum(terms)
            net.name = f"net_{neuron}"
            nets.append(net)
        h = _activate(layer.activation, nets)
        for out, neuron in zip(h, neurons, strict=True):
            out.name = f"out_{neuron}"
    errors = []
    for k, (out, target) in enumerate(zip(h, t, strict=True), start=1):
        error = _sample_error(
            network.loss_name, out, Tensor(target, name=f"target_o{k}", requires_grad=False), len(h)
        )
        error.name = f"E_o{k}"
        errors.append(error)
    total = _sum(errors)
    total.name = "E_total"
    return total


def layer_graph(network: Network, x: np.ndarray, t: np.ndarray, lang: str = "en") -> Tensor:
    """E_total of a batch through the network's own layers (not yet backward).

    Names the graph's tensors for the picture: W1, b1, net_h, out_h, …, net_o, out_o,
    inputs, targets, E_total -- so the network's weights are renamed: pass a copy.
    """
    inputs = Tensor(
        np.asarray(x, dtype=network.dtype), name=word(lang, "inputs"), requires_grad=False
    )
    targets = np.asarray(t, dtype=network.dtype)
    total = network.loss(inputs, targets)
    total.name = "E_total"
    hidden = len(network.layers) - 1
    for k, layer in enumerate(network.layers, start=1):
        suffix = "o" if k == len(network.layers) else ("h" if hidden == 1 else f"h{k}")
        layer.weights.name = f"W{k}"
        if layer.biases is not None:
            layer.biases.name = f"b{k}"
        if layer.net is not None and layer.net is not total:
            layer.net.name = f"net_{suffix}"
        if layer.out is not None and layer.out is not total:
            layer.out.name = f"out_{suffix}"
    for tensor in topological_order(total):
        if tensor.creator is None and tensor.data is targets:
            tensor.name = word(lang, "targets")
    return total
