"""PyTorch both ways: a chainrule model as a ``torch.nn.Sequential``, and a PyTorch MLP back
as a chainrule :class:`~chainrule.nn.Network` that can be explained step by step.

>>> from chainrule.io.torch import to_torch, from_torch
>>> module = to_torch(model)                # Classifier, Regressor or Network
>>> network = from_torch(module_trained_elsewhere, loss=torch.nn.CrossEntropyLoss())
>>> chainrule.explain(network, inputs=x[:4], targets=t[:4])

``to_torch`` writes the forward pass in JongSeobJ's matrix form, one module per step:

    Standardize     x' = (x − offset) / scale     a model's input scaling (float64, then
                                                  the dtype, as chainrule computes it)
    Linear          net_k = out_{k−1}·W_kᵀ + b_k  ``weight`` is chainrule's W_k (units ×
                                                  inputs); a layer without a bias has none;
    SharedBiasLinear                              a layer with one shared bias (Mazur's b1,
                                                  b2) keeps that one number, broadcast
    Sigmoid | Tanh | ReLU | Abs | Softmax(dim=1)  out_k = f(net_k), the module the activation's
                                                  record names; identity adds nothing
    Unstandardize   y = out·scale + offset        a Regressor's target scaling

so its outputs equal chainrule's (``predict_proba`` of a Classifier, ``predict`` of a
Regressor, ``predict`` of a Network). ``from_torch`` reads a ``Sequential`` of ``Linear``
(or ``SharedBiasLinear``) modules, each followed by at most one supported activation, and
a loss: a chainrule loss name, or PyTorch's ``CrossEntropyLoss`` (on logits: the last
layer becomes softmax with chainrule's cross_entropy, E = (1/N) Σ −Σ t log out, the same
number), ``MSELoss`` (mse), ``BCEWithLogitsLoss`` and ``BCELoss`` (binary cross-entropy,
one output), all with ``reduction="mean"``. ``update_from_torch`` copies the weights of a
module made by ``to_torch`` (and trained in PyTorch) back into the chainrule model.

Needs PyTorch: ``pip install "chainrule[torch]"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

try:
    import torch
    from torch import nn
except ImportError as exc:  # pragma: no cover - exercised in a process without PyTorch
    raise ImportError(
        'chainrule.io.torch needs PyTorch: pip install "chainrule[torch]"', name=exc.name
    ) from None

from chainrule.data.preprocessing import Scaler
from chainrule.errors import ChainruleError
from chainrule.nn import Dense, Network
from chainrule.nn.activations import ACTIVATIONS
from chainrule.training.classifier import Classifier
from chainrule.training.regressor import Regressor

TORCH_DTYPES = {np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64}


class Abs(nn.Module):
    """out = |net| (the absolute-value activation of SanghyukChun's introduction);
    ∂out/∂net = sign(net)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.abs(x)


# Activation modules of this bridge that torch.nn lacks, by the name a record gives.
OWN_MODULES: dict[str, type[nn.Module]] = {"Abs": Abs}


class SharedBiasLinear(nn.Module):
    """net = x·Wᵀ + b with one bias b for every neuron (``weight``: out × in, ``bias``: (1,))."""

    def __init__(self, in_features: int, out_features: int, dtype: torch.dtype) -> None:
        super().__init__()
        self.in_features, self.out_features = in_features, out_features
        self.weight = nn.Parameter(torch.zeros(out_features, in_features, dtype=dtype))
        self.bias = nn.Parameter(torch.zeros(1, dtype=dtype))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x @ self.weight.T + self.bias

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, shared bias"


class Standardize(nn.Module):
    """x' = (x − offset) / scale in float64, then in ``dtype`` (a model's input scaling)."""

    def __init__(self, offset: np.ndarray, scale: np.ndarray, dtype: torch.dtype) -> None:
        super().__init__()
        self.register_buffer("offset", torch.as_tensor(np.asarray(offset, np.float64)))
        self.register_buffer("scale", torch.as_tensor(np.asarray(scale, np.float64)))
        self.dtype = dtype

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return ((x.to(torch.float64) - self.offset) / self.scale).to(self.dtype)


class Unstandardize(nn.Module):
    """y = out·scale + offset in float64 (a Regressor's targets back in their units)."""

    def __init__(self, offset: np.ndarray, scale: np.ndarray) -> None:
        super().__init__()
        self.register_buffer("offset", torch.as_tensor(np.asarray(offset, np.float64)))
        self.register_buffer("scale", torch.as_tensor(np.asarray(scale, np.float64)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.float64) * self.scale + self.offset


def _activation(name: str) -> nn.Module | None:
    """The module of the activation's record (None: the identity adds nothing)."""
    form = ACTIVATIONS[name].torch
    if form is None:
        return None
    module, options = form
    return OWN_MODULES.get(module, getattr(nn, module, None))(**options)


def _parts(source: Any) -> tuple[Network, Scaler | None, Scaler | None]:
    if isinstance(source, Network):
        return source, None, None
    if isinstance(source, Classifier):
        if source.network is None or source.scaler is None:
            raise ChainruleError("the model is not trained yet: call fit first")
        targets = source.target_scaler if isinstance(source, Regressor) else None
        return source.network, source.scaler, targets
    raise ChainruleError(
        f"cannot convert a {type(source).__name__}: expected a Classifier, Regressor or Network"
    )


def to_torch(source: Classifier | Network, dtype: Any = None) -> nn.Sequential:
    """The ``torch.nn.Sequential`` computing what ``source`` computes (see the module's
    docstring), with copies of its weights as parameters, in ``dtype`` (default the
    model's own)."""
    network, scaler, targets = _parts(source)
    np_dtype = np.dtype(network.dtype if dtype is None else dtype)
    if np_dtype not in TORCH_DTYPES:
        raise ChainruleError(f"dtype {np_dtype}: expected float32 or float64")
    tdtype = TORCH_DTYPES[np_dtype]
    modules: list[nn.Module] = []
    if scaler is not None and scaler.kind != "none":
        modules.append(Standardize(scaler.offset, scaler.scale, tdtype))
    for layer in network.layers:
        linear: nn.Module
        if layer.bias == "shared":
            linear = SharedBiasLinear(layer.input_size, layer.units, tdtype)
        else:
            linear = nn.Linear(
                layer.input_size, layer.units, bias=layer.bias == "per_neuron", dtype=tdtype
            )
        with torch.no_grad():
            linear.weight.copy_(torch.as_tensor(layer.weights.data))
            if layer.biases is not None:
                linear.bias.copy_(torch.as_tensor(layer.biases.data))
        modules.append(linear)
        act = _activation(layer.activation)
        if act is not None:
            modules.append(act)
    if targets is not None:
        modules.append(Unstandardize(targets.offset, targets.scale))
    return nn.Sequential(*modules)


# -- PyTorch → chainrule -------------------------------------------------------------------
# torch.nn module class → the activation record that names it (nn.Identity: the identity)
ACTIVATION_MODULES: dict[type, str] = {nn.Identity: "identity"}
for _name, _record in ACTIVATIONS.items():
    if _record.torch is not None:
        _module = _record.torch[0]
        ACTIVATION_MODULES[OWN_MODULES.get(_module, getattr(nn, _module, None))] = _name
SUPPORTED = (
    "Linear, SharedBiasLinear, "
    + ", ".join(
        f"{r.torch[0]}(dim=1)" if name == "softmax" else r.torch[0]
        for name, r in ACTIVATIONS.items()
        if r.torch is not None
    )
    + ", Identity"
)


def _options_match(child: nn.Module, name: str, where: str) -> None:
    """A module's arguments as the record's (LeakyReLU's slope), or a ChainruleError."""
    form = ACTIVATIONS[name].torch
    options = {} if form is None or name == "softmax" else form[1]
    for key, value in options.items():
        if getattr(child, key, value) != value:
            raise ChainruleError(
                f"{where}: {key}={getattr(child, key)!r} is not supported, expected {value!r}"
            )


def _layers_of(module: Any) -> list[tuple[nn.Module, str]]:
    """(linear module, activation name) per layer, or a ChainruleError naming what is not
    supported and where."""
    if not isinstance(module, nn.Sequential):
        raise ChainruleError(
            f"cannot read a {type(module).__name__}: expected a torch.nn.Sequential of {SUPPORTED}"
        )
    layers: list[tuple[nn.Module, str]] = []
    previous = None
    for position, child in enumerate(module):
        where = f"module {position} ({child!r})"
        if isinstance(child, (nn.Linear, SharedBiasLinear)):
            layers.append((child, "identity"))
            previous = "linear"
        elif type(child) in ACTIVATION_MODULES:
            name = ACTIVATION_MODULES[type(child)]
            if name == "identity":
                continue
            _options_match(child, name, where)
            if previous != "linear":
                raise ChainruleError(
                    f"{where}: an activation must follow a Linear layer, expected one per layer"
                )
            if name == "softmax" and (child.dim not in (1, -1) or position != len(module) - 1):
                raise ChainruleError(
                    f"{where}: softmax is supported over dim=1 of the last layer only"
                )
            layers[-1] = (layers[-1][0], name)
            previous = "activation"
        elif isinstance(child, (Standardize, Unstandardize)):
            raise ChainruleError(
                f"{where}: a chainrule model's scaling has no place in a Network; copy the "
                "weights back with update_from_torch(model, module) instead"
            )
        else:
            raise ChainruleError(
                f"{where}: the layer {type(child).__name__} is not supported, expected {SUPPORTED}"
            )
    if not layers:
        raise ChainruleError(f"an empty network: expected a torch.nn.Sequential of {SUPPORTED}")
    return layers


def _loss(loss: Any, layers: list[tuple[nn.Module, str]]) -> str:
    """The chainrule loss for ``loss``; the last layer's activation may change to fit it."""
    last_linear, last_act = layers[-1]
    if loss is None or isinstance(loss, str):
        name = loss or ("cross_entropy" if last_act == "softmax" else "mse")
        return name
    reduction = getattr(loss, "reduction", "mean")
    if reduction != "mean":
        raise ChainruleError(f"{loss!r} with reduction={reduction!r}: expected 'mean'")
    outputs = last_linear.out_features
    if isinstance(loss, nn.CrossEntropyLoss):
        if last_act != "identity":
            raise ChainruleError(
                f"CrossEntropyLoss after a {last_act} layer: expected logits (a Linear last)"
            )
        layers[-1] = (last_linear, "softmax")
        return "cross_entropy"
    if isinstance(loss, (nn.BCEWithLogitsLoss, nn.BCELoss)):
        wanted = "identity" if isinstance(loss, nn.BCEWithLogitsLoss) else "sigmoid"
        if last_act != wanted or outputs != 1:
            raise ChainruleError(
                f"{type(loss).__name__} after {outputs} {last_act} outputs: expected one "
                f"{wanted} output"
            )
        layers[-1] = (last_linear, "sigmoid")
        return "binary_cross_entropy"
    if isinstance(loss, nn.MSELoss):
        return "mse"
    raise ChainruleError(
        f"the loss {type(loss).__name__} is not supported: expected CrossEntropyLoss, MSELoss, "
        "BCEWithLogitsLoss, BCELoss or a chainrule loss name"
    )


def from_torch(module: Any, loss: Any = None) -> Network:
    """The chainrule :class:`Network` of a PyTorch ``Sequential`` MLP, with copies of its
    weights (in their dtype, float32 or float64) and the loss it was trained with (see the
    module's docstring). Its ``loss(x, t).backward()`` gives the gradients autograd gives."""
    layers = _layers_of(module)
    name = _loss(loss, layers)
    dense: list[Dense] = []
    for linear, activation in layers:
        weights = linear.weight.detach().cpu().numpy()
        if weights.dtype not in (np.float32, np.float64):
            raise ChainruleError(f"{linear!r} holds {weights.dtype}: expected float32 or float64")
        bias = linear.bias
        if isinstance(linear, SharedBiasLinear):
            mode = "shared"
        else:
            mode = "none" if bias is None else "per_neuron"
        dense.append(
            Dense(
                linear.in_features,
                linear.out_features,
                activation,
                mode,
                weights=weights.copy(),
                biases=None if bias is None else bias.detach().cpu().numpy().copy(),
                dtype=weights.dtype,
            )
        )
    return Network(dense, name)


def linear_modules(module: Iterable[nn.Module]) -> list[nn.Module]:
    """The Linear and SharedBiasLinear modules of ``module``, in order."""
    return [m for m in module if isinstance(m, (nn.Linear, SharedBiasLinear))]


def update_from_torch(model: Classifier | Network, module: nn.Module) -> Classifier | Network:
    """Copy the weights of ``module`` (made by :func:`to_torch` from ``model``, then trained
    in PyTorch) back into ``model``; returns ``model``. Shapes must match layer by layer."""
    network, _, _ = _parts(model)
    linears = linear_modules(module.module if hasattr(module, "module") else module)
    if len(linears) != len(network.layers):
        raise ChainruleError(
            f"the module has {len(linears)} linear layers, expected {len(network.layers)}"
        )
    for k, (layer, linear) in enumerate(zip(network.layers, linears, strict=True), start=1):
        pairs = [(layer.weights, linear.weight)]
        if layer.biases is not None:
            pairs.append((layer.biases, linear.bias))
        for mine, theirs in pairs:
            value = None if theirs is None else theirs.detach().cpu().numpy()
            if value is None or value.shape != mine.data.shape:
                shape = None if value is None else list(value.shape)
                raise ChainruleError(
                    f"layer {k}: the module's {mine.name} has shape {shape}, expected "
                    f"{list(mine.data.shape)}"
                )
            mine.data[...] = value
    return model
