"""The backwards pass, weight by weight: chain-rule products, deltas, updates (Mazur's example)."""

from __future__ import annotations

from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import LOSSES
from chainrule.teach.explain.derivatives import derivative_formula, local_derivative
from chainrule.teach.explain.expr import (
    HALF,
    ONE,
    ZERO,
    Const,
    Eq,
    Expr,
    Frac,
    Heading,
    Item,
    Neg,
    Num,
    Op,
    Para,
    Paren,
    Partial,
    Pow,
    Sym,
    eq,
    juxt,
    minus,
    plus,
    prod,
)
from chainrule.teach.explain.formulas import expression, is_constant, is_piecewise, piece
from chainrule.teach.explain.names import E_TOTAL, ETA, SEPARABLE, Names


class Backward(Names):
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

    def loss_slope_eq(self, p: Partial, j: int, n: int, value: Num) -> Eq:
        """∂E_n/∂out_oj as the loss's record writes it, then its numbers; a piecewise slope
        (hinge) by the branch taken, with its condition in numbers."""
        k, units = self.L - 1, Const(str(self.layers[-1].out.shape[1]))
        target, out = float(self.t.targets[n, j]), float(self.layers[k].out[n, j])
        symbols = {"t": self.target(j), "o": self.out(k, j), "K": units}
        numbers = {"t": Num(target), "o": Num(out), "K": units}
        slope, cond = LOSSES[self.loss].slope, None
        if is_piecewise(slope):
            (_, (_, left, right), _, _) = slope
            slope, cmp, _ = piece(slope, {"t": target, "o": out, "K": float(units.text)})
            cond = Op(cmp, (expression(left, numbers), expression(right, numbers)))
        if is_constant(slope):
            return eq(p, value, cond=cond)
        return eq(p, expression(slope, symbols), expression(slope, numbers), value, cond=cond)

    def two_factor(self, k: int) -> bool:
        lay = self.layers[k]
        return (k == self.L - 1 and self.fused) or not ACTIVATIONS[lay.activation].elementwise

    def grad_out_eq(self, k: int, j: int, n: int) -> list[Item]:
        """∂E_n/∂out of neuron j: from the loss (output layer) or summed over the next layer."""
        lay = self.layers[k]
        e = self.e_sample(n)
        value = Num(lay.grad_out[n, j])
        if k == self.L - 1:  # the loss record's slope (Mazur's example: −(target − out))
            return [self.loss_slope_eq(Partial(e, self.out(k, j)), j, n, value)]
        nxt = self.layers[k + 1]
        items: list[Item] = []
        separable = (
            k + 1 == self.L - 1
            and self.loss in SEPARABLE
            and ACTIVATIONS[nxt.activation].elementwise
            and self.N == 1
        )
        terms_sym: list[Expr] = []
        terms_num: list[Expr] = []
        if separable and nxt.weights.shape[0] > 1:
            # Mazur's example: ∂E_total/∂out_h1 = ∂E_o1/∂out_h1 + ∂E_o2/∂out_h1, then each term
            parts = [
                Partial(Sym("E", self.neuron(k + 1, m)), self.out(k, j))
                for m in range(nxt.weights.shape[0])
            ]
            items.append(eq(Partial(e, self.out(k, j)), plus(*parts)))
        for m in range(nxt.weights.shape[0]):
            w_sym = self.w(k + 1, m, j)
            w_val = Num(nxt.weights[m, j])
            net_m = self.net(k + 1, m)
            if separable:
                e_m = Sym("E", self.neuron(k + 1, m))
                # ∂E_o1/∂net_o1 is δ_o1 of the output layer, computed above
                items.append(
                    eq(Partial(e_m, net_m), Sym("δ", self.neuron(k + 1, m)), Num(nxt.delta[n, m]))
                )
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
        formula = ACTIVATIONS[lay.activation].derivative
        if is_piecewise(formula):  # ReLU: the value and where net lies
            _, cmp, _ = piece(formula, float(lay.net[n, j]))
            return eq(p, d, cond=Op(cmp, (Op("=", (net, x)), ZERO)))
        if is_constant(formula):  # the identity: 1
            return eq(p, d)
        leaves = {"out": out, "net": net}
        numbers = {"out": o, "net": x}
        return eq(p, expression(formula, leaves), expression(formula, numbers), d)

    def delta_items(self, k: int, j: int, n: int) -> None:
        """δ of neuron j for sample n, with ∂E/∂out and ∂out/∂net (Mazur's order)."""
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
        if not ACTIVATIONS[lay.activation].elementwise:  # softmax: out_j reads the whole layer
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
        """How E_total changes with out_o1 (Mazur's example: 2 · ½(target − out)^(2 − 1) · (−1) +
        0)."""
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
