"""The forward pass and the error, neuron by neuron (Mazur's example) or layer by layer
(JongSeobJ's matrix form)."""

from __future__ import annotations

from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import LOSSES
from chainrule.teach.explain.derivatives import output_errors
from chainrule.teach.explain.expr import (
    ONE,
    Const,
    Eq,
    Expr,
    Frac,
    Func,
    Heading,
    Num,
    Para,
    Paren,
    Pow,
    Sym,
    eq,
    juxt,
    plus,
    prod,
)
from chainrule.teach.explain.formulas import E_SYM, expression
from chainrule.teach.explain.names import E_TOTAL, Names
from chainrule.teach.trace import LayerStep


class Forward(Names):
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
        formula = ACTIVATIONS[lay.activation].formula
        if formula == "net":  # the identity: out = net
            return eq(out, net, y)
        if formula is not None:  # the record's f(net), with the neuron's names, then its numbers
            return eq(out, expression(formula, {"net": net}), expression(formula, {"net": x}), y)
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
        units = Const(str(lay.out.shape[1]))
        formula = LOSSES[self.loss].error
        return eq(
            e,
            expression(formula, {"t": t_sym, "o": o_sym, "K": units}),
            expression(formula, {"t": t, "o": o, "K": units}),
            Num(value),
        )

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
