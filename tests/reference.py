"""Reference gradients for the tests: central differences and PyTorch autograd, in float64.

Every check drives an operation with a random upstream gradient ``upstream`` (∂L/∂y for
L = Σ upstream ⊙ y), so that the backward is tested with an arbitrary incoming gradient,
not only with ones.

- :func:`central_difference` -- ∂L/∂x of a function of NumPy arrays by the five-point central
  stencil  f′(x) ≈ (f(x − 2h) − 8 f(x − h) + 8 f(x + h) − f(x + 2h)) / 12h, whose error is
  O(h⁴) (truncation) + O(ε_machine·|L|/h) (rounding): about 1e-13 relative for h = 1e-3.
- :func:`check_node_gradients` -- our backward against :func:`central_difference`.
- :func:`compare_with_torch` -- the one helper every torch test uses: runs the operation
  with our nodes and with torch autograd (float64), compares the outputs and the gradients.

Errors are elementwise relative errors |a − b| / max(|a|, |b|, floor): a gradient smaller
than ``floor`` is compared absolutely, to ``floor`` times the tolerance.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from chainrule.engine.tensor import Tensor, no_grad

NUMERIC_TOLERANCE = 1e-7  # backward against central differences
TORCH_TOLERANCE = 1e-10  # forward and backward against torch autograd in float64
NUMERIC_FLOOR = 1e-3
# A gradient that is 0 in exact arithmetic comes out as rounding noise of ~1e-16 on both sides
# (through a softmax, Σ_k ∂out_k/∂net_j = 0), so torch values below 1e-4 are compared
# absolutely, to 1e-4 · 1e-10 = 1e-14.
TORCH_FLOOR = 1e-4

# The worst errors seen in this test run, by kind (printed at exit if CHAINRULE_SHOW_ERRORS is set).
WORST: dict[str, float] = {}


def _record(kind: str, error: float) -> None:
    WORST[kind] = max(WORST.get(kind, 0.0), error)


@atexit.register
def _show_worst() -> None:  # pragma: no cover - a diagnostic
    if os.environ.get("CHAINRULE_SHOW_ERRORS") and WORST:
        for kind, error in sorted(WORST.items()):
            print(f"worst {kind}: {error:.3e}")


def relative_error(a: Any, b: Any, floor: float) -> float:
    """max over elements of |a − b| / max(|a|, |b|, floor)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    assert a.shape == b.shape, (a.shape, b.shape)
    if a.size == 0:
        return 0.0
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    return float(np.max(np.abs(a - b) / scale))


def random_upstream(shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    """A random ∂L/∂y in [−2, −0.5] ∪ [0.5, 2] (never near 0, so no gradient hides)."""
    rng = np.random.default_rng(seed)
    return rng.uniform(0.5, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def backprop_gradients(
    fn: Callable[..., Tensor], arrays: Sequence[np.ndarray], upstream: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray]]:
    """y = fn(*tensors) with our nodes, then y.backward(upstream): (y, [∂L/∂x for each input])."""
    tensors = [Tensor(np.array(a, dtype=np.float64)) for a in arrays]
    y = fn(*tensors)
    y.backward(upstream)
    grads = [t.grad if t.grad is not None else np.zeros_like(t.data) for t in tensors]
    return y.data, grads


def central_difference(
    fn: Callable[..., Any], arrays: Sequence[np.ndarray], upstream: np.ndarray, h: float = 1e-3
) -> list[np.ndarray]:
    """∂L/∂x for L = Σ upstream ⊙ fn(*arrays), each element by the five-point central stencil.

    ``fn`` takes and returns NumPy arrays or our tensors (it runs under ``no_grad``).
    """
    values = [np.array(a, dtype=np.float64) for a in arrays]

    def loss() -> float:
        with no_grad():
            y = fn(*(Tensor(v, requires_grad=False) for v in values))
        y = y.data if isinstance(y, Tensor) else np.asarray(y)
        return float(np.sum(upstream * y))

    grads = []
    for v in values:
        g = np.zeros_like(v)
        flat, gflat = v.reshape(-1), g.reshape(-1)
        for i in range(flat.size):
            x0 = flat[i]
            f = []
            for step in (-2.0, -1.0, 1.0, 2.0):
                flat[i] = x0 + step * h
                f.append(loss())
            flat[i] = x0
            gflat[i] = (f[0] - 8.0 * f[1] + 8.0 * f[2] - f[3]) / (12.0 * h)
        grads.append(g)
    return grads


def check_node_gradients(
    fn: Callable[..., Tensor],
    arrays: Sequence[np.ndarray],
    seed: int = 0,
    tolerance: float = NUMERIC_TOLERANCE,
    kind: str = "central difference",
) -> float:
    """Assert that our backward of ``fn`` matches central differences; return the worst error."""
    arrays = [np.asarray(a, dtype=np.float64) for a in arrays]
    with no_grad():
        shape = fn(*(Tensor(a, requires_grad=False) for a in arrays)).shape
    upstream = random_upstream(shape, seed)
    _, grads = backprop_gradients(fn, arrays, upstream)
    numeric = central_difference(fn, arrays, upstream)
    worst = 0.0
    for k, (g, n) in enumerate(zip(grads, numeric, strict=True)):
        error = relative_error(g, n, NUMERIC_FLOOR)
        assert error < tolerance, (
            f"input {k}: relative error {error:.3e}\nbackprop {g}\nnumeric {n}"
        )
        worst = max(worst, error)
    _record(kind, worst)
    return worst


def compare_with_torch(
    ours: Callable[..., Tensor],
    theirs: Callable[..., Any],
    arrays: Sequence[np.ndarray],
    seed: int = 0,
    tolerance: float = TORCH_TOLERANCE,
    kind: str = "torch",
    floor: float = TORCH_FLOOR,
) -> tuple[float, float]:
    """Run an operation with our nodes and with torch autograd (float64); compare both passes.

    ``ours`` takes our tensors, ``theirs`` the same values as torch tensors (requires_grad).
    Both outputs are driven by the same random upstream gradient. Asserts that the outputs
    and every input's gradient agree to ``tolerance`` (values below ``floor`` compared
    absolutely, to ``floor·tolerance``); returns (forward error, gradient error).
    """
    import torch

    arrays = [np.asarray(a, dtype=np.float64) for a in arrays]
    with no_grad():
        shape = ours(*(Tensor(a, requires_grad=False) for a in arrays)).shape
    upstream = random_upstream(shape, seed)
    y, grads = backprop_gradients(ours, arrays, upstream)

    leaves = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]
    ty = theirs(*leaves)
    assert tuple(ty.shape) == tuple(y.shape), (tuple(ty.shape), y.shape)
    ty.backward(torch.tensor(upstream, dtype=torch.float64))
    tgrads = [
        np.zeros_like(a) if leaf.grad is None else leaf.grad.numpy()
        for a, leaf in zip(arrays, leaves, strict=True)
    ]

    forward_error = relative_error(y, ty.detach().numpy(), floor)
    assert forward_error < tolerance, f"forward: relative error {forward_error:.3e}"
    grad_error = 0.0
    for k, (g, tg) in enumerate(zip(grads, tgrads, strict=True)):
        error = relative_error(g, tg, floor)
        assert error < tolerance, f"input {k}: relative error {error:.3e}\nours {g}\ntorch {tg}"
        grad_error = max(grad_error, error)
    _record(f"{kind} forward", forward_error)
    _record(f"{kind} backward", grad_error)
    return forward_error, grad_error
