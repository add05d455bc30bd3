"""A studio session: the engine's numbers on the page, training, step mode, editing."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from chainrule.data.batches import Batches
from chainrule.studio.protocol import ProtocolError
from chainrule.studio.session import Session, textbook_examples
from chainrule.studio.store import SessionStore
from chainrule.studio.view import GRID, GRID_POINTS
from chainrule.teach.explain.expr import format_number
from chainrule.teach.trace import trace_step


def mazur() -> Session:
    s = Session()
    s.configure({"dataset": "mazur"})
    return s


def test_textbook_examples_come_from_examples_py():
    found = textbook_examples()
    assert "mazur" in found and "xor-example" in found  # xor is also a generated data set
    assert all(spec["input_size"] == 2 for spec in found.values())


def test_mazur_brings_his_network_and_numbers():
    s = mazur()
    c = s.config
    assert (c.hidden, c.activations, c.learning_rate, c.batch_size) == ((2,), ("sigmoid",), 0.5, 1)
    w = s.network_view()["layers"]
    assert [[x["value"] for x in row] for row in w[0]["weights"]] == [[0.15, 0.2], [0.25, 0.3]]
    assert [b["name"] for b in w[0]["biases"]] == ["b1", "b1"]  # shared, as in Mazur's text
    d = s.derivation("w5")
    assert "0.082167041" in d["html"] and "0.35891648" in d["html"]
    assert 'lang="en"' in d["html"] and "<math" in d["html"]
    ko = s.derivation("w5", "ko")["html"]
    assert 'lang="ko"' in ko and "생각해봅시다" in ko and "0.082167041" in ko


def test_step_mode_walks_one_training_step():
    s = mazur()
    forward = s.next_phase()
    assert forward["phase"] == "forward"
    assert forward["neurons"]["n0_0"] == {"net": "0.3775", "out": "0.593269992"}
    assert forward["neurons"]["n1_1"]["out"] == "0.772928465"
    assert s.next_phase()["error"] == "0.298371109"
    backward = s.next_phase()
    assert backward["neurons"]["n1_0"]["delta"] == "0.138498562"
    assert backward["partials"]["w1"] == "0.000438568"
    update = s.next_phase()
    assert update["updates"]["w5"] == ["0.4", "0.35891648"]
    assert update["updates"]["w1"] == ["0.15", "0.149780716"]
    assert s.epoch == 1 and s.next_phase()["phase"] == "forward"


@pytest.mark.parametrize("hidden", [(3,), (3, 2), (2, 3, 2)])
def test_names_are_explains(hidden):
    """Every w and b the page names derives the gradient explain's trace gives it."""
    s = Session()
    s.configure({"dataset": "circle", "hidden": list(hidden), "batch_size": 2})
    idx = s.derive_batch()
    trace = trace_step(s.network.copy(), s.inputs[idx], s.targets[idx], 0.03, True)
    names = s.names()
    for k, lay in enumerate(trace.layers):
        for j in range(lay.grad_weights.shape[0]):
            for i in range(lay.grad_weights.shape[1]):
                name = names["w"][k][j][i]
                assert s._where(name) == ("w", k, j, i)
            assert s._where(names["b"][k][j]) == ("b", k, j, 0)
    last = names["w"][-1][0][-1]
    html = s.derivation(last)["html"]
    assert format_number(float(trace.layers[-1].grad_weights[0, -1]), 9) in html


def test_gradient_path_runs_from_the_weight_to_the_outputs():
    s = Session()
    s.configure({"dataset": "circle", "hidden": [3, 2]})
    path = s.derivation("w1")["path"]  # input 1 → neuron 1 of the first hidden layer
    assert path["edges"][0] == "w1"
    assert set(path["edges"][1:]) == {"w7", "w10", "w13", "w14"}  # out of h1_1, then on
    assert path["nodes"] == ["n0_0", "n1_0", "n1_1", "n2_0"]


def test_xor_trains_below_a_tenth_deterministically():
    a, b = Session(), Session()
    for s in (a, b):
        s.configure({"dataset": "xor"})
    for _ in range(60):
        a.train_epoch()
    assert a.history[-1][2] < 0.1  # test loss
    assert a.metrics()["accuracy"] > 0.95
    assert b.epoch == 0  # sessions are isolated
    for _ in range(60):
        b.train_epoch()
    for la, lb in zip(a.network.layers, b.network.layers, strict=True):
        np.testing.assert_array_equal(la.weights.data, lb.weights.data)


@pytest.mark.parametrize("kind", ["l1", "l2"])
def test_regularization_adds_its_gradient_to_the_step(kind):
    """The penalty's gradient, taken at the weights before the step (as TensorFlow
    Playground takes it), joins ∂E/∂w in the optimizer's one update:
    w⁺ = w − η·∂E/∂w − η·λ·(sign(w) or w); the biases are not penalised."""
    plain, reg = Session(), Session()
    plain.configure({"dataset": "gaussians", "learning_rate": 0.1})
    reg.configure({"dataset": "gaussians", "learning_rate": 0.1, "regularization": kind})
    reg.configure({"reg_rate": 0.3})
    before = [lay.weights.data.copy() for lay in reg.network.layers]
    plain.train_batch()
    reg.train_batch()
    for p, r, w in zip(plain.network.layers, reg.network.layers, before, strict=True):
        decay = np.sign(w) if kind == "l1" else w
        expected = p.weights.data - 0.1 * 0.3 * decay
        np.testing.assert_allclose(r.weights.data, expected, rtol=0, atol=1e-12)
        np.testing.assert_array_equal(r.biases.data, p.biases.data)


def test_losses_are_the_networks_on_each_part():
    s = Session()
    s.configure({"dataset": "gaussians", "train_percent": 30})
    train, test = s.losses()
    assert train == pytest.approx(
        s.network.loss(s.inputs[s.train_idx], s.targets[s.train_idx]).item()
    )
    assert test == pytest.approx(s.network.loss(s.inputs[s.test_idx], s.targets[s.test_idx]).item())
    assert len(s.train_idx) == 120 and len(s.test_idx) == 280


def test_gradient_view_is_the_loss_gradient():
    s = Session()
    s.configure({"dataset": "circle", "hidden": [3]})
    g = s.gradients()
    w = s.network.layers[0].weights.data
    h = 1e-6
    for name, (j, i) in (("w1", (0, 0)), ("w4", (1, 1))):
        w[j, i] += h
        up = s.losses()[0]
        w[j, i] -= 2 * h
        down = s.losses()[0]
        w[j, i] += h
        assert g["values"][name] == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-10)
    assert g["badge"] is None


def test_vanishing_gradients_get_a_badge():
    s = Session()
    s.configure(
        {"dataset": "circle", "hidden": [8] * 6, "activations": ["sigmoid"] * 6, "loss": "mse"}
    )
    g = s.gradients()
    assert g["layer_means"][0] < g["layer_means"][-1] / 100
    assert g["badge"] == "vanishing"


def test_heatmap_is_the_network_on_the_grid():
    s = Session()
    s.configure({"dataset": "circle"})
    for _ in range(20):
        s.train_epoch()
    maps = s.heatmaps()
    raw = np.frombuffer(base64.b64decode(maps["output"]), dtype=np.uint8)
    assert raw.size == GRID * GRID
    out = s.network.predict(GRID_POINTS)[:, 0]  # features x1, x2: the points themselves
    np.testing.assert_allclose(raw / 255, out, atol=0.5 / 255 + 1e-12)  # a byte per cell
    assert 0 < np.mean(out >= 0.5) < 1  # a boundary crosses the square
    assert len(maps["neurons"]) == 4 + 2 + 1


def test_confusion_matrix_counts_the_test_points():
    s = Session()
    s.configure({"dataset": "spiral"})
    m = s.metrics()
    (tn, fp), (fn, tp) = m["confusion"]
    assert tn + fp + fn + tp == len(s.test_idx)
    assert m["accuracy"] == pytest.approx((tn + tp) / len(s.test_idx))
    s.configure({"dataset": "plane"})
    assert s.metrics() == {}  # regression: no classes


def test_edit_a_weight_and_a_bias():
    s = mazur()
    s.edit("w5", 0.3)
    assert s.network.layers[1].weights.data[0, 0] == 0.3
    s.edit("b2", 0.5)
    assert s.network.layers[1].biases.data[0] == 0.5
    with pytest.raises(ProtocolError) as info:
        s.edit("w9", 1.0)
    assert info.value.status == 404


def test_hand_edits_live_in_the_settings():
    s = mazur()
    s.edit("w5", 0.3)
    s.edit("b1", 0.1)
    s.edit("w5", 0.25)
    assert s.config.edits == (("b1", 0.1), ("w5", 0.25))
    link = s.config.to_dict()  # what the page's URL holds
    again = Session()
    again.configure(link)
    assert again.network.layers[1].weights.data[0, 0] == 0.25
    assert again.network.layers[0].biases.data[0] == 0.1
    again.configure({"learning_rate": 0.1})  # training settings keep the network and edits
    assert again.config.edits == (("b1", 0.1), ("w5", 0.25))
    again.configure({"hidden": [3]})  # a new network: the edits were for the old one
    assert again.config.edits == ()
    s.reset()
    assert s.config.edits == () and s.network.layers[1].weights.data[0, 0] == 0.4


def test_training_settings_keep_the_progress():
    s = Session()
    s.configure({"dataset": "xor"})
    s.train_epoch()
    weights = s.network.layers[0].weights.data.copy()
    s.configure({"learning_rate": 0.3, "optimizer": "adam", "batch_size": 20})
    assert s.epoch == 1 and s.optimizer.name == "adam" and s.optimizer.learning_rate == 0.3
    np.testing.assert_array_equal(s.network.layers[0].weights.data, weights)
    s.configure({"noise": 10})  # new data: start over
    assert s.epoch == 0


def test_reset_gives_the_first_weights_again():
    s = Session()
    s.configure({"dataset": "xor"})
    first = s.network.layers[0].weights.data.copy()
    s.train_epoch()
    assert not np.array_equal(first, s.network.layers[0].weights.data)
    s.reset()
    np.testing.assert_array_equal(first, s.network.layers[0].weights.data)
    assert s.epoch == 0 and len(s.history) == 1


def test_store_frees_idle_sessions_and_keeps_live_ones():
    store = SessionStore(max_sessions=4, idle_seconds=60)
    a_key, a = store.create()
    b_key, b = store.create()
    c_key, c = store.create()
    store.attached.add(c_key)
    c.playing = True
    now = a.last_seen + 61
    b.last_seen = now - 1
    assert store.sweep(now=now) == [a_key]
    assert set(store.sessions) == {b_key, c_key}
    c.playing = False
    assert store.sweep(now=now + 120) == [b_key, c_key]
    assert store.sessions == {}


def test_divergence_pauses_with_finite_weights():
    s = Session()
    s.configure(
        {
            "dataset": "plane",
            "hidden": [8, 8, 8],
            "activations": ["identity"] * 3,
            "learning_rate": 10,
        }
    )
    s.playing = True
    for _ in range(10):
        if s.diverged:
            break
        s.train_epoch()
    assert s.diverged is not None and "diverged" in s.diverged
    assert s.playing is False
    snap = s.snapshot(full=True)
    json.dumps(snap, allow_nan=False)  # the page can be told
    assert all(np.isfinite(p.data).all() for p in s.network.parameters())


def test_the_studio_trains_the_batches_fit_would_take() -> None:
    """The same seed, sample count and batch size give the studio's steps the batches of
    chainrule.data.batches.Batches (the order fit trains in), across epoch boundaries."""
    s = Session()
    s.configure({"dataset": "circle", "batch_size": 30, "train_percent": 50})
    count = len(s.train_idx)
    steps = 3 * -(-count // 30) + 1  # three epochs and one step into the fourth
    shown = []
    for _ in range(steps):
        idx = s.batch_indices().copy()
        np.testing.assert_array_equal(s.derive_batch(), idx[:16])  # looking takes nothing
        np.testing.assert_array_equal(s.batch_indices(), idx)
        shown.append(idx)
        s.train_batch()
    assert s.epoch == 3 and s.steps == steps
    x = s.train_idx.astype(np.float64)[:, None]  # a row holds its sample's number
    batches = Batches(x, s.train_idx, 30, np.float64, 1, lambda y, out: out)
    rng = np.random.default_rng(s.config.seed + 2)
    expected = [yb.copy() for _ in range(4) for _, _, yb in batches.epoch(rng)][:steps]
    assert [b.tolist() for b in shown] == [b.tolist() for b in expected]


def test_a_diverged_frame_gives_its_batches_again() -> None:
    s = Session()
    s.configure({"dataset": "plane", "hidden": [8, 8, 8], "activations": ["identity"] * 3})
    s.train_epoch()
    s.configure({"learning_rate": 10})
    for _ in range(10):  # whole epochs, nothing looked at between them
        if s.diverged:
            break
        s.train_epoch()
    assert s.diverged is not None and s.order.position == 0
    rng = np.random.default_rng(s.config.seed + 2)
    permutation = [rng.permutation(len(s.train_idx)) for _ in range(s.epoch + 1)][-1]
    size = s.config.batch_size
    np.testing.assert_array_equal(s.batch_indices(), s.train_idx[permutation[:size]])
