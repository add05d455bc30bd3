"""One training step as a language-neutral list of explanation items, in Mazur's order.

:func:`build` reads a :class:`~chainrule.teach.trace.StepTrace` and writes headings, sentences
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
on its left. For Mazur's example the two agree everywhere but once: the seed multiplied the
rounded δ_o2 = −0.038098237 by w7 = 0.5 and printed ∂E_o2/∂out_h1 = −0.019049119; the
exact value −0.0190491183 is shown as −0.019049118.

Names (Mazur's example): inputs i1…, hidden neurons h1… (h2_1 = hidden layer 2, neuron 1 when
there are several hidden layers), outputs o1…; weights w1… numbered layer by layer,
destination neuron by destination neuron (w1 i1→h1, w2 i2→h1, w3 i1→h2, …); biases b1,
b2… numbered the same way (one per layer when shared, one per neuron otherwise).

The matrix form follows JongSeobJ's matrix form: W_IH[i][j] is the weight from input i to hidden
neuron j
(the transpose of a spec's ``weights[j][i]``), δ_O = ∂E/∂out_O ⊙ f′(net_O),
∂E/∂W_HO = out_Hᵀ δ_O, δ_H = (δ_O W_HOᵀ) ⊙ f′(net_H).
"""

from __future__ import annotations

from chainrule.teach.explain.backward import Backward
from chainrule.teach.explain.derivatives import derivative_formula, local_derivative, output_errors
from chainrule.teach.explain.expr import (
    Const,
    Expr,
    Heading,
    Item,
    Name,
    Num,
    Op,
    Para,
    Table,
    Word,
    eq,
)
from chainrule.teach.explain.forward import Forward
from chainrule.teach.explain.matrix import MatrixForm
from chainrule.teach.explain.names import E_TOTAL, ETA, MAX_SAMPLES, MAX_WEIGHTS
from chainrule.teach.trace import StepTrace


def plural(n: int, key: str) -> str:
    """The word key for ``n`` of a noun: ``noun.neuron`` for 1, ``noun.neurons`` otherwise."""
    return key if n == 1 else key + "s"


__all__ = [
    "MAX_SAMPLES",
    "MAX_WEIGHTS",
    "build",
    "derivative_formula",
    "local_derivative",
    "output_errors",
    "steps_table",
]


class _Builder(Forward, Backward, MatrixForm):
    """Writes the items of one step in Mazur's order, then JongSeobJ's matrix form."""

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
                        "sample_word": Word(plural(self.N, "noun.sample")),
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
                        "neurons": Word(plural(lay.weights.shape[0], "noun.neuron")),
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


def build(trace: StepTrace, name: str = "spec", description: str = "") -> list[Item]:
    """The explanation items for one recorded training step."""
    return _Builder(trace, name, description).build()


def steps_table(losses: list[float]) -> Table:
    """E_total before training (step 0) and after each step."""
    return Table(
        (Word("step"), E_TOTAL), tuple((Const(str(s)), Num(v)) for s, v in enumerate(losses))
    )
