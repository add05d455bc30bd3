"""Activation functions, one record each: out = f(net) and ∂out/∂net, written once.

SanghyukChun's introduction lists sigmoid, tanh, the absolute value |t| and ReLU max(0, t);
the identity is a linear output, softmax an output layer of class scores (SanghyukChun's
softmax loss), leaky ReLU (Maas, Hannun and Ng, "Rectifier Nonlinearities Improve Neural
Network Acoustic Models") keeps a slope of 0.01 below 0 and softplus log(1 + e^net) is ReLU
made smooth (Glorot, Bordes and Bengio, "Deep Sparse Rectifier Neural Networks").

Each :class:`Activation` holds
- the forward kernel ``f(net, out=None, xp=np) -> out`` and the backward kernel
  ``b(g, net, y, out=None, xp=np) -> ∂L/∂net`` with g = ∂L/∂y and y = f(net), both written
  with the array module ``xp`` (NumPy, or a recording of its calls: chainrule.engine.calls)
  in DeZero's manner, ``xp.exp(y, y)``; arrays of any shape, element by element (softmax:
  along ``axis``);
- the formula f(net) and the derivative f′ as the explanation writes them, a small tree of
  tuples (:data:`Formula`) that chainrule.teach.explain turns into its equations; their
  words are the keys ``act.<name>`` and ``deriv.<name>`` of the explanation's language
  file (chainrule/teach/explain/i18n.py, English and Korean);
- its ONNX operator with attributes, its symbol in the matrix form and the graph pictures,
  and the weight initialisation ``auto`` picks for it.

Layers, the planned fast path, the explanation, the pictures, ONNX export, spec
validation, exercises and the choices of the studio and the CLI all read :data:`ACTIVATIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chainrule.engine.calls import XP, constant
from chainrule.engine.tensor import ArrayLike, Node, Tensor
from chainrule.errors import ChainruleError, did_you_mean

# A formula as the explanation writes it: a leaf "net", "out" or "e", a number, or a tuple
# (operator, *arguments) with the operators "+", "-", "·", "juxt" (side by side: out(1 − out)),
# "/" (a fraction), "^" (a power), "neg", "()" (parentheses), "if" (condition, then, else:
# a piecewise value, the condition a tuple ("≥", "net", 0)) and any other name a function
# such as "max", "tanh", "sign", "log", "abs" (written |x|).
Formula = str | float | tuple[Any, ...]

ForwardKernel = Callable[..., np.ndarray]
BackwardKernel = Callable[..., np.ndarray]

_EXP_LIMIT = {"f": 88.0, "e": 11.0}  # float32, float16; float64 uses 709


def _buffer(like: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    return np.empty_like(like) if out is None else out


# -- kernels, forward and backward side by side ------------------------------------------


def sigmoid_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = 1 / (1 + e^(−x)).

    e^(−x) is taken of min(−x, c), c = 709 for float64 and 88 for float32, just inside
    the range of exp: no overflow, and for x < −c, y is a number below the smallest
    normal float (1e−308, 1e−38), where the exact value is smaller still.
    """
    y = _buffer(x, out)
    xp.negative(x, y)
    xp.minimum(y, constant(_EXP_LIMIT.get(y.dtype.char, 709.0), y.dtype), out=y)
    xp.exp(y, y)
    xp.add(y, constant(1.0, y.dtype), y)
    xp.reciprocal(y, y)
    return y


def sigmoid_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · y(1 − y) (the chain-rule slides: the Sigmoid layer keeps its output for
    backward)."""
    d = _buffer(y, out)
    xp.subtract(constant(1.0, y.dtype), y, d)
    xp.multiply(d, y, d)
    xp.multiply(d, g, d)
    return d


def tanh_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = tanh x."""
    y = _buffer(x, out)
    xp.tanh(x, y)
    return y


def tanh_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · (1 − y²)."""
    d = _buffer(y, out)
    xp.multiply(y, y, d)
    xp.subtract(constant(1.0, y.dtype), d, d)
    xp.multiply(d, g, d)
    return d


def relu_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = max(0, x)."""
    y = _buffer(x, out)
    xp.maximum(x, constant(0.0, x.dtype), out=y)
    return y


def relu_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y where x ≥ 0, else 0 (SanghyukChun's rule, which passes the gradient at 0)."""
    d = _buffer(g, out)
    passes = np.empty(x.shape, dtype=bool)  # x ≥ 0
    xp.greater_equal(x, constant(0.0, x.dtype), passes)
    xp.multiply(g, passes, d)
    return d


def abs_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = |x|."""
    y = _buffer(x, out)
    xp.abs(x, y)
    return y


def abs_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · sign(x) (0 at x = 0)."""
    d = _buffer(x, out)
    xp.sign(x, d)
    xp.multiply(d, g, d)
    return d


LEAK = 0.01  # leaky ReLU's slope below 0 (Maas, Hannun and Ng)


def leaky_relu_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = max(0.01·x, x): x where x ≥ 0, 0.01·x below."""
    y = _buffer(x, out)
    xp.multiply(x, constant(LEAK, x.dtype), y)
    xp.maximum(x, y, out=y)
    return y


def leaky_relu_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y where x ≥ 0, else 0.01·∂L/∂y (ReLU's rule at 0: the gradient passes)."""
    d = _buffer(g, out)
    below = np.empty(x.shape, dtype=bool)  # x < 0
    xp.less(x, constant(0.0, x.dtype), below)
    xp.copyto(d, g)
    xp.multiply(g, constant(LEAK, g.dtype), out=d, where=below)
    return d


def softplus_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = log(1 + e^x), computed as max(x, 0) + log(1 + e^(−|x|)): no overflow for large x,
    and no 1 + tiny rounding away e^x for very negative x."""
    y, tail = _buffer(x, out), np.empty_like(x)
    xp.abs(x, tail)
    xp.negative(tail, tail)
    xp.exp(tail, tail)
    xp.log1p(tail, tail)  # log(1 + e^(−|x|))
    xp.maximum(x, constant(0.0, x.dtype), out=y)
    xp.add(y, tail, y)
    return y


def softplus_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · σ(x) = ∂L/∂y / (1 + e^(−x)): softplus′ is the sigmoid."""
    d = sigmoid_forward(x, _buffer(g, out), xp)
    xp.multiply(d, g, d)
    return d


def identity_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = x."""
    if out is None:
        return x
    xp.copyto(out, x)
    return out


def identity_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y."""
    if out is None:
        return g
    xp.copyto(out, g)
    return out


def _reduced(x: np.ndarray, axis: int) -> np.ndarray:
    """A buffer for a reduction of x along ``axis`` that keeps the dimension."""
    shape = list(x.shape)
    shape[axis] = 1
    return np.empty(shape, dtype=x.dtype)


def softmax_forward(
    x: np.ndarray, out: np.ndarray | None = None, xp: XP = np, axis: int = -1
) -> np.ndarray:
    """y_k = e^(x_k − max x) / Σ_j e^(x_j − max x) (shifted by the max, so no overflow)."""
    y, peak, total = _buffer(x, out), _reduced(x, axis), _reduced(x, axis)
    xp.maximum.reduce(x, axis, None, peak, True)
    xp.subtract(x, peak, y)
    xp.exp(y, y)
    xp.add.reduce(y, axis, None, total, True)
    xp.divide(y, total, y)
    return y


def softmax_backward(g, x, y, out=None, xp: XP = np, axis: int = -1) -> np.ndarray:
    """∂L/∂x = y ⊙ (∂L/∂y − Σ_k ∂L/∂y_k · y_k)."""
    d, total = _buffer(y, out), _reduced(y, axis)
    xp.multiply(g, y, d)
    xp.add.reduce(d, axis, None, total, True)
    xp.subtract(g, total, d)
    xp.multiply(d, y, d)
    return d


# -- the record ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Activation:
    """One activation function: its kernels, its formulas, its operator and its symbol.

    ``formula`` is out = f(net) and ``derivative`` ∂out/∂net in terms of out and net, as
    the explanation writes them (None for softmax, whose out depends on the whole layer);
    ``onnx`` the operator and its attributes (None: no node, the identity), ``torch`` the
    torch.nn module and its arguments for the PyTorch bridge (likewise); ``symbol`` the
    name in the matrix form, plain and LaTeX, and ``derivative_symbol`` that of f′
    (default: the symbol with a prime); ``label`` its node's circle in the graph pictures
    (default: the name); ``init`` what initialisation ``auto`` draws;
    ``kink`` whether f′ jumps at net = 0 (exercises keep their nets away from it).
    """

    name: str
    forward: ForwardKernel
    backward: BackwardKernel
    formula: Formula | None
    derivative: Formula | None
    onnx: tuple[str, dict[str, Any]] | None
    torch: tuple[str, dict[str, Any]] | None
    symbol: tuple[str, str]
    derivative_symbol: tuple[str, str] | None = None
    label: str | None = None  # the node's circle in the graph pictures (default: the name)
    init: str = "xavier"
    kink: bool = False
    options: dict[str, Any] = field(default_factory=dict)  # keyword arguments of the kernels

    @property
    def elementwise(self) -> bool:
        """Whether out_j depends on net_j alone (all but softmax)."""
        return self.formula is not None

    @property
    def prime(self) -> tuple[str, str]:
        """f′'s symbol, plain and LaTeX: σ′, \\sigma'."""
        if self.derivative_symbol is not None:
            return self.derivative_symbol
        return f"{self.symbol[0]}′", f"{self.symbol[1]}'"

    def __call__(self, net: ArrayLike, **options: Any) -> Tensor:
        """out = f(net) as a node of the graph (the identity gives net itself)."""
        if self.forward is identity_forward:
            return net if isinstance(net, Tensor) else Tensor(net)
        return ActivationNode(self, **options)(net)

    def derivative_values(self, net: np.ndarray, out: np.ndarray) -> np.ndarray:
        """f′(net) element by element: the backward kernel with ∂L/∂out = 1."""
        net, out = np.asarray(net), np.asarray(out)
        return self.backward(np.ones_like(out), net, out, **self.options)


class ActivationNode(Node):
    """out = f(net) for an :class:`Activation` record; ∂L/∂net = its backward kernel of
    ∂L/∂out, net and out (any shape; softmax along ``axis``)."""

    def __init__(self, record: Activation, **options: Any) -> None:
        self.record, self.op = record, record.name
        self.options = {**record.options, **options}

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        self.y = self.record.forward(x, **self.options)
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (self.record.backward(gy, self.x, self.y, **self.options),)

    def __repr__(self) -> str:
        return f"ActivationNode({self.op!r})"


def _record(*records: Activation) -> dict[str, Activation]:
    return {r.name: r for r in records}


SIGMOID_FORMULA: Formula = ("/", 1, ("+", 1, ("^", "e", ("neg", "net"))))

ACTIVATIONS: dict[str, Activation] = _record(
    Activation(
        "sigmoid",
        sigmoid_forward,
        sigmoid_backward,
        formula=SIGMOID_FORMULA,  # Mazur's example: out = 1/(1 + e^(−net))
        derivative=("juxt", "out", ("()", ("-", 1, "out"))),  # out(1 − out)
        onnx=("Sigmoid", {}),
        torch=("Sigmoid", {}),
        symbol=("σ", r"\sigma"),
    ),
    Activation(
        "tanh",
        tanh_forward,
        tanh_backward,
        formula=("tanh", "net"),
        derivative=("-", 1, ("^", "out", 2)),  # 1 − out²
        onnx=("Tanh", {}),
        torch=("Tanh", {}),
        symbol=("tanh", r"\tanh"),
    ),
    Activation(
        "relu",
        relu_forward,
        relu_backward,
        formula=("max", 0, "net"),
        derivative=("if", ("≥", "net", 0), 1, 0),
        onnx=("Relu", {}),
        torch=("ReLU", {}),
        symbol=("ReLU", r"\operatorname{ReLU}"),
        label="ReLU",
        init="he",
        kink=True,
    ),
    Activation(
        "abs",
        abs_forward,
        abs_backward,
        formula=("abs", "net"),
        derivative=("sign", "net"),
        onnx=("Abs", {}),
        torch=("Abs", {}),
        symbol=("abs", r"\operatorname{abs}"),
        derivative_symbol=("sign", r"\operatorname{sign}"),
        label="|x|",
        init="he",
        kink=True,
    ),
    Activation(
        "leaky_relu",
        leaky_relu_forward,
        leaky_relu_backward,
        formula=("max", ("·", LEAK, "net"), "net"),
        derivative=("if", ("≥", "net", 0), 1, LEAK),
        onnx=("LeakyRelu", {"alpha": LEAK}),
        torch=("LeakyReLU", {"negative_slope": LEAK}),
        symbol=("LReLU", r"\operatorname{LReLU}"),
        label="leaky ReLU",
        init="he",
        kink=True,
    ),
    Activation(
        "softplus",
        softplus_forward,
        softplus_backward,
        formula=("log", ("+", 1, ("^", "e", "net"))),
        derivative=SIGMOID_FORMULA,  # 1/(1 + e^(−net))
        onnx=("Softplus", {}),
        torch=("Softplus", {"beta": 1.0}),
        symbol=("softplus", r"\operatorname{softplus}"),
        init="he",
    ),
    Activation(
        "identity",
        identity_forward,
        identity_backward,
        formula="net",
        derivative=1,
        onnx=None,
        torch=None,
        symbol=("id", r"\operatorname{id}"),
    ),
    Activation(
        "softmax",
        softmax_forward,
        softmax_backward,
        formula=None,  # out_j = e^net_j / Σ_k e^net_k, over the layer
        derivative=None,  # ∂out_k/∂net_j = out_k(δ_kj − out_j)
        onnx=("Softmax", {"axis": 1}),
        torch=("Softmax", {"dim": 1}),
        symbol=("softmax", r"\operatorname{softmax}"),
    ),
)


# The planned fast path's view of the kernels: name → (forward, backward).
KERNELS = {name: (record.forward, record.backward) for name, record in ACTIVATIONS.items()}


def get_activation(name: str) -> Activation:
    """The activation called ``name``, or a :class:`ChainruleError` listing the known ones."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(ACTIVATIONS)
        raise ChainruleError(
            f"unknown activation {name!r}: expected one of {known}{did_you_mean(name, ACTIVATIONS)}"
        ) from None


def elementwise_names() -> tuple[str, ...]:
    """The activations of a hidden layer: all whose out_j depends on net_j alone."""
    return tuple(name for name, record in ACTIVATIONS.items() if record.elementwise)


def sigmoid(x: ArrayLike) -> Tensor:
    return ACTIVATIONS["sigmoid"](x)


def tanh(x: ArrayLike) -> Tensor:
    return ACTIVATIONS["tanh"](x)


def relu(x: ArrayLike) -> Tensor:
    return ACTIVATIONS["relu"](x)


def abs(x: ArrayLike) -> Tensor:
    return ACTIVATIONS["abs"](x)


def softmax(x: ArrayLike, axis: int = -1) -> Tensor:
    return ACTIVATIONS["softmax"](x, axis=axis)
