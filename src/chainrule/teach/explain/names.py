"""Names of an explained step and the list its items are written to."""

from __future__ import annotations

import numpy as np

from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import FUSED_ACTIVATION, LOSSES
from chainrule.teach.explain.expr import (
    Const,
    Expr,
    Item,
    Matrix,
    Name,
    Op,
    Sym,
    matrix,
)
from chainrule.teach.explain.formulas import expression
from chainrule.teach.trace import StepTrace

# Per-weight view up to this many weights; beyond it, the matrix form alone.
MAX_WEIGHTS = 100
# Per-sample lines up to this many samples; beyond it, the matrix form alone.
MAX_SAMPLES = 16

FUSED = FUSED_ACTIVATION
# Losses that are a sum of one error per output, E = Σ_k E_ok (Mazur's example: E_o1 + E_o2):
# all but those fused with an activation of the whole layer (softmax).
SEPARABLE = tuple(
    name
    for name, loss in LOSSES.items()
    if loss.fuses is None or ACTIVATIONS[loss.fuses].elementwise
)

E_TOTAL = Sym("E", "total")
ETA = Sym("η")


class Names:
    """A step's names (Mazur's example: i1, h1, o1, w1…, b1…; JongSeobJ's matrix form: W_IH, δ_O)
    and its items."""

    def __init__(self, trace: StepTrace, name: str, description: str) -> None:
        self.t = trace
        self.layers = trace.layers
        self.L = len(trace.layers)
        self.N = len(trace.inputs)
        self.name = name
        self.description = description
        self.items: list[Item] = []
        self.w_offset: list[int] = []
        self.b_offset: list[int] = []
        w = b = 0
        for lay in self.layers:
            self.w_offset.append(w)
            self.b_offset.append(b)
            w += lay.weights.size
            b += 0 if lay.biases is None else lay.biases.size
        self.n_weights = w
        self.per_weight = w <= MAX_WEIGHTS and self.N <= MAX_SAMPLES
        self.loss = trace.loss_name
        self.fused = FUSED.get(self.loss) == self.layers[-1].activation

    # -- names ----------------------------------------------------------------------------
    def neuron(self, k: int, j: int) -> Name:
        if k == self.L - 1:
            return Name("o", j + 1)
        return Name("h", j + 1, k + 1 if self.L > 2 else None)

    def source(self, k: int, i: int) -> Expr:
        return Name("i", i + 1) if k == 0 else Sym("out", self.neuron(k - 1, i))

    def w(self, k: int, j: int, i: int, sup: str | None = None) -> Sym:
        lay = self.layers[k]
        return Sym("w", str(self.w_offset[k] + j * lay.weights.shape[1] + i + 1), sup)

    def b(self, k: int, j: int, sup: str | None = None) -> Sym:
        idx = self.b_offset[k] + (0 if self.layers[k].bias == "shared" else j) + 1
        return Sym("b", str(idx), sup)

    def net(self, k: int, j: int) -> Sym:
        return Sym("net", self.neuron(k, j))

    def out(self, k: int, j: int) -> Sym:
        return Sym("out", self.neuron(k, j))

    def target(self, j: int) -> Sym:
        return Sym("target", self.neuron(self.L - 1, j))

    def e_sample(self, n: int) -> Sym:
        return Sym("E", str(n + 1)) if self.N > 1 else E_TOTAL

    def layer_letter(self, k: int) -> str:
        """JongSeobJ's letters: I (inputs, k = -1), H or H1, H2… (hidden), O (outputs)."""
        if k < 0:
            return "I"
        if k == self.L - 1:
            return "O"
        return "H" if self.L == 2 else f"H{k + 1}"

    def weight_matrix(self, k: int, sup: str | None = None) -> Sym:
        return Sym("W", self.layer_letter(k - 1) + self.layer_letter(k), sup)

    def vec(self, base: str, k: int, sup: str | None = None) -> Sym:
        if k < 0 and base == "out":
            return Sym("x", None, sup)
        return Sym(base, self.layer_letter(k), sup)

    # -- document -------------------------------------------------------------------------
    def add(self, *items: Item) -> None:
        self.items.extend(items)

    def names_list(self, names: list[Name]) -> Expr:
        """i1, i2, i3 (or i1, i2, …, i784 for a long list)."""
        if len(names) > 8:
            return Op(",", (*names[:3], Const("…"), names[-1]))
        return Op(",", tuple(names))

    def loss_formula(self) -> Expr:
        """E_total as the loss's record writes it (Mazur's example: Σ ½(target − out)²)."""
        units = Const(str(self.layers[-1].weights.shape[0]))
        leaves = {"t": Sym("target"), "o": Sym("out"), "K": units}
        return Op("=", (E_TOTAL, expression(LOSSES[self.loss].total, leaves)))

    def rows(self, values: np.ndarray) -> Matrix:
        """Samples × units as a matrix (one row: a row vector, as in JongSeobJ's matrix form)."""
        return matrix(values)
