"""What a studio session explains: a parameter's chain rule, the path of its gradient, the
names ``chainrule explain`` gives (w1…, b1…, h1, o1) and step mode.

The derivation of a weight is :func:`chainrule.teach.explain.parameter.parameter_items` on a
:func:`chainrule.teach.trace.trace_step` of a copy of the network on the current batch (at most
16 samples of it), so it shows the numbers ``chainrule explain`` shows for the same spec
(the page's "Spec JSON"). Step mode goes through one training step on that batch phase by
phase: forward (net and out of every neuron), error (E_total), backward (every δ and
∂E/∂w), update (each weight old → new: the optimizer's real step).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.nn import Network
from chainrule.studio.protocol import Config, ProtocolError
from chainrule.teach.explain.expr import format_number
from chainrule.teach.explain.html import render_html_fragment
from chainrule.teach.explain.parameter import locate, parameter_items
from chainrule.teach.trace import StepTrace, trace_step

DIGITS = 9  # decimal places, as Mazur's example and `chainrule explain` print them
DERIVE_SAMPLES = 16  # samples of the current batch a derivation shows
PHASES = ("forward", "error", "backward", "update")


class Derivations:
    """The explaining part of :class:`~chainrule.studio.session.Session`."""

    network: Network
    config: Config
    inputs: np.ndarray
    targets: np.ndarray
    train_biases: bool
    phase: int
    phase_trace: StepTrace | None

    def _where(self, name: str) -> tuple[str, int, int, int]:
        try:
            return locate(self.shapes(), name)
        except ChainruleError as exc:
            raise ProtocolError(str(exc), "name", 404 if "no such" in str(exc) else 400) from None

    def shapes(self) -> list[tuple[tuple[int, int], int]]:
        """Each layer's (weights' shape, number of biases)."""
        return [
            (lay.weights.data.shape, 0 if lay.biases is None else lay.biases.data.size)
            for lay in self.network.layers
        ]

    def derive_batch(self) -> np.ndarray:
        """The samples a derivation and step mode use: the current batch's first 16."""
        return self.batch_indices()[:DERIVE_SAMPLES]

    def _trace(self) -> StepTrace:
        """One gradient-descent step of a copy of the network on :meth:`derive_batch`."""
        idx = self.derive_batch()
        return trace_step(
            self.network.copy(),
            self.inputs[idx],
            self.targets[idx],
            self.config.learning_rate,
            self.train_biases,
        )

    def derivation(self, name: str, lang: str | None = None) -> dict[str, Any]:
        """Parameter ``name``'s chain rule on the current batch, as ``chainrule explain``'s
        HTML (MathML), and the path its gradient travels (edges and neurons)."""
        kind, k, j, i = self._where(name)
        trace = self._trace()
        lang = lang or self.config.lang
        html = render_html_fragment(parameter_items(trace, name), lang, DIGITS)
        return {
            "name": name,
            "html": html,
            "path": self.gradient_path(kind, k, j, i),
            "samples": len(trace.inputs),
            "optimizer": self.config.optimizer,
            "regularization": self.config.regularization,
        }

    def gradient_path(self, kind: str, k: int, j: int, i: int) -> dict[str, list[str]]:
        """The edges and neurons between the outputs and the parameter."""
        names = self.names()
        edges = [names["w"][k][j][i]] if kind == "w" else []
        nodes = [f"n{k}_{j}"]
        last = len(self.network.layers) - 1
        if kind == "b" and self.network.layers[k].bias == "shared":
            nodes = [f"n{k}_{u}" for u in range(self.network.layers[k].units)]
        sources = {int(n.split("_")[1]) for n in nodes}
        for m in range(k + 1, last + 1):
            lay = self.network.layers[m]
            for u in range(lay.units):
                for s in sources:
                    edges.append(names["w"][m][u][s])
            nodes += [f"n{m}_{u}" for u in range(lay.units)]
            sources = set(range(lay.units))
        return {"edges": edges, "nodes": nodes}

    def neuron_name(self, k: int, j: int) -> str:
        """h1, h2 (one hidden layer), h1_2 (layer 1, neuron 2 of several), o1: as
        ``chainrule explain`` writes them."""
        count = len(self.network.layers)
        if k == count - 1:
            return f"o{j + 1}"
        return f"h{j + 1}" if count == 2 else f"h{k + 1}_{j + 1}"

    def names(self) -> dict[str, list]:
        """w1… and b1… as ``chainrule explain`` numbers them: layer by layer, destination
        neuron by destination neuron, source by source."""
        w_names: list[list[list[str]]] = []
        b_names: list[list[str]] = []
        w = b = 0
        for lay in self.network.layers:
            rows, cols = lay.weights.data.shape
            w_names.append([[f"w{w + j * cols + i + 1}" for i in range(cols)] for j in range(rows)])
            w += rows * cols
            if lay.biases is None:
                b_names.append([])
            else:
                count = lay.biases.data.size
                b_names.append([f"b{b + (0 if count == 1 else j) + 1}" for j in range(rows)])
                b += count
        return {"w": w_names, "b": b_names}

    # -- step mode ------------------------------------------------------------------------
    def next_phase(self) -> dict[str, Any]:
        """Advance step mode: forward → error → backward → update → forward …"""
        self.phase = (self.phase + 1) % len(PHASES)
        phase = PHASES[self.phase]
        if phase == "forward" or self.phase_trace is None:
            self.phase = 0
            phase = "forward"
            self.phase_trace = self._trace()
        t = self.phase_trace
        names = self.names()
        n = 0  # the values shown on the neurons are the first sample's
        out: dict[str, Any] = {"phase": phase, "samples": len(t.inputs)}
        if phase == "forward":
            out["neurons"] = {
                f"n{k}_{j}": {
                    "net": format_number(float(lay.net[n, j]), DIGITS),
                    "out": format_number(float(lay.out[n, j]), DIGITS),
                }
                for k, lay in enumerate(t.layers)
                for j in range(lay.net.shape[1])
            }
            out["inputs"] = [format_number(float(v), DIGITS) for v in t.inputs[n]]
        elif phase == "error":
            out["error"] = format_number(t.loss, DIGITS)
            out["targets"] = [format_number(float(v), DIGITS) for v in t.targets[n]]
        elif phase == "backward":
            out["neurons"] = {
                f"n{k}_{j}": {"delta": format_number(float(lay.delta[n, j]), DIGITS)}
                for k, lay in enumerate(t.layers)
                for j in range(lay.net.shape[1])
            }
            out["partials"] = {
                names["w"][k][j][i]: format_number(float(lay.grad_weights[j, i]), DIGITS)
                for k, lay in enumerate(t.layers)
                for j in range(lay.grad_weights.shape[0])
                for i in range(lay.grad_weights.shape[1])
            }
        else:  # update: the optimizer's real step on the same batch
            before = [lay.weights.data.copy() for lay in self.network.layers]
            self.train_batch()
            out["updates"] = {
                names["w"][k][j][i]: [
                    format_number(float(before[k][j, i]), DIGITS),
                    format_number(float(lay.weights.data[j, i]), DIGITS),
                ]
                for k, lay in enumerate(self.network.layers)
                for j in range(lay.weights.data.shape[0])
                for i in range(lay.weights.data.shape[1])
            }
            self.record()
            self.phase_trace = None
            self.phase = -1
        return out
