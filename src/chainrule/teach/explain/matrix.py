"""The same step in matrix form (JongSeobJ's matrix form): δ vectors, outer products, updated
matrices."""

from __future__ import annotations

from chainrule.nn.activations import ACTIVATIONS
from chainrule.teach.explain.derivatives import local_derivative
from chainrule.teach.explain.expr import (
    ONE,
    Const,
    Expr,
    Frac,
    Func,
    Heading,
    Num,
    Op,
    Para,
    Partial,
    Sum,
    Sym,
    eq,
    juxt,
    matrix,
    minus,
    prod,
)
from chainrule.teach.explain.names import E_TOTAL, ETA, Names


class MatrixForm(Names):
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
                if not ACTIVATIONS[lay.activation].elementwise:  # softmax: a Jacobian
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
