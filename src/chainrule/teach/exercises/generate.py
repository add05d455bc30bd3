"""Random problems with numbers of two decimals, none of them degenerate.

:func:`generate` draws weights, biases (one per layer, shared, as in Mazur's example),
inputs, targets and a learning rate from ``seed`` and keeps the first draw whose step is
worth computing by hand:

- no dead ReLU: every ReLU neuron's net ≥ 0.1 (away from the kink, where the gradient is 0);
- no saturated neuron: every local derivative f′(net) at least 0.19 of f′'s peak (a
  logistic out within [0.05, 0.95]: 0.05·0.95 = 0.19·¼; a tanh |out| ≤ 0.9: 1 − 0.9² = 0.19;
  a softplus net ≥ −1.45), read from each activation's record;
- no zero gradient: every |δ| ≥ 0.001, every |∂E/∂w| ≥ 0.0001, every |out − target| ≥ 0.05;
- |net| ≥ 0.05, so that net and out differ for the logistic and tanh functions.

The same seed and settings give the same problem (NumPy's ``default_rng``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.nn.activations import ACTIVATIONS, elementwise_names
from chainrule.nn.losses import FUSED_ACTIVATION, probability_targets
from chainrule.nn.losses import LOSSES as LOSS_RECORDS
from chainrule.teach.exercises.problem import Problem
from chainrule.teach.exercises.quantities import LOSSES
from chainrule.teach.explain.formulas import is_piecewise

MAX_DRAWS = 10_000
LEARNING_RATES = (0.1, 0.25, 0.5)
SATURATION = 0.19  # a neuron whose f′(net) is below this share of f′'s peak is saturated


def _two_decimals(
    rng: np.random.Generator, low: float, high: float, size: Any, floor: float = 0.0
) -> list:
    """Numbers with two decimals in [low, high], each |x| ≥ floor."""
    values = np.round(rng.uniform(low, high, size), 2)
    small = np.abs(values) < floor
    values[small] = np.where(values[small] < 0, -floor, floor)
    return (values + 0.0).tolist()  # + 0.0: no −0.0


def draw(
    rng: np.random.Generator, sizes: Sequence[int], activation: str, loss: str, train_biases: bool
) -> dict[str, Any]:
    output = FUSED_ACTIVATION.get(loss, activation)
    low = -0.3 if _one_sided(activation) else -1.0
    layers = []
    for k in range(1, len(sizes)):
        layers.append(
            {
                "units": sizes[k],
                "activation": output if k == len(sizes) - 1 else activation,
                "bias": "shared",
                "weights": _two_decimals(rng, low, 1.0, (sizes[k], sizes[k - 1]), 0.05),
                "biases": _two_decimals(rng, 0.05, 0.7, 1),
            }
        )
    outputs = sizes[-1]
    if LOSS_RECORDS[loss].check_targets is probability_targets:  # one-hot (cross-entropy)
        targets = [0.0] * outputs
        targets[int(rng.integers(outputs))] = 1.0
    else:
        targets = _two_decimals(rng, 0.01, 0.99, outputs)
    return {
        "input_size": sizes[0],
        "layers": layers,
        "loss": loss,
        "learning_rate": float(rng.choice(LEARNING_RATES)),
        "train_biases": train_biases,
        "inputs": [_two_decimals(rng, 0.05, 1.0, sizes[0])],
        "targets": [targets],
    }


def _one_sided(activation: str) -> bool:
    """Whether the activation's derivative is piecewise at net = 0 (ReLU: 1 above, 0 or a
    small slope below), so a problem keeps its nets above 0."""
    return is_piecewise(ACTIVATIONS[activation].derivative)


@cache
def peak_slope(activation: str) -> float:
    """The largest |f′(net)| of an element-wise activation over nets −30…30 in steps of
    0.01 (by its record's derivative kernel): ¼ for the logistic function, 1 for tanh,
    ReLU and the identity, just below 1 for softplus (σ(30))."""
    record = ACTIVATIONS[activation]
    nets = np.arange(-3000, 3001) / 100.0
    return float(np.max(np.abs(record.derivative_values(nets, record.forward(nets)))))


def saturated(activation: str, net: np.ndarray, out: np.ndarray) -> bool:
    """Whether a neuron's f′(net) is below :data:`SATURATION` of f′'s peak (never for
    softmax, whose derivative is a Jacobian)."""
    record = ACTIVATIONS[activation]
    if not record.elementwise:
        return False
    slope = np.abs(record.derivative_values(net, out))
    return bool(np.any(slope < SATURATION * peak_slope(activation)))


def degenerate(problem: Problem) -> bool:
    """Whether the step has a dead ReLU, a saturated neuron or a vanishing gradient."""
    trace = problem.trace()
    for lay in trace.layers:
        net, out = lay.net[0], lay.out[0]
        if np.any(np.abs(net) < 0.05):
            return True
        if _one_sided(lay.activation) and np.any(net < 0.1):
            return True
        if saturated(lay.activation, net, out):
            return True
        if np.any(np.abs(lay.delta) < 1e-3) or np.any(np.abs(lay.grad_weights) < 1e-4):
            return True
    return bool(np.any(np.abs(trace.layers[-1].out - trace.targets) < 0.05))


def generate(
    seed: int,
    layers: Sequence[int] = (2, 2, 2),
    activation: str = "sigmoid",
    loss: str = "half_sse",
    train_biases: bool | None = None,
) -> Problem:
    """A random problem (see the module); ``train_biases`` None draws it too."""
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ChainruleError(f"seed {seed!r}: expected a whole number >= 0")
    sizes = [int(s) for s in layers]
    if len(sizes) < 2 or any(s < 1 for s in sizes) or sum(sizes) > 40:
        raise ChainruleError(
            f"layers {','.join(map(str, sizes))}: expected at least two sizes >= 1, "
            "at most 40 neurons in all (a problem to compute by hand)"
        )
    if activation not in elementwise_names():
        raise ChainruleError(
            f"activation {activation!r}: expected one of {', '.join(elementwise_names())}"
        )
    if loss not in LOSSES:
        raise ChainruleError(f"loss {loss!r}: expected one of {', '.join(LOSSES)}")
    output = FUSED_ACTIVATION.get(loss)
    if output is not None and not ACTIVATIONS[output].elementwise and sizes[-1] < 2:
        raise ChainruleError(f"loss {loss!r} needs at least 2 outputs (a {output})")
    rng = np.random.default_rng(seed)
    for _ in range(MAX_DRAWS):
        trained = bool(rng.integers(2)) if train_biases is None else train_biases
        data = draw(rng, sizes, activation, loss, trained)
        data["name"] = f"exercise-{seed}"
        problem = Problem(data)
        if not degenerate(problem):
            return problem
    raise ChainruleError(
        f"no problem without a dead or saturated neuron found for layers "
        f"{','.join(map(str, sizes))}, activation {activation!r}: try other settings"
    )
