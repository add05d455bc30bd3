"""The slopes of the rounding allowance, read off the records' kernels: against the closed
forms, PyTorch's second derivatives and central differences of the written formulas."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainrule.nn.activations import ACTIVATIONS, elementwise_names
from chainrule.nn.losses import FUSED_ACTIVATION, LOSSES
from chainrule.teach.exercises import generate
from chainrule.teach.exercises.quantities import LOSSES as QUESTION_LOSSES
from chainrule.teach.exercises.quantities import quantities
from chainrule.teach.exercises.sensitivity import (
    derivative_input,
    error_slope,
    gradient_slope,
)
from chainrule.teach.explain.formulas import uses
from test_nn_activations import evaluate

NETS = st.floats(-6.0, 6.0, allow_nan=False)


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + np.exp(-x))


CLOSED_FORMS = {  # (leaf, |∂f′/∂leaf|) as a hand calculation reads them (a new record: torch)
    "sigmoid": lambda x: ("out", abs(1.0 - 2.0 * sigmoid(x))),
    "tanh": lambda x: ("out", abs(2.0 * np.tanh(x))),
    "softplus": lambda x: ("net", sigmoid(x) * (1.0 - sigmoid(x))),
    "relu": lambda x: ("net", 0.0),
    "leaky_relu": lambda x: ("net", 0.0),
    "abs": lambda x: ("net", 0.0),
    "identity": lambda x: ("out", 0.0),
}


@pytest.mark.parametrize("name", sorted(CLOSED_FORMS))
@settings(max_examples=40, deadline=None)
@given(net=NETS)
def test_the_derivative_moves_with_out_or_net_as_the_closed_form_says(name, net):
    leaf, slope = derivative_input(name, net)
    want_leaf, want = CLOSED_FORMS[name](net)
    assert leaf == want_leaf
    assert slope == pytest.approx(want, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "abs"])
@pytest.mark.parametrize("net", [0.0, 1e-12, -1e-12, 5e-6, -5e-6])
def test_beside_the_kink_the_difference_stays_on_one_side(name, net):
    assert derivative_input(name, net) == ("net", 0.0)


@pytest.mark.parametrize("name", [n for n in elementwise_names() if ACTIVATIONS[n].torch])
@settings(max_examples=25, deadline=None)
@given(net=NETS.filter(lambda x: abs(x) > 1e-3))
def test_the_slope_is_torchs_second_derivative(name, net):
    """|f″(net)| (a derivative written in net) or |f″(net) / f′(net)| (written in out) by
    PyTorch's double backward, for every record with a torch module."""
    torch = pytest.importorskip("torch")
    from chainrule.io.torch import OWN_MODULES  # torch.nn has no Abs: the bridge's own

    module_name, options = ACTIVATIONS[name].torch
    f = OWN_MODULES.get(module_name, getattr(torch.nn, module_name, None))(**options)
    x = torch.tensor(net, dtype=torch.float64, requires_grad=True)
    (first,) = torch.autograd.grad(f(x), x, create_graph=True)
    second = torch.autograd.grad(first, x, allow_unused=True)[0] if first.requires_grad else None
    f2 = 0.0 if second is None else float(second)
    leaf, slope = derivative_input(name, net)
    want = abs(f2) if leaf == "net" else abs(f2 / float(first.detach()))
    assert slope == pytest.approx(want, rel=1e-6, abs=1e-9)


def test_the_leaf_is_the_one_the_written_derivative_uses():
    for name in elementwise_names():
        leaf, _ = derivative_input(name, 0.3)
        assert uses(ACTIVATIONS[name].derivative, leaf) or leaf == "out"
    assert not uses(ACTIVATIONS["identity"].derivative, "out")  # f′ = 1: no leaf at all


def written_error(loss: str, o: float, t: float, outputs: int) -> float:
    """E_ok by the record's formula as the explanation writes it (independent of the kernels)."""
    return evaluate(LOSSES[loss].error, o=o, t=t, K=float(outputs))


def one_sample(draw, loss: str) -> tuple[np.ndarray, np.ndarray, str]:
    outputs = draw(st.integers(2, 4))
    net = np.array([draw(st.lists(st.floats(-3.0, 3.0), min_size=outputs, max_size=outputs))])
    output = FUSED_ACTIVATION.get(loss, "sigmoid")
    if output == "softmax":
        t = np.zeros_like(net)
        t[0, draw(st.integers(0, outputs - 1))] = 1.0
    else:
        t = np.array([draw(st.lists(st.floats(0.01, 0.99), min_size=outputs, max_size=outputs))])
    return net, t, output


@pytest.mark.parametrize("loss", QUESTION_LOSSES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_each_errors_slope_is_the_written_formulas_central_difference(loss, data):
    net, t, output = one_sample(data.draw, loss)
    act = ACTIVATIONS[output]
    o = act.forward(net.copy())
    k = data.draw(st.integers(0, net.shape[1] - 1))
    ok, tk, h = float(o[0, k]), float(t[0, k]), 1e-6
    outputs = net.shape[1]
    want = (written_error(loss, ok + h, tk, outputs) - written_error(loss, ok - h, tk, outputs)) / (
        2 * h
    )
    assert error_slope(loss, output, net, t, k) == pytest.approx(abs(want), rel=1e-5, abs=1e-8)


@pytest.mark.parametrize("loss", [n for n in QUESTION_LOSSES if LOSSES[n].fuses is None])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_each_gradients_slope_is_the_written_formulas_second_difference(loss, data):
    net, t, _ = one_sample(data.draw, loss)
    o = 1.0 / (1.0 + np.exp(-net))
    k = data.draw(st.integers(0, net.shape[1] - 1))
    ok, tk, h, outputs = float(o[0, k]), float(t[0, k]), 1e-3, net.shape[1]
    e = [written_error(loss, ok + s * h, tk, outputs) for s in (-1, 0, 1)]
    want = (e[0] - 2 * e[1] + e[2]) / h**2
    assert gradient_slope(loss, o, t, k) == pytest.approx(abs(want), rel=1e-5)


def test_the_closed_forms_of_the_losses():
    net, t = np.array([[0.4, -1.1]]), np.array([[0.2, 0.7]])
    o = 1.0 / (1.0 + np.exp(-net))
    assert error_slope("half_sse", "sigmoid", net, t, 1) == pytest.approx(abs(o[0, 1] - 0.7))
    assert error_slope("mse", "sigmoid", net, t, 0) == pytest.approx(abs(o[0, 0] - 0.2))  # 2/K
    bce = abs((o[0, 0] - 0.2) / (o[0, 0] * (1 - o[0, 0])))
    assert error_slope("binary_cross_entropy", "sigmoid", net, t, 0) == pytest.approx(bce)
    soft = np.exp(net) / np.exp(net).sum()
    one_hot = np.array([[0.0, 1.0]])
    slope = error_slope("cross_entropy", "softmax", net, one_hot, 1)
    assert slope == pytest.approx(1.0 / soft[0, 1])  # −t/o
    assert gradient_slope("half_sse", o, t, 0) == pytest.approx(1.0)
    assert gradient_slope("mse", o, t, 0) == pytest.approx(1.0)  # 2/K, K = 2


def test_a_softplus_step_reads_its_derivative_from_net():
    """softplus′ = σ(net): its rounding comes from net, with slope σ(net)(1 − σ(net))."""
    p = generate(3, (2, 2, 2), "softplus", "half_sse")
    q = quantities(p.trace())
    lay = p.trace().layers[0]
    ((name, slope),) = q["dout_h1/dnet_h1"].deps
    s = sigmoid(float(lay.net[0, 0]))
    assert name == "net_h1" and slope == pytest.approx(s * (1 - s), rel=1e-6)
    ((name, _),) = q["dout_o1/dnet_o1"].deps
    assert name == "net_o1"


def test_a_softmax_out_depends_on_every_net_of_the_layer():
    """∂out_j/∂net_m = out_j(δ_jm − out_m), row j of the Jacobian by the backward kernel."""
    p = generate(5, (2, 2, 3), "tanh", "cross_entropy")
    o = p.trace().layers[-1].out[0]
    deps = dict(quantities(p.trace())["out_o2"].deps)
    assert deps == {
        "net_o1": pytest.approx(o[1] * o[0], rel=1e-15),
        "net_o2": pytest.approx(o[1] * (1 - o[1]), rel=1e-15),
        "net_o3": pytest.approx(o[1] * o[2], rel=1e-15),
    }
