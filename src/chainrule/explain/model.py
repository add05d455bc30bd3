"""One training step as a language-neutral list of explanation items, in seed 000's order.

:func:`build` reads a :class:`~chainrule.trace.StepTrace` and writes headings, sentences
(translation keys) and equations (:mod:`.expr` trees). It never runs a second backward
pass: net, out, E_total, every delta (∂E_n/∂net), every ∂E/∂out of a hidden layer, every
gradient and every updated weight are the trace's own numbers. The few local quantities
a hand calculation writes down on the way are computed here from the trace's values, with
the formula printed beside them:

- ∂out/∂net from out or net (sigmoid out(1 − out), tanh 1 − out², ReLU 1 where net ≥ 0
  else 0, abs sign(net), identity 1);
- each output's error (½(target − out)² for E_total = Σ ½(target − out)², …) and ∂E/∂out
  of an output (−(target − out), …);
- the terms δ_k·w_kj of a hidden neuron's ∂E/∂out and, with several samples, each
  sample's δ_n·in_n (the trace's gradient is their average).

A result is the exact value, rounded when shown, not the product of the rounded factors
on its left. For seed 000 the two agree everywhere but once: the seed multiplied the
rounded δ_o2 = −0.038098237 by w7 = 0.5 and printed ∂E_o2/∂out_h1 = −0.019049119; the
exact value −0.0190491183 is shown as −0.019049118.

Names (seed 000): inputs i1…, hidden neurons h1… (h2_1 = hidden layer 2, neuron 1 when
there are several hidden layers), outputs o1…; weights w1… numbered layer by layer,
destination neuron by destination neuron (w1 i1→h1, w2 i2→h1, w3 i1→h2, …); biases b1,
b2… numbered the same way (one per layer when shared, one per neuron otherwise).

The matrix form follows seed 004: W_IH[i][j] is the weight from input i to hidden neuron j
(the transpose of a spec's ``weights[j][i]``), δ_O = ∂E/∂out_O ⊙ f′(net_O),
∂E/∂W_HO = out_Hᵀ δ_O, δ_H = (δ_O W_HOᵀ) ⊙ f′(net_H).
"""

from __future__ import annotations

import numpy as np

from ..trace import LayerStep, StepTrace
from .expr import (
    HALF,
    ONE,
    ZERO,
    Const,
    Eq,
    Expr,
    Frac,
    Func,
    Heading,
    Item,
    Matrix,
    Name,
    Neg,
    Num,
    Op,
    Para,
    Paren,
    Partial,
    Pow,
    Sum,
    Sym,
    Table,
    Word,
    eq,
    juxt,
    matrix,
    minus,
    plus,
    prod,
)

# Per-weight view up to this many weights; beyond it, the matrix form alone.
MAX_WEIGHTS = 100
# Per-sample lines up to this many samples; beyond it, the matrix form alone.
MAX_SAMPLES = 16

FUSED = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}
# Losses that are a sum of one error per output, E = Σ_k E_ok (seed 000: E_o1 + E_o2).
SEPARABLE = ("half_sse", "mse", "hinge", "binary_cross_entropy")

E_TOTAL = Sym("E", "total")
ETA = Sym("η")
E_SYM = Sym("e")


def local_derivative(activation: str, net: np.ndarray, out: np.ndarray) -> np.ndarray:
    """∂out/∂net element by element (not for softmax, whose derivative is a Jacobian)."""
    if activation == "sigmoid":
        return out * (1.0 - out)
    if activation == "tanh":
        return 1.0 - out**2
    if activation == "relu":
        return (net >= 0).astype(float)
    if activation == "abs":
        return np.sign(net)
    if activation == "identity":
        return np.ones_like(net)
    raise ValueError(f"no element-wise derivative for {activation!r}")


def derivative_formula(activation: str, out: Sym, net: Sym) -> Expr:
    """∂out/∂net written with the neuron's own names (seed 000: out_o1(1 − out_o1))."""
    p = Partial(out, net)
    if activation == "sigmoid":
        return Op("=", (p, juxt(out, Paren(minus(ONE, out)))))
    if activation == "tanh":
        return Op("=", (p, minus(ONE, Pow(out, Const("2")))))
    if activation == "abs":
        return Op("=", (p, Func("sign", (net,))))
    if activation == "identity":
        return Op("=", (p, ONE))
    return p


def output_errors(loss: str, out: np.ndarray, net: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Each sample's error per output, E_ok (they add up to the sample's E_n)."""
    t, o = targets, out
    if loss == "half_sse":
        return 0.5 * (t - o) ** 2
    if loss == "mse":
        return (t - o) ** 2 / o.shape[1]
    if loss == "hinge":
        return np.maximum(0.0, 1.0 - t * o)
    if loss == "binary_cross_entropy":  # −[t log o + (1 − t) log(1 − o)], stable from net
        return np.logaddexp(0.0, net) - t * net
    if loss == "cross_entropy":  # −t log softmax(net)
        m = net.max(axis=1, keepdims=True)
        log_out = net - m - np.log(np.exp(net - m).sum(axis=1, keepdims=True))
        return -t * log_out
    raise ValueError(f"unknown loss {loss!r}")


class _Builder:
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
        """Seed 004's letters: I (inputs, k = -1), H or H1, H2… (hidden), O (outputs)."""
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

    def build(self) -> list[Item]:
        self.add(Heading("title", 1, {"name": self.name}))
        if self.description:
            self.add(Para("description", {"text": self.description}))
        self.overview()
        if self.per_weight:
            for n in range(self.N):
                self.forward(n)
            self.error()
            self.add(Heading("backward", 2))
            self.add(Para("backward_intro"))
            for k in range(self.L - 1, -1, -1):
                self.backward_layer(k)
        else:
            self.add(
                Para(
                    "matrix_only",
                    {
                        "weights": Const(str(self.n_weights)),
                        "limit": Const(str(MAX_WEIGHTS)),
                        "samples": Const(str(self.N)),
                        "sample_limit": Const(str(MAX_SAMPLES)),
                    },
                )
            )
            self.forward_matrix()
            self.add(Heading("error", 2))
            self.add(Para("loss_formula", {"formula": self.loss_formula()}))
            self.add(eq(E_TOTAL, Num(self.t.loss)))
        self.matrix_form()
        self.add(Heading("after", 2))
        self.add(
            Para(
                "after_step",
                {
                    "before": Op("=", (E_TOTAL, Num(self.t.loss))),
                    "after": Op("=", (E_TOTAL, Num(self.t.loss_after))),
                },
            )
        )
        return self.items

    def overview(self) -> None:
        self.add(Heading("network", 2))
        sizes = [self.layers[0].weights.shape[1]] + [lay.weights.shape[0] for lay in self.layers]
        self.add(
            Para(
                "inputs_line",
                {
                    "count": Const(str(sizes[0])),
                    "names": self.names_list([Name("i", i + 1) for i in range(sizes[0])]),
                },
            )
        )
        for k, lay in enumerate(self.layers):
            key = "output_layer_line" if k == self.L - 1 else "hidden_layer_line"
            self.add(
                Para(
                    key,
                    {
                        "layer": Const(str(k + 1)),
                        "count": Const(str(lay.weights.shape[0])),
                        "names": self.names_list(
                            [self.neuron(k, j) for j in range(lay.weights.shape[0])]
                        ),
                        "activation": Word(f"act.{lay.activation}"),
                        "bias": Word(f"bias.{lay.bias}"),
                    },
                )
            )
        self.add(
            Para("loss_line", {"loss": Word(f"loss.{self.loss}"), "formula": self.loss_formula()})
        )
        self.add(Para("lr_line", {"eta": Op("=", (ETA, Num(self.t.learning_rate)))}))
        has_bias = any(lay.biases is not None for lay in self.layers)
        if has_bias:
            self.add(Para("biases_trained" if self.t.train_biases else "biases_kept"))
        if self.N > 1:
            self.add(Para("samples_line", {"count": Const(str(self.N))}))
        self.add(Heading("initial", 2))
        if self.per_weight:
            for k, lay in enumerate(self.layers):
                pairs: list[Expr] = []
                for j in range(lay.weights.shape[0]):
                    for i in range(lay.weights.shape[1]):
                        pairs.append(Op("=", (self.w(k, j, i), Num(lay.weights[j, i]))))
                if lay.biases is not None:
                    for j in range(lay.biases.size):
                        pairs.append(Op("=", (self.b(k, j), Num(lay.biases[j]))))
                self.add(Para("values", {"values": Op(",", tuple(pairs))}))
            for n in range(self.N):
                pairs = [
                    Op("=", (Name("i", i + 1), Num(v))) for i, v in enumerate(self.t.inputs[n])
                ]
                pairs += [
                    Op("=", (self.target(j), Num(v))) for j, v in enumerate(self.t.targets[n])
                ]
                key = "sample_values" if self.N > 1 else "values"
                self.add(Para(key, {"n": Const(str(n + 1)), "values": Op(",", tuple(pairs))}))
        else:
            self.add(Para("initial_matrix"))

    def names_list(self, names: list[Name]) -> Expr:
        """i1, i2, i3 (or i1, i2, …, i784 for a long list)."""
        if len(names) > 8:
            return Op(",", (*names[:3], Const("…"), names[-1]))
        return Op(",", tuple(names))

    def loss_formula(self) -> Expr:
        t, o = Sym("target"), Sym("out")
        if self.loss == "half_sse":
            body: Expr = juxt(HALF, Pow(Paren(minus(t, o)), Const("2")))
            return Op("=", (E_TOTAL, Sum(body)))
        if self.loss == "mse":
            k = Const(str(self.layers[-1].weights.shape[0]))
            return Op("=", (E_TOTAL, juxt(Frac(ONE, k), Sum(Pow(Paren(minus(t, o)), Const("2"))))))
        if self.loss == "hinge":
            return Op("=", (E_TOTAL, Sum(Func("max", (ZERO, minus(ONE, prod(t, o)))))))
        if self.loss == "binary_cross_entropy":
            inner = plus(
                prod(t, Func("log", (o,))),
                prod(Paren(minus(ONE, t)), Func("log", (minus(ONE, o),))),
            )
            return Op("=", (E_TOTAL, Neg(Sum(Paren(inner)))))
        return Op("=", (E_TOTAL, Neg(Sum(prod(t, Func("log", (o,)))))))

    # -- forward --------------------------------------------------------------------------
    def forward(self, n: int) -> None:
        if n == 0:
            self.add(Heading("forward", 2))
            self.add(Para("forward_intro"))
        if self.N > 1:
            self.add(Heading("sample", 3, {"n": Const(str(n + 1))}))
        for k, lay in enumerate(self.layers):
            for j in range(lay.weights.shape[0]):
                if k == 0 and j == 0 and n == 0:
                    self.add(Para("forward_first", {"neuron": self.neuron(k, j)}))
                if k == self.L - 1 and j == 0 and n == 0 and self.L > 1:
                    self.add(Para("forward_output"))
                self.add(self.net_eq(lay, k, j, n))
                self.add(self.out_eq(lay, k, j, n))

    def net_eq(self, lay: LayerStep, k: int, j: int, n: int) -> Eq:
        syms: list[Expr] = []
        nums: list[Expr] = []
        for i in range(lay.weights.shape[1]):
            syms.append(prod(self.w(k, j, i), self.source(k, i)))
            nums.append(prod(Num(lay.weights[j, i]), Num(lay.inputs[n, i])))
        if lay.biases is not None:
            bj = 0 if lay.bias == "shared" else j
            syms.append(prod(self.b(k, j), ONE))
            nums.append(prod(Num(lay.biases[bj]), ONE))
        return eq(self.net(k, j), plus(*syms), plus(*nums), Num(lay.net[n, j]))

    def out_eq(self, lay: LayerStep, k: int, j: int, n: int) -> Eq:
        out, net = self.out(k, j), self.net(k, j)
        x, y = Num(lay.net[n, j]), Num(lay.out[n, j])
        act = lay.activation
        if act == "sigmoid":
            return eq(
                out,
                Frac(ONE, plus(ONE, Pow(E_SYM, Neg(net)))),
                Frac(ONE, plus(ONE, Pow(E_SYM, Neg(x)))),
                y,
            )
        if act in ("tanh", "abs"):
            return eq(out, Func(act, (net,)), Func(act, (x,)), y)
        if act == "relu":
            return eq(out, Func("max", (ZERO, net)), Func("max", (ZERO, x)), y)
        if act == "identity":
            return eq(out, net, y)
        # softmax: out_j = e^net_j / Σ_k e^net_k
        units = lay.weights.shape[0]
        denom_sym = plus(*[Pow(E_SYM, self.net(k, m)) for m in range(units)])
        denom_num = plus(*[Pow(E_SYM, Num(lay.net[n, m])) for m in range(units)])
        return eq(out, Frac(Pow(E_SYM, net), denom_sym), Frac(Pow(E_SYM, x), denom_num), y)

    # -- error ----------------------------------------------------------------------------
    def error(self) -> None:
        out_layer = self.layers[-1]
        errors = output_errors(self.loss, out_layer.out, out_layer.net, self.t.targets)
        self.add(Heading("error", 2))
        self.add(Para("error_intro", {"formula": self.loss_formula()}))
        per_sample: list[float] = []
        for n in range(self.N):
            if self.N > 1:
                self.add(Heading("sample", 3, {"n": Const(str(n + 1))}))
            for j in range(out_layer.weights.shape[0]):
                if n == 0 and j == 0:
                    self.add(Para("error_first", {"neuron": self.neuron(self.L - 1, j)}))
                self.add(self.error_eq(j, n, float(errors[n, j])))
            total = float(errors[n].sum()) if self.N > 1 else self.t.loss
            per_sample.append(total)
            terms = [Sym("E", self.neuron(self.L - 1, j)) for j in range(errors.shape[1])]
            values = [Num(float(v)) for v in errors[n]]
            if len(terms) > 1:
                self.add(eq(self.e_sample(n), plus(*terms), plus(*values), Num(total)))
            elif self.N > 1:
                self.add(eq(self.e_sample(n), terms[0], Num(total)))
        if self.N > 1:
            self.add(Para("error_average", {"count": Const(str(self.N))}))
            self.add(
                eq(
                    E_TOTAL,
                    juxt(
                        Frac(ONE, Const(str(self.N))),
                        Paren(plus(*[self.e_sample(n) for n in range(self.N)])),
                    ),
                    juxt(Frac(ONE, Const(str(self.N))), Paren(plus(*[Num(v) for v in per_sample]))),
                    Num(self.t.loss),
                )
            )

    def error_eq(self, j: int, n: int, value: float) -> Eq:
        lay = self.layers[-1]
        t_sym, o_sym = self.target(j), self.out(self.L - 1, j)
        t, o = Num(self.t.targets[n, j]), Num(lay.out[n, j])
        e = Sym("E", self.neuron(self.L - 1, j))
        if self.loss in ("half_sse", "mse"):
            factor = HALF if self.loss == "half_sse" else Frac(ONE, Const(str(lay.out.shape[1])))
            return eq(
                e,
                juxt(factor, Pow(Paren(minus(t_sym, o_sym)), Const("2"))),
                juxt(factor, Pow(Paren(minus(t, o)), Const("2"))),
                Num(value),
            )
        if self.loss == "hinge":
            return eq(
                e,
                Func("max", (ZERO, minus(ONE, prod(t_sym, o_sym)))),
                Func("max", (ZERO, minus(ONE, prod(t, o)))),
                Num(value),
            )
        if self.loss == "binary_cross_entropy":

            def form(tt: Expr, oo: Expr) -> Expr:
                return Neg(
                    Paren(
                        plus(
                            prod(tt, Func("log", (oo,))),
                            prod(Paren(minus(ONE, tt)), Func("log", (minus(ONE, oo),))),
                        )
                    )
                )

            return eq(e, form(t_sym, o_sym), form(t, o), Num(value))
        return eq(
            e, Neg(prod(t_sym, Func("log", (o_sym,)))), Neg(prod(t, Func("log", (o,)))), Num(value)
        )

    # -- backward -------------------------------------------------------------------------
    def backward_layer(self, k: int) -> None:
        lay = self.layers[k]
        output = k == self.L - 1
        if output:
            self.add(Heading("output_layer", 3))
            self.add(Para("output_intro", {"w": self.w(k, 0, 0)}))
            self.add(Para("chain_rule", {"formula": self.chain(k, 0, 0)}))
        else:
            key = "hidden_layer" if self.L == 2 else "hidden_layer_n"
            self.add(Heading(key, 3, {"layer": Const(str(k + 1))}))
            first, last = (
                self.w(k, 0, 0),
                self.w(k, lay.weights.shape[0] - 1, lay.weights.shape[1] - 1),
            )
            self.add(
                Para("hidden_intro", {"first": first, "last": last, "formula": self.chain(k, 0, 0)})
            )
            self.add(
                Para(
                    "hidden_sum",
                    {
                        "out": self.out(k, 0),
                        "next": self.names_list(
                            [
                                self.neuron(k + 1, m)
                                for m in range(self.layers[k + 1].weights.shape[0])
                            ]
                        ),
                        "partial": Partial(E_TOTAL, self.out(k, 0)),
                    },
                )
            )
            self.add(
                Para(
                    "old_weights",
                    {
                        "example": Op(
                            "=", (self.w(k + 1, 0, 0), Num(self.layers[k + 1].weights[0, 0]))
                        )
                    },
                )
            )
        if output and self.fused:
            self.add(Para(f"fused.{self.loss}"))
        for j in range(lay.weights.shape[0]):
            for n in range(self.N):
                if self.N > 1:
                    self.add(
                        Para("sample_of", {"n": Const(str(n + 1)), "neuron": self.neuron(k, j)})
                    )
                self.delta_items(k, j, n)
            for i in range(lay.weights.shape[1]):
                self.weight_items(k, j, i)
        self.bias_items(k)

    def chain(self, k: int, j: int, i: int, n: int | None = None) -> Expr:
        """∂E/∂w = ∂E/∂out · ∂out/∂net · ∂net/∂w (∂E/∂net · ∂net/∂w when fused or softmax)."""
        e = E_TOTAL if n is None else self.e_sample(n)
        w = self.w(k, j, i)
        if self.two_factor(k):
            return Op(
                "=", (Partial(e, w), prod(Partial(e, self.net(k, j)), Partial(self.net(k, j), w)))
            )
        return Op(
            "=",
            (
                Partial(e, w),
                prod(
                    Partial(e, self.out(k, j)),
                    Partial(self.out(k, j), self.net(k, j)),
                    Partial(self.net(k, j), w),
                ),
            ),
        )

    def two_factor(self, k: int) -> bool:
        lay = self.layers[k]
        return (k == self.L - 1 and self.fused) or lay.activation == "softmax"

    def grad_out_eq(self, k: int, j: int, n: int) -> list[Item]:
        """∂E_n/∂out of neuron j: from the loss (output layer) or summed over the next layer."""
        lay = self.layers[k]
        e = self.e_sample(n)
        value = Num(lay.grad_out[n, j])
        if k == self.L - 1:
            t_sym, o_sym = self.target(j), self.out(k, j)
            t, o = Num(self.t.targets[n, j]), Num(lay.out[n, j])
            p = Partial(e, o_sym)
            if self.loss == "half_sse":
                return [eq(p, Neg(Paren(minus(t_sym, o_sym))), Neg(Paren(minus(t, o))), value)]
            if self.loss == "mse":
                two_k = Frac(Const("2"), Const(str(lay.out.shape[1])))
                return [
                    eq(
                        p,
                        juxt(two_k, Paren(minus(o_sym, t_sym))),
                        juxt(two_k, Paren(minus(o, t))),
                        value,
                    )
                ]
            if self.loss == "hinge":
                active = 1.0 - self.t.targets[n, j] * lay.out[n, j] >= 0
                cond = Op("≥" if active else "<", (minus(ONE, prod(t, o)), ZERO))
                if active:
                    return [eq(p, Neg(t_sym), Neg(t), value, cond=cond)]
                return [eq(p, value, cond=cond)]
            raise AssertionError("fused losses have no separate ∂E/∂out")
        nxt = self.layers[k + 1]
        items: list[Item] = []
        separable = (
            k + 1 == self.L - 1
            and self.loss in SEPARABLE
            and nxt.activation != "softmax"
            and self.N == 1
        )
        terms_sym: list[Expr] = []
        terms_num: list[Expr] = []
        for m in range(nxt.weights.shape[0]):
            w_sym = self.w(k + 1, m, j)
            w_val = Num(nxt.weights[m, j])
            net_m = self.net(k + 1, m)
            if separable:
                e_m = Sym("E", self.neuron(k + 1, m))
                items.append(eq(Partial(net_m, self.out(k, j)), w_sym, w_val))
                items.append(
                    eq(
                        Partial(e_m, self.out(k, j)),
                        prod(Partial(e_m, net_m), Partial(net_m, self.out(k, j))),
                        prod(Num(nxt.delta[n, m]), w_val),
                        Num(float(nxt.delta[n, m] * nxt.weights[m, j])),
                    )
                )
                terms_sym.append(Partial(e_m, self.out(k, j)))
                terms_num.append(Num(float(nxt.delta[n, m] * nxt.weights[m, j])))
            else:
                terms_sym.append(prod(Partial(e, net_m), w_sym))
                terms_num.append(prod(Num(nxt.delta[n, m]), w_val))
        items.append(eq(Partial(e, self.out(k, j)), plus(*terms_sym), plus(*terms_num), value))
        return items

    def dout_dnet_eq(self, k: int, j: int, n: int) -> Eq:
        lay = self.layers[k]
        out, net = self.out(k, j), self.net(k, j)
        p = Partial(out, net)
        o, x = Num(lay.out[n, j]), Num(lay.net[n, j])
        d = Num(
            float(local_derivative(lay.activation, lay.net[n, j : j + 1], lay.out[n, j : j + 1])[0])
        )
        act = lay.activation
        if act == "sigmoid":
            return eq(p, juxt(out, Paren(minus(ONE, out))), juxt(o, Paren(minus(ONE, o))), d)
        if act == "tanh":
            return eq(p, minus(ONE, Pow(out, Const("2"))), minus(ONE, Pow(o, Const("2"))), d)
        if act == "relu":
            cond = Op("≥" if lay.net[n, j] >= 0 else "<", (Op("=", (net, x)), ZERO))
            return eq(p, d, cond=cond)
        if act == "abs":
            return eq(p, Func("sign", (net,)), Func("sign", (x,)), d)
        return eq(p, d)  # identity

    def delta_items(self, k: int, j: int, n: int) -> None:
        """δ of neuron j for sample n, with ∂E/∂out and ∂out/∂net (seed 000's order)."""
        lay = self.layers[k]
        e = self.e_sample(n)
        out, net = self.out(k, j), self.net(k, j)
        delta = Num(lay.delta[n, j])
        d_sym = Sym("δ", self.neuron(k, j))
        if k == self.L - 1 and self.fused:
            t = Num(self.t.targets[n, j])
            self.add(
                eq(
                    d_sym,
                    Partial(e, net),
                    minus(out, self.target(j)),
                    minus(Num(lay.out[n, j]), t),
                    delta,
                )
            )
            return
        if lay.activation == "softmax":
            units = lay.weights.shape[0]
            if j == 0:
                for m in range(units):
                    self.add(*self.grad_out_eq(k, m, n))
                self.add(Para("softmax_jacobian"))
            sym_sum = plus(
                *[prod(Partial(e, self.out(k, m)), self.out(k, m)) for m in range(units)]
            )
            num_sum = plus(
                *[prod(Num(lay.grad_out[n, m]), Num(lay.out[n, m])) for m in range(units)]
            )
            self.add(
                eq(
                    d_sym,
                    Partial(e, net),
                    juxt(out, Paren(minus(Partial(e, out), Paren(sym_sum)))),
                    juxt(Num(lay.out[n, j]), Paren(minus(Num(lay.grad_out[n, j]), Paren(num_sum)))),
                    delta,
                )
            )
            return
        if k == self.L - 1 and j == 0 and n == 0:
            self.loss_derivative_intro()
        self.add(*self.grad_out_eq(k, j, n))
        if j == 0 and n == 0:
            self.add(
                Para(
                    f"deriv.{lay.activation}",
                    {
                        "formula": derivative_formula(lay.activation, out, net),
                        "partial": Partial(out, net),
                        "net": net,
                    },
                )
            )
        self.add(self.dout_dnet_eq(k, j, n))
        d = float(local_derivative(lay.activation, lay.net[n, j : j + 1], lay.out[n, j : j + 1])[0])
        self.add(
            eq(
                d_sym,
                Partial(e, net),
                prod(Partial(e, out), Partial(out, net)),
                prod(Num(lay.grad_out[n, j]), Num(d)),
                delta,
            )
        )

    def loss_derivative_intro(self) -> None:
        """How E_total changes with out_o1 (seed 000: 2 · ½(target − out)^(2 − 1) · (−1) + 0)."""
        k = self.L - 1
        units = self.layers[k].weights.shape[0]
        out = self.out(k, 0)
        self.add(Para(f"loss_deriv.{self.loss}", {"partial": Partial(self.e_sample(0), out)}))
        if self.loss != "half_sse" or self.N > 1:
            return
        terms = [
            juxt(HALF, Pow(Paren(minus(self.target(m), self.out(k, m))), Const("2")))
            for m in range(units)
        ]
        self.add(eq(E_TOTAL, plus(*terms)))
        power = Pow(Paren(minus(self.target(0), out)), Op("-", (Const("2"), ONE)))
        self.add(
            eq(
                Partial(E_TOTAL, out),
                plus(prod(Const("2"), juxt(HALF, power), Neg(ONE)), *([ZERO] * (units - 1))),
            )
        )

    def weight_items(self, k: int, j: int, i: int) -> None:
        lay = self.layers[k]
        w = self.w(k, j, i)
        net = self.net(k, j)
        src = self.source(k, i)
        grad = Num(lay.grad_weights[j, i])
        if self.N == 1:
            x = Num(lay.inputs[0, i])
            self.add(eq(Partial(net, w), src, x))
            if self.two_factor(k):
                nums = prod(Num(lay.delta[0, j]), x)
            else:
                d = float(
                    local_derivative(lay.activation, lay.net[0, j : j + 1], lay.out[0, j : j + 1])[
                        0
                    ]
                )
                nums = prod(Num(lay.grad_out[0, j]), Num(d), x)
            chain = self.chain(k, j, i)
            assert isinstance(chain, Op)
            self.add(eq(*chain.args, nums, grad))
        else:
            self.add(eq(Partial(net, w), src))
            per_sample: list[Expr] = []
            for n in range(self.N):
                value = float(lay.delta[n, j] * lay.inputs[n, i])
                self.add(
                    eq(
                        Partial(self.e_sample(n), w),
                        prod(Partial(self.e_sample(n), net), Partial(net, w)),
                        prod(Num(lay.delta[n, j]), Num(lay.inputs[n, i])),
                        Num(value),
                    )
                )
                per_sample.append(Num(value))
            frac = Frac(ONE, Const(str(self.N)))
            self.add(
                eq(
                    Partial(E_TOTAL, w),
                    juxt(frac, Paren(plus(*[Partial(self.e_sample(n), w) for n in range(self.N)]))),
                    juxt(frac, Paren(plus(*per_sample))),
                    grad,
                )
            )
        self.add(
            eq(
                self.w(k, j, i, "+"),
                minus(w, prod(ETA, Partial(E_TOTAL, w))),
                minus(Num(lay.weights[j, i]), prod(Num(self.t.learning_rate), grad)),
                Num(lay.weights_after[j, i]),
            )
        )

    def bias_items(self, k: int) -> None:
        lay = self.layers[k]
        if lay.biases is None or lay.grad_biases is None or lay.biases_after is None:
            return
        units = lay.weights.shape[0]
        count = lay.biases.size
        if not self.t.train_biases:
            for c in range(count):
                self.add(Para("bias_kept", {"bias": Op("=", (self.b(k, c), Num(lay.biases[c])))}))
            return
        for c in range(count):
            b = self.b(k, c)
            neurons = range(units) if lay.bias == "shared" else [c]
            sym = [
                Partial(self.e_sample(n), self.net(k, j)) for n in range(self.N) for j in neurons
            ]
            nums = [Num(lay.delta[n, j]) for n in range(self.N) for j in neurons]
            self.add(
                Para(
                    "bias_gradient",
                    {
                        "bias": b,
                        "one": Op(
                            "=", (Partial(self.net(k, 0 if lay.bias == "shared" else c), b), ONE)
                        ),
                    },
                )
            )
            grad = Num(lay.grad_biases[c])
            if self.N > 1:
                frac = Frac(ONE, Const(str(self.N)))
                self.add(
                    eq(
                        Partial(E_TOTAL, b),
                        juxt(frac, Paren(plus(*sym))),
                        juxt(frac, Paren(plus(*nums))),
                        grad,
                    )
                )
            elif len(sym) > 1:
                self.add(eq(Partial(E_TOTAL, b), plus(*sym), plus(*nums), grad))
            else:
                self.add(eq(Partial(E_TOTAL, b), sym[0], grad))
            self.add(
                eq(
                    self.b(k, c, "+"),
                    minus(b, prod(ETA, Partial(E_TOTAL, b))),
                    minus(Num(lay.biases[c]), prod(Num(self.t.learning_rate), grad)),
                    Num(lay.biases_after[c]),
                )
            )

    # -- matrices (seed 004) --------------------------------------------------------------
    def rows(self, values: np.ndarray) -> Matrix:
        """Samples × units as a matrix (one row: a row vector, as in seed 004)."""
        return matrix(values)

    def forward_matrix(self) -> None:
        self.add(Heading("forward", 2))
        self.add(Para("forward_matrix_intro"))
        for k, lay in enumerate(self.layers):
            w = self.weight_matrix(k)
            x = self.vec("out", k - 1)
            net = self.vec("net", k)
            parts: list[Expr] = [juxt(x, w)]
            if lay.biases is not None:
                bias = Sym("b", self.layer_letter(k))
                parts = [plus(juxt(x, w), bias)]
            self.add(eq(net, *parts, self.rows(lay.net)))
            self.add(
                eq(self.vec("out", k), Func(f"act:{lay.activation}", (net,)), self.rows(lay.out))
            )

    def matrix_form(self) -> None:
        self.add(Heading("matrix", 2))
        self.add(Para("matrix_intro", {"w": self.weight_matrix(self.L - 1)}))
        eta = Num(self.t.learning_rate)
        n_frac = Frac(ONE, Const(str(self.N)))
        for k in range(self.L - 1, -1, -1):
            lay = self.layers[k]
            w_sym = self.weight_matrix(k)
            delta = Sym("δ", self.layer_letter(k))
            out, net = self.vec("out", k), self.vec("net", k)
            self.add(Heading("matrix_layer", 3, {"w": w_sym}))
            self.add(eq(w_sym, matrix(lay.weights.T)))
            grad_out = Partial(E_TOTAL, out)
            if k == self.L - 1 and self.fused:
                target = self.vec("target", k)
                self.add(
                    eq(
                        delta,
                        minus(out, target),
                        minus(self.rows(lay.out), matrix(self.t.targets)),
                        self.rows(lay.delta),
                    )
                )
            else:
                if k < self.L - 1:
                    nxt = self.layers[k + 1]
                    self.add(
                        eq(
                            grad_out,
                            juxt(
                                Sym("δ", self.layer_letter(k + 1)), self.weight_matrix(k + 1, "T")
                            ),
                            juxt(self.rows(nxt.delta), matrix(nxt.weights)),
                            self.rows(lay.grad_out),
                        )
                    )
                else:
                    self.add(eq(grad_out, self.rows(lay.grad_out)))
                if lay.activation == "softmax":
                    self.add(Para("softmax_matrix"))
                    self.add(eq(delta, self.rows(lay.delta)))
                else:
                    fprime = local_derivative(lay.activation, lay.net, lay.out)
                    self.add(
                        eq(
                            delta,
                            Op("⊙", (grad_out, Func(f"d:{lay.activation}", (net,)))),
                            Op("⊙", (self.rows(lay.grad_out), self.rows(fprime))),
                            self.rows(lay.delta),
                        )
                    )
            self.vec("out", k - 1)
            x_t = self.vec("out", k - 1, "T")
            grad_w = Partial(E_TOTAL, w_sym)
            if self.N == 1:
                self.add(
                    eq(
                        grad_w,
                        juxt(x_t, delta),
                        juxt(matrix(lay.inputs.T), self.rows(lay.delta)),
                        matrix(lay.grad_weights.T),
                    )
                )
            else:
                self.add(
                    eq(
                        grad_w,
                        juxt(n_frac, x_t, delta),
                        juxt(n_frac, matrix(lay.inputs.T), self.rows(lay.delta)),
                        matrix(lay.grad_weights.T),
                    )
                )
            self.add(
                eq(
                    self.weight_matrix(k, "+"),
                    minus(w_sym, prod(ETA, grad_w)),
                    minus(matrix(lay.weights.T), prod(eta, matrix(lay.grad_weights.T))),
                    matrix(lay.weights_after.T),
                )
            )
            self.matrix_bias(k, delta)

    def matrix_bias(self, k: int, delta: Sym) -> None:
        lay = self.layers[k]
        if lay.biases is None or lay.grad_biases is None or lay.biases_after is None:
            return
        eta = Num(self.t.learning_rate)
        if not self.t.train_biases:
            return
        if lay.bias == "shared":
            b = self.b(k, 0)
            total: Expr = Sum(delta)
            if self.N > 1:
                total = juxt(Frac(ONE, Const(str(self.N))), total)
            self.add(
                eq(
                    self.b(k, 0, "+"),
                    minus(b, prod(ETA, total)),
                    minus(Num(lay.biases[0]), prod(eta, Num(lay.grad_biases[0]))),
                    Num(lay.biases_after[0]),
                )
            )
            return
        b = Sym("b", self.layer_letter(k))
        mean: Expr = delta if self.N == 1 else juxt(Frac(ONE, Const(str(self.N))), Sum(delta))
        self.add(
            eq(
                Sym("b", self.layer_letter(k), "+"),
                minus(b, prod(ETA, mean)),
                minus(matrix([lay.biases]), prod(eta, matrix([lay.grad_biases]))),
                matrix([lay.biases_after]),
            )
        )


def build(trace: StepTrace, name: str = "spec", description: str = "") -> list[Item]:
    """The explanation items for one recorded training step."""
    return _Builder(trace, name, description).build()


def steps_table(losses: list[float]) -> Table:
    """E_total before training (step 0) and after each step."""
    return Table(
        (Word("step"), E_TOTAL), tuple((Const(str(s)), Num(v)) for s, v in enumerate(losses))
    )
