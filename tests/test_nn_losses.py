"""Loss nodes: half SSE, MSE and hinge on the output layer's out; the fused softmax +
cross-entropy and sigmoid + binary cross-entropy on its net. Backward against central
differences and torch; the targets get no gradient."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from chainrule import Tensor
from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import (
    LOSSES,
    check_loss,
    half_sse,
    hinge,
    mse,
    sigmoid_binary_cross_entropy,
    softmax_cross_entropy,
)
from chainrule.teach.explain.i18n import word
from reference import check_node_gradients, compare_with_torch
from strategies import SETTINGS, arrays, values
from test_nn_activations import evaluate

SIDE = st.integers(1, 5)


@st.composite
def logits_and_targets(draw, kind: str):
    """net (samples × classes, or one sample as a vector) and targets for the loss ``kind``."""
    vector = draw(st.booleans())
    samples, classes = draw(SIDE), draw(SIDE)
    shape = (classes,) if vector else (samples, classes)
    net = draw(arrays(shape, values(-8.0, 8.0)))
    if kind == "cross_entropy":
        raw = draw(arrays(shape, values(0.0, 1.0)))
        one_hot = draw(st.booleans())
        if one_hot:
            t = np.eye(classes)[np.argmax(raw, axis=-1)]
        else:  # probability rows
            raw = raw + 0.1
            t = raw / raw.sum(axis=-1, keepdims=True)
    else:
        t = draw(arrays(shape, values(0.0, 1.0)))
    return net, t


def torch_softmax_ce(t):
    def fn(net):
        import torch

        n = net.shape[0] if net.ndim > 1 else 1
        return -(torch.tensor(t) * net.log_softmax(dim=-1)).sum() / n

    return fn


def torch_bce(t):
    def fn(net):
        import torch

        n = net.shape[0] if net.ndim > 1 else 1
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            net, torch.tensor(t), reduction="sum"
        )
        return loss / n

    return fn


@SETTINGS
@given(case=logits_and_targets("cross_entropy"))
def test_softmax_cross_entropy_backward(case):
    net, t = case
    check_node_gradients(lambda z: softmax_cross_entropy(z, t), [net])


@SETTINGS
@given(case=logits_and_targets("cross_entropy"))
def test_softmax_cross_entropy_matches_torch(case):
    pytest.importorskip("torch")
    net, t = case
    compare_with_torch(lambda z: softmax_cross_entropy(z, t), torch_softmax_ce(t), [net])


@SETTINGS
@given(case=logits_and_targets("binary"))
def test_sigmoid_binary_cross_entropy_backward(case):
    net, t = case
    check_node_gradients(lambda z: sigmoid_binary_cross_entropy(z, t), [net])


@SETTINGS
@given(case=logits_and_targets("binary"))
def test_sigmoid_binary_cross_entropy_matches_torch(case):
    pytest.importorskip("torch")
    net, t = case
    compare_with_torch(lambda z: sigmoid_binary_cross_entropy(z, t), torch_bce(t), [net])


def test_fused_backward_is_out_minus_target_over_n():
    """δ = (out − t)/N at the net, without the log's 1/out (SanghyukChun's softmax loss)."""
    net = Tensor([[2.0, -1.0, 0.5], [0.0, 0.0, 0.0]])
    t = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    softmax_cross_entropy(net, t).backward()
    e = np.exp(net.data)
    out = e / e.sum(axis=1, keepdims=True)
    assert net.grad == pytest.approx((out - t) / 2, rel=1e-14)


def test_fused_losses_stay_finite_for_saturated_outputs():
    net = Tensor([[800.0, -800.0]])
    ce = softmax_cross_entropy(net, np.array([[0.0, 1.0]]))
    assert ce.item() == pytest.approx(1600.0, rel=1e-15)
    bce = sigmoid_binary_cross_entropy(Tensor([[800.0, -800.0]]), np.array([[0.0, 1.0]]))
    assert bce.item() == pytest.approx(1600.0, rel=1e-15)
    ce.backward()
    assert np.all(np.isfinite(net.grad))


OUTPUT_LOSSES = {"half_sse": half_sse, "mse": mse, "hinge": hinge}


def torch_output_loss(name: str, t: np.ndarray):
    def fn(o):
        import torch

        n = o.shape[0] if o.ndim > 1 else 1
        tt = torch.tensor(t)
        if name == "half_sse":
            return 0.5 * ((o - tt) ** 2).sum() / n
        if name == "mse":
            return ((o - tt) ** 2).mean()
        return torch.clamp(1.0 - tt * o, min=0.0).sum() / n

    return fn


@st.composite
def outputs_and_targets(draw, name: str):
    vector = draw(st.booleans())
    samples, units = draw(SIDE), draw(SIDE)
    shape = (units,) if vector else (samples, units)
    o = draw(arrays(shape, values(-2.0, 2.0)))
    if name == "hinge":
        t = draw(arrays(shape, st.sampled_from([-1.0, 1.0])))
        assume(np.all(np.abs(1.0 - t * o) > 0.01))  # away from the hinge's kink
    else:
        t = draw(arrays(shape, values(-1.0, 1.0)))
    return o, t


@pytest.mark.parametrize("name", sorted(OUTPUT_LOSSES))
@SETTINGS
@given(data=st.data())
def test_output_loss_backward(name, data):
    o, t = data.draw(outputs_and_targets(name))
    check_node_gradients(lambda z: OUTPUT_LOSSES[name](z, t), [o])


@pytest.mark.parametrize("name", sorted(OUTPUT_LOSSES))
@SETTINGS
@given(data=st.data())
def test_output_loss_matches_torch(name, data):
    pytest.importorskip("torch")
    o, t = data.draw(outputs_and_targets(name))
    compare_with_torch(lambda z: OUTPUT_LOSSES[name](z, t), torch_output_loss(name, t), [o])


def test_output_losses_on_seed000():
    """E_total = Σ ½(target − out)² = 0.298371109 at Mazur's outputs (one sample)."""
    out = Tensor([[0.75136507, 0.772928465]])
    t = np.array([[0.01, 0.99]])
    e = half_sse(out, t)
    assert e.item() == pytest.approx(0.274811083 + 0.023560026, abs=2e-9)
    e.backward()
    assert out.grad[0, 0] == pytest.approx(0.74136507, abs=1e-12)  # ∂E/∂out_o1 = out − target
    assert mse(Tensor([[1.0, 3.0], [0.0, 0.0]]), np.zeros((2, 2))).item() == 2.5
    assert hinge(Tensor([[0.5, -2.0]]), np.array([[1.0, 1.0]])).item() == 0.5 + 3.0


# -- the record's other parts ------------------------------------------------------------


def loss_case(name: str, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """net, out = f(net) by the loss's output activation, and targets the loss takes."""
    record = LOSSES[name]
    net = rng.normal(size=(4, 3))
    out = ACTIVATIONS[record.output].forward(net)
    if name == "cross_entropy":
        t = np.eye(3)[rng.integers(3, size=4)]
    elif name == "hinge":
        t = rng.choice([-1.0, 1.0], size=(4, 3))
    else:
        t = rng.uniform(0.0, 1.0, size=(4, 3))
    record.check_targets(name, t)
    return net, out, t


@pytest.mark.parametrize("name", list(LOSSES))
def test_the_per_output_errors_add_up_to_the_loss_and_follow_the_written_formula(name):
    """E = (1/N) Σ_n Σ_k E_nk for the errors the explanation lists, each E_nk what the record's
    formula gives on its t and o."""
    record = LOSSES[name]
    net, out, t = loss_case(name, np.random.default_rng(1))
    errors = record.errors(out, net, t)
    if record.fuses is not None:
        value, y = record.forward(net, t)
        np.testing.assert_allclose(y, out, rtol=1e-15)
    else:
        value = record.forward(out, t)
    assert float(errors.sum()) / len(net) == pytest.approx(value(), rel=1e-12)
    for (n, k), e in np.ndenumerate(errors):
        leaves = {"t": float(t[n, k]), "o": float(out[n, k]), "K": float(out.shape[1])}
        assert evaluate(record.error, **leaves) == pytest.approx(float(e), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("name", list(LOSSES))
@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_the_written_slope_is_the_central_difference_of_the_written_error(name, seed):
    """∂E_ok/∂o as the record writes it (Mazur's −(target − out)) equals the central
    difference of the record's E_ok in o (float64), away from hinge's kink; and for a loss on
    out, the backward kernel's ∂E/∂o of one sample."""
    record = LOSSES[name]
    _, out, t = loss_case(name, np.random.default_rng(seed))
    k_count, h = float(out.shape[1]), 1e-6
    for (n, k), o in np.ndenumerate(out):
        leaves = {"t": float(t[n, k]), "K": k_count}
        assume(abs(1.0 - leaves["t"] * o) > 1e-3 or not record.kink)
        up = evaluate(record.error, o=o + h, **leaves)
        down = evaluate(record.error, o=o - h, **leaves)
        slope = evaluate(record.slope, o=float(o), **leaves)
        assert slope == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-8)
    if record.fuses is None:
        for n in range(len(out)):
            kernel = record.backward(out[n : n + 1], t[n : n + 1])[0]
            written = [
                evaluate(record.slope, o=float(o), t=float(t[n, k]), K=k_count)
                for k, o in enumerate(out[n])
            ]
            np.testing.assert_allclose(kernel, written, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", list(LOSSES))
def test_every_loss_has_its_words_and_a_fitting_output(name):
    record = LOSSES[name]
    for lang in ("en", "ko"):
        assert word(lang, f"loss.{name}")
        word(lang, f"loss_deriv.{name}")  # empty for the fused losses: "fused.<name>" says it
    check_loss(name, record.output)
    if record.fuses is not None:
        assert record.output == record.fuses and word("en", f"fused.{name}")
        with pytest.raises(ValueError, match=f"needs a {record.fuses} output layer"):
            check_loss(name, "identity")


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_the_off_target_makes_one_hot_rows_the_loss_accepts(name):
    """A classifier's targets: 1 for the sample's class, the record's off_target elsewhere
    (0; −1 for hinge's ±1 targets), and the loss's own target check takes them."""
    from chainrule.training.classifier import Classifier

    off = LOSSES[name].off_target
    assert off == (-1.0 if name == "hinge" else 0.0)
    model = Classifier([2, 4, 3], activation="tanh", loss=name)
    rows = model.encode(np.array([2, 0]))
    assert rows.tolist() == [[off, off, 1.0], [1.0, off, off]]
    LOSSES[name].check_targets(name, rows)  # raises on targets the loss cannot use
