"""chainrule.io.torch: chainrule → PyTorch → chainrule with equal outputs and gradients, and a
PyTorch-trained MLP explained with autograd's numbers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import FEW

torch = pytest.importorskip("torch")

import chainrule as cr  # noqa: E402
import chainrule.io.torch as ct  # noqa: E402
from chainrule.training.regressor import Regressor  # noqa: E402

ACTIVATIONS = ("sigmoid", "tanh", "relu", "abs", "identity")
BIASES = ("per_neuron", "shared", "none")


def torch_loss(name: str, out, t):
    """chainrule's losses written in PyTorch on the module's outputs (see chainrule.nn.losses)."""
    if name == "mse":
        return torch.nn.functional.mse_loss(out, t)
    if name == "half_sse":
        return (0.5 * (t - out) ** 2).sum(dim=1).mean()
    return -(t * torch.log(out)).sum(dim=1).mean()  # cross_entropy on softmax outputs


@st.composite
def networks(draw):
    sizes = draw(st.lists(st.integers(1, 5), min_size=2, max_size=4))
    hidden = draw(st.sampled_from(ACTIVATIONS))
    output = draw(st.sampled_from((*ACTIVATIONS, "softmax")))
    loss = "cross_entropy" if output == "softmax" else draw(st.sampled_from(("mse", "half_sse")))
    network = cr.Network.from_sizes(
        sizes,
        activation=hidden,
        output_activation=output,
        loss=loss,
        bias=draw(st.sampled_from(BIASES)),
        seed=draw(st.integers(0, 1000)),
        dtype=np.float64,
    )
    rng = np.random.default_rng(draw(st.integers(0, 1000)))
    for layer in network.layers:  # nonzero biases, so that a lost bias would show
        if layer.biases is not None:
            layer.biases.data[...] = rng.normal(size=layer.biases.data.shape)
    x = rng.normal(size=(draw(st.integers(1, 6)), sizes[0]))
    t = rng.random((len(x), sizes[-1]))
    if loss == "cross_entropy":
        t = np.eye(sizes[-1])[rng.integers(0, sizes[-1], len(x))]
    return network, x, t


def chainrule_gradients(network: cr.Network, x, t) -> list[np.ndarray]:
    network.zero_grad()
    network.loss(x, t).backward()
    return [p.grad.copy() for p in network.parameters()]


@FEW
@given(networks())
def test_round_trip_keeps_outputs_and_gradients(case) -> None:
    check_round_trip(*case)


@pytest.mark.parametrize("bias", BIASES)
@pytest.mark.parametrize("output", [*ACTIVATIONS, "softmax"])
def test_round_trip_of_every_activation_and_bias_mode(output: str, bias: str) -> None:
    loss = "cross_entropy" if output == "softmax" else "half_sse"
    rng = np.random.default_rng(7)
    for hidden in ACTIVATIONS:
        network = cr.Network.from_sizes(
            [3, 4, 3], activation=hidden, output_activation=output, loss=loss, bias=bias, seed=2
        )
        for layer in network.layers:
            if layer.biases is not None:
                layer.biases.data[...] = rng.normal(size=layer.biases.data.shape)
        x = rng.normal(size=(5, 3))
        check_round_trip(network, x, np.eye(3)[[0, 1, 2, 1, 0]])


def check_round_trip(network: cr.Network, x: np.ndarray, t: np.ndarray) -> None:
    """chainrule → PyTorch → chainrule: equal outputs, and chainrule's gradients on the
    network brought back equal autograd's on the module."""
    module = ct.to_torch(network)
    # outputs: float64 within 1e-12, float32 within 1e-6
    out = module(torch.as_tensor(x))
    np.testing.assert_allclose(out.detach().numpy(), network.predict(x), rtol=0, atol=1e-12)
    out32 = ct.to_torch(network, dtype=np.float32)(torch.as_tensor(x, dtype=torch.float32))
    np.testing.assert_allclose(out32.detach().numpy(), network.predict(x), rtol=0, atol=1e-6)
    # gradients: autograd's on the module, chainrule's on the network brought back
    torch_loss(network.loss_name, out, torch.as_tensor(t)).backward()
    autograd = [p.grad.numpy() for p in module.parameters()]
    back = ct.from_torch(module, loss=network.loss_name)
    assert [layer.config() for layer in back.layers] == [lay.config() for lay in network.layers]
    np.testing.assert_array_equal(back.predict(x), network.predict(x))
    mine = chainrule_gradients(back, x, t)
    assert len(mine) == len(autograd)
    for a, b in zip(mine, autograd, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


def test_a_shared_bias_stays_one_parameter() -> None:
    network = cr.mazur_spec().network
    module = ct.to_torch(network)
    shared = [m for m in module if isinstance(m, ct.SharedBiasLinear)]
    assert len(shared) == 2 and [tuple(m.bias.shape) for m in shared] == [(1,), (1,)]
    assert [m.bias.item() for m in shared] == [0.35, 0.60]  # Mazur's b1, b2


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_models_with_scaling_give_chainrules_outputs(dtype: str) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(50, 20, size=(200, 3))
    y = (x[:, 0] > 50).astype(int)
    tol = 1e-12 if dtype == "float64" else 1e-6
    model = cr.Classifier(hidden=[8], scaling="standardize", dtype=dtype)
    model.fit(x, y, epochs=3)
    out = ct.to_torch(model)(torch.as_tensor(x, dtype=getattr(torch, dtype)))
    np.testing.assert_allclose(out.detach().numpy(), model.predict_proba(x), rtol=0, atol=tol)
    reg = Regressor(hidden=[8], dtype=dtype)
    reg.fit(x, x[:, 1] * 3 + 7, epochs=3)
    values = ct.to_torch(reg)(torch.as_tensor(x, dtype=getattr(torch, dtype)))
    scale = np.abs(reg.predict(x)).max()
    np.testing.assert_allclose(values.detach().numpy()[:, 0], reg.predict(x), atol=tol * scale)


def trained_in_torch() -> tuple[torch.nn.Sequential, np.ndarray, np.ndarray]:
    """A 2-4-3 tanh MLP trained by PyTorch alone (SGD on CrossEntropyLoss) on gaussians."""
    x, y = cr.data.make_toy("gaussians", samples=150, noise=0.1, seed=0, classes=3)
    torch.manual_seed(0)
    module = torch.nn.Sequential(
        torch.nn.Linear(2, 4, dtype=torch.float64),
        torch.nn.Tanh(),
        torch.nn.Linear(4, 3, dtype=torch.float64),
    )
    opt = torch.optim.SGD(module.parameters(), lr=0.3)
    for _ in range(60):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(module(torch.as_tensor(x)), torch.as_tensor(y)).backward()
        opt.step()
    return module, x, y


def test_a_pytorch_trained_mlp_explained_with_autograds_numbers(tmp_path: Path) -> None:
    module, x, y = trained_in_torch()
    network = ct.from_torch(module, loss=torch.nn.CrossEntropyLoss())
    assert network.layers[-1].activation == "softmax" and network.loss_name == "cross_entropy"
    xs, labels = x[:3], y[:3]
    targets = np.eye(3)[labels]
    explanation = cr.explain(network, inputs=xs, targets=targets, learning_rate=0.1)
    trace = explanation.trace
    # autograd on the same samples: net and out per layer, E, the deltas, the gradients
    module.zero_grad()
    xt = torch.as_tensor(xs)
    net1 = module[0](xt)
    net1.retain_grad()
    out1 = module[1](net1)
    net2 = module[2](out1)
    net2.retain_grad()
    loss = torch.nn.functional.cross_entropy(net2, torch.as_tensor(labels))
    loss.backward()
    assert trace.loss == pytest.approx(loss.item(), rel=1e-12)
    layers = trace.layers
    tol = {"rtol": 1e-10, "atol": 1e-12}
    np.testing.assert_allclose(layers[0].net, net1.detach().numpy(), **tol)
    np.testing.assert_allclose(layers[0].out, out1.detach().numpy(), **tol)
    np.testing.assert_allclose(layers[1].out, torch.softmax(net2, 1).detach().numpy(), **tol)
    np.testing.assert_allclose(layers[0].delta, 3 * net1.grad.numpy(), **tol)  # δ_n = ∂E_n/∂net
    np.testing.assert_allclose(layers[1].delta, 3 * net2.grad.numpy(), **tol)
    for step, linear in zip(layers, (module[0], module[2]), strict=True):
        np.testing.assert_allclose(step.grad_weights, linear.weight.grad.numpy(), **tol)
        np.testing.assert_allclose(step.grad_biases, linear.bias.grad.numpy(), **tol)
        after = linear.weight.detach().numpy() - 0.1 * linear.weight.grad.numpy()
        np.testing.assert_allclose(step.weights_after, after, **tol)
    # the text shows E_total as the number autograd gives, rounded to its digits
    assert f"{loss.item():.9f}" in str(explanation)
    # evaluate, graph and export take the network too
    onehot = np.eye(3)[y]
    assert cr.accuracy(network, x, onehot) > 0.9
    assert cr.evaluate_loss(network, x, onehot) == pytest.approx(
        torch.nn.functional.cross_entropy(module(torch.as_tensor(x)), torch.as_tensor(y)).item()
    )
    assert "w1" in cr.draw_network(network, xs, targets, level="scalar").dot
    pytest.importorskip("onnx")
    from chainrule.io.onnx import export_onnx

    export_onnx(network, tmp_path / "m.onnx")
    assert (tmp_path / "m.onnx").stat().st_size > 100


def test_update_from_torch_brings_pytorch_training_back() -> None:
    x, y = cr.data.make_toy("moons", samples=200, noise=0.1, seed=0)
    model = cr.Classifier(hidden=[8], dtype="float64", scaling="standardize")
    model.fit(x, y, epochs=1)
    module = ct.to_torch(model)
    opt = torch.optim.Adam(module.parameters(), lr=0.05)
    for _ in range(30):
        opt.zero_grad()
        out = module(torch.as_tensor(x))
        torch.nn.functional.nll_loss(torch.log(out), torch.as_tensor(y)).backward()
        opt.step()
    before = model.score(x, y)
    ct.update_from_torch(model, module)
    np.testing.assert_allclose(
        model.predict_proba(x), module(torch.as_tensor(x)).detach().numpy(), atol=1e-12
    )
    assert model.score(x, y) > before


@pytest.mark.parametrize(
    ("module", "message"),
    [
        (lambda: torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Dropout(0.1)), "Dropout"),
        (lambda: torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.GELU()), "GELU"),
        (lambda: torch.nn.Sequential(torch.nn.Tanh(), torch.nn.Linear(2, 3)), "must follow"),
        (lambda: torch.nn.Linear(2, 3), "cannot read a Linear"),
        (lambda: torch.nn.Sequential(torch.nn.Conv1d(1, 1, 2)), "Conv1d is not supported"),
    ],
)
def test_unsupported_layers_are_named(module, message) -> None:
    with pytest.raises(cr.ChainruleError, match=message):
        ct.from_torch(module())


def test_import_torch_inside_is_pytorch_and_missing_torch_says_how_to_install() -> None:
    assert ct.torch is sys.modules["torch"] and hasattr(ct.torch, "nn")
    code = textwrap.dedent(
        """
        import sys
        sys.modules["torch"] = None  # as if PyTorch were not installed
        try:
            import chainrule.io.torch
        except ImportError as exc:
            print(exc)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert 'pip install "chainrule[torch]"' in out.stdout
