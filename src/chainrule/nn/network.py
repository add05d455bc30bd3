"""A feed-forward network: a sequence of Dense layers and a loss (SanghyukChun's introduction:
edges only
between adjacent layers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from chainrule.engine.flat import pack
from chainrule.engine.tensor import Tensor, no_grad
from chainrule.errors import ChainruleError
from chainrule.nn.dense import Dense
from chainrule.nn.losses import check_loss, compute_loss
from chainrule.util.arrays import samples, whole
from chainrule.util.arrays import sizes as arg_sizes
from chainrule.util.limits import check_parameters


class Network:
    """Layers applied in order, then a loss.

    >>> net = Network.from_sizes([2, 4, 1], activation="tanh", output_activation="sigmoid", seed=0)
    >>> net.predict([[0.0, 1.0]]).shape
    (1, 1)
    """

    def __init__(self, layers: Sequence[Dense], loss: str = "half_sse") -> None:
        if not layers:
            raise ChainruleError("a network needs at least one layer")
        for k in range(1, len(layers)):
            if layers[k].input_size != layers[k - 1].units:
                raise ChainruleError(
                    f"layer {k + 1} takes {layers[k].input_size} inputs, expected "
                    f"{layers[k - 1].units} (the units of layer {k})"
                )
        self.layers = list(layers)
        check_loss(loss, self.layers[-1].activation)
        self.loss_name = loss
        self._pack()

    def _pack(self) -> None:
        """Keep every parameter's values in one array: the weights layer by layer, then the
        biases (so the weights alone are one stretch too). An optimizer can then update all
        of them in one operation (see :mod:`chainrule.engine.flat`); the values do not change, but
        each parameter's ``.data`` is a new array (a view of that one), so an array taken
        from a layer before it joined the network no longer follows the parameter."""
        params = [lay.weights for lay in self.layers]
        params += [lay.biases for lay in self.layers if lay.biases is not None]
        if len({p.data.dtype for p in params}) == 1:
            for p, view in zip(params, pack([p.data for p in params]), strict=True):
                p.data = view

    @classmethod
    def from_sizes(
        cls,
        sizes: Sequence[int],
        activation: str = "sigmoid",
        output_activation: str | None = None,
        loss: str = "half_sse",
        bias: str = "per_neuron",
        init: str = "auto",
        seed: int | None = 0,
        dtype: Any = np.float64,
    ) -> Network:
        """Layers of the given sizes, input first: ``[2, 4, 1]`` is a 2-4-1 network."""
        sizes = [whole("layer size", s, 1) for s in arg_sizes(sizes, "layer sizes")]
        if len(sizes) < 2:
            raise ChainruleError(
                f"layer sizes {list(sizes)}: expected the input size and at least one layer"
            )
        if any(int(s) < 1 for s in sizes):
            raise ChainruleError(f"layer sizes {list(sizes)}: expected positive integers")
        check_parameters(sizes, np.dtype(dtype).itemsize)
        rng = np.random.default_rng(seed)
        output_activation = output_activation or activation
        layers = []
        for k in range(1, len(sizes)):
            act = output_activation if k == len(sizes) - 1 else activation
            layers.append(Dense(sizes[k - 1], sizes[k], act, bias, init=init, rng=rng, dtype=dtype))
        return cls(layers, loss)

    # -- facts ------------------------------------------------------------------------------
    @property
    def input_size(self) -> int:
        return self.layers[0].input_size

    @property
    def output_size(self) -> int:
        return self.layers[-1].units

    @property
    def dtype(self) -> np.dtype:
        return self.layers[0].weights.dtype

    def named_parameters(self) -> list[tuple[str, Tensor]]:
        """("layer1.weights", W), ("layer1.biases", b), … -- layers counted from 1."""
        named = []
        for k, layer in enumerate(self.layers, start=1):
            named.append((f"layer{k}.weights", layer.weights))
            if layer.biases is not None:
                named.append((f"layer{k}.biases", layer.biases))
        return named

    def parameters(self, biases: bool = True) -> list[Tensor]:
        """W1, b1, W2, b2, … (the order of :meth:`named_parameters`); only the weights
        when ``biases`` is false."""
        params = []
        for layer in self.layers:
            params.append(layer.weights)
            if biases and layer.biases is not None:
                params.append(layer.biases)
        return params

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.zero_grad()

    # -- passes -------------------------------------------------------------------------------
    def check_batch(self, x: np.ndarray, targets: np.ndarray | None = None) -> None:
        """Raise a :class:`ChainruleError` unless x is samples × inputs (and targets
        samples × outputs)."""
        if x.ndim != 2 or x.shape[1] != self.input_size:
            raise ChainruleError(
                f"inputs have shape {'×'.join(map(str, x.shape))}, "
                f"expected samples×{self.input_size}"
            )
        if targets is not None and targets.shape != (len(x), self.output_size):
            raise ChainruleError(
                f"targets have shape {'×'.join(map(str, targets.shape))}, expected "
                f"{len(x)}×{self.output_size} (samples × outputs)"
            )

    def forward(self, x: Any) -> Tensor:
        """out of the last layer for inputs ``x`` (samples × inputs)."""
        h = (
            x
            if isinstance(x, Tensor)
            else Tensor(np.asarray(x, dtype=self.dtype), requires_grad=False)
        )
        self.check_batch(h.data)
        for layer in self.layers:
            h = layer(h)
        return h

    __call__ = forward

    def loss(self, x: Any, targets: Any) -> Tensor:
        """E on a batch: forward, then the network's loss against ``targets``."""
        return self.outputs_and_loss(x, targets)[1]

    def outputs_and_loss(self, x: Any, targets: Any) -> tuple[Tensor, Tensor]:
        """(out of the last layer, E) on a batch."""
        out = self.forward(x)
        t = np.asarray(targets, dtype=self.dtype)
        if t.shape != out.shape:
            raise ChainruleError(
                f"targets have shape {'×'.join(map(str, t.shape))}, expected "
                f"{'×'.join(map(str, out.shape))} (samples × outputs)"
            )
        last = self.layers[-1]
        assert last.net is not None
        return out, compute_loss(self.loss_name, out, last.net, t)

    def predict(self, x: Any) -> np.ndarray:
        """The outputs for ``x``, without recording a graph."""
        if not isinstance(x, Tensor):
            x = samples(x, "inputs")
        with no_grad():
            return self.forward(x).data

    def copy(self, dtype: Any = None) -> Network:
        """An independent copy with the same weights (converted to ``dtype`` if given)."""
        dtype = self.dtype if dtype is None else dtype
        layers = [
            Dense(
                lay.input_size,
                lay.units,
                lay.activation,
                lay.bias,
                weights=lay.weights.data.copy(),
                biases=None if lay.biases is None else lay.biases.data.copy(),
                dtype=dtype,
            )
            for lay in self.layers
        ]
        return Network(layers, self.loss_name)

    def __repr__(self) -> str:
        sizes = "-".join(str(n) for n in [self.input_size] + [lay.units for lay in self.layers])
        return f"Network({sizes}, loss={self.loss_name!r})"
