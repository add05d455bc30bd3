"""Gradient-descent training: online (the XOR blog post's pseudocode), full-batch and mini-batch
(SanghyukChun's introduction) against a hand-written NumPy loop; frozen biases; XOR learned by a
2-4-1 network
and never by the single-layer perceptron; the `chainrule train` command."""

from __future__ import annotations

import json

import numpy as np
import pytest

import chainrule as cr
import chainrule.training.loop as training
from chainrule import SGD, Network
from chainrule.teach.examples import LOGIC_GATES, MAZUR
from conftest import run_cli_json

X = np.array([[0.1, 0.9], [0.8, 0.2], [0.5, 0.5], [-0.3, 0.7], [1.0, -1.0]])
T = np.array([[0.2], [0.9], [0.4], [0.1], [0.7]])
LR = 0.7


def small_network(seed: int = 0) -> Network:
    return Network.from_sizes([2, 3, 1], activation="sigmoid", loss="half_sse", seed=seed)


def params(network: Network) -> list[np.ndarray]:
    return [p.data.copy() for p in network.parameters()]


def sigmoid(v: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-v))


def hand_step(w1, b1, w2, b2, xb, tb, lr):
    """One step of the XOR blog post's algorithm on a batch, one sample at a time, gradients
    averaged
    over the batch; every delta uses the weights before the step."""
    grads = [np.zeros_like(w1), np.zeros_like(b1), np.zeros_like(w2), np.zeros_like(b2)]
    for x, t in zip(xb, tb, strict=True):
        out_h = sigmoid(w1 @ x + b1)
        out_o = sigmoid(w2 @ out_h + b2)
        delta_o = (out_o - t) * out_o * (1 - out_o)  # output: (out − target)·f′(net)
        delta_h = (w2.T @ delta_o) * out_h * (1 - out_h)  # hidden: (Σ_k δ_k w_k)·f′(net)
        grads[0] += np.outer(delta_h, x)  # ∂E/∂w = δ · (out of the source node)
        grads[1] += delta_h
        grads[2] += np.outer(delta_o, out_h)
        grads[3] += delta_o
    n = len(xb)
    return [p - lr * g / n for p, g in zip((w1, b1, w2, b2), grads, strict=True)]


def test_online_training_updates_after_every_sample():
    network = small_network()
    w = params(network)
    cr.train(network, X, T, epochs=3, learning_rate=LR, batch_size=1, shuffle=False)
    for _ in range(3):
        for n in range(len(X)):
            w = hand_step(*w, X[n : n + 1], T[n : n + 1], LR)
    for ours, hand in zip(params(network), w, strict=True):
        assert ours == pytest.approx(hand, rel=1e-12, abs=1e-15)


def test_full_batch_step_uses_the_averaged_gradient():
    network = small_network(1)
    w = params(network)
    result = cr.train(network, X, T, epochs=2, learning_rate=LR)
    for _ in range(2):
        w = hand_step(*w, X, T, LR)
    for ours, hand in zip(params(network), w, strict=True):
        assert ours == pytest.approx(hand, rel=1e-12, abs=1e-15)
    assert len(result.losses) == 2
    assert result.loss == pytest.approx(training.evaluate_loss(network, X, T), rel=1e-15)


def test_mini_batches_without_shuffling_follow_the_sample_order():
    network = small_network(2)
    w = params(network)
    cr.train(network, X, T, epochs=2, learning_rate=LR, batch_size=2, shuffle=False)
    for _ in range(2):
        for start in (0, 2, 4):
            w = hand_step(*w, X[start : start + 2], T[start : start + 2], LR)
    for ours, hand in zip(params(network), w, strict=True):
        assert ours == pytest.approx(hand, rel=1e-12, abs=1e-15)


def record_batches(monkeypatch) -> list[list[int]]:
    """Patch the loop's gradient_step to record which samples (rows of X) each step sees."""
    seen: list[list[int]] = []
    original = training.gradient_step

    def recording(network, inputs, targets):
        rows = [int(np.flatnonzero((X == row).all(axis=1))[0]) for row in inputs]
        seen.append(rows)
        return original(network, inputs, targets)

    monkeypatch.setattr(training, "gradient_step", recording)
    return seen


def test_shuffled_mini_batches_cover_every_sample_and_match_a_hand_loop(monkeypatch):
    seen = record_batches(monkeypatch)
    network = small_network(3)
    w = params(network)
    cr.train(network, X, T, epochs=4, learning_rate=LR, batch_size=2, seed=11)
    assert [len(b) for b in seen] == [2, 2, 1] * 4
    epochs = [[n for batch in seen[k : k + 3] for n in batch] for k in range(0, 12, 3)]
    for order in epochs:
        assert sorted(order) == list(range(5))
    assert any(order != list(range(5)) for order in epochs)  # shuffled
    assert len({tuple(order) for order in epochs}) > 1  # reshuffled every epoch
    for batch in seen:
        w = hand_step(*w, X[batch], T[batch], LR)
    for ours, hand in zip(params(network), w, strict=True):
        assert ours == pytest.approx(hand, rel=1e-12, abs=1e-15)


def test_seeded_shuffling_is_reproducible():
    def run(seed: int) -> list[np.ndarray]:
        network = small_network(4)
        cr.train(network, X, T, epochs=5, learning_rate=LR, batch_size=2, seed=seed)
        return params(network)

    first, again, other = run(5), run(5), run(6)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert not all(np.array_equal(a, b) for a, b in zip(first, other, strict=True))


def test_frozen_biases_stay_and_weights_move():
    network = small_network(5)
    before = [(lay.weights.data.copy(), lay.biases.data.copy()) for lay in network.layers]
    cr.train(network, X, T, epochs=10, learning_rate=LR, batch_size=2, train_biases=False)
    for lay, (w, b) in zip(network.layers, before, strict=True):
        assert np.array_equal(lay.biases.data, b)
        assert not np.allclose(lay.weights.data, w)


def test_train_step_returns_the_loss_before_the_step():
    network = small_network(6)
    expected = training.evaluate_loss(network, X, T)
    assert cr.train_step(network, X, T, SGD(LR)) == pytest.approx(expected, rel=1e-15)
    assert training.evaluate_loss(network, X, T) < expected


# -- XOR (the XOR blog post): an MLP learns it, the single-layer perceptron cannot
# -------------------

XOR_X, XOR_T = LOGIC_GATES["xor"]


def train_xor(sizes: list[int], seed: int) -> tuple[float, float]:
    """The CLI's defaults: sigmoid layers, half SSE, learning rate 2.0, 3000 full-batch steps."""
    network = Network.from_sizes(
        sizes, activation="sigmoid", output_activation="sigmoid", loss="half_sse", seed=seed
    )
    result = cr.train(network, XOR_X, XOR_T, 3000, 2.0)
    return result.loss, cr.accuracy(network, XOR_X, XOR_T)


@pytest.fixture(scope="module")
def xor_results() -> dict[tuple[int, ...], list[tuple[float, float]]]:
    return {
        (2, 4, 1): [train_xor([2, 4, 1], seed) for seed in range(10)],
        (2, 1): [train_xor([2, 1], seed) for seed in range(10)],
    }


def test_xor_is_learned_by_a_2_4_1_network(xor_results):
    learned = [acc == 1.0 for _, acc in xor_results[(2, 4, 1)]]
    assert sum(learned) >= 9, xor_results[(2, 4, 1)]


def test_xor_is_never_learned_by_the_perceptron(xor_results):
    for loss, acc in xor_results[(2, 1)]:
        assert acc <= 0.75
        assert loss > 0.1  # a linear boundary leaves E ≥ 1/8 on XOR's four points


def test_cli_train_xor_json(xor_results):
    data = run_cli_json("train", "xor", "--json")
    assert set(data) == {"loss", "accuracy", "epochs", "seconds"}
    assert data["accuracy"] == 1.0 and data["epochs"] == 3000 and data["seconds"] > 0
    assert data["loss"] == pytest.approx(xor_results[(2, 4, 1)][0][0], rel=1e-9)


def test_cli_train_perceptron_json(xor_results):
    data = run_cli_json("train", "xor", "--layers", "2,1", "--seed", "3", "--json")
    assert data["accuracy"] <= 0.75
    assert data["loss"] == pytest.approx(xor_results[(2, 1)][3][0], rel=1e-9)


def test_cli_train_spec_equals_api_steps(tmp_path):
    path = tmp_path / "mazur.json"
    path.write_text(json.dumps(MAZUR), encoding="utf-8")
    data = run_cli_json("train", "--spec", str(path), "--epochs", "25", "--json")
    assert set(data) == {"loss", "epochs", "seconds"}
    assert data["epochs"] == 25 and data["seconds"] >= 0
    spec = cr.load_spec(path)
    optimizer = SGD(spec.learning_rate)
    for _ in range(25):
        cr.train_step(spec.network, spec.inputs, spec.targets, optimizer, spec.train_biases)
    expected = training.evaluate_loss(spec.network, spec.inputs, spec.targets)
    assert data["loss"] == pytest.approx(expected, rel=1e-12)
    assert expected < 0.298371109  # below Mazur's E_total before training


def test_a_diverging_step_stops_before_its_update():
    from chainrule.errors import DivergenceError

    network = small_network(7)
    network.layers[0].weights.data[0, 0] = np.nan
    before = params(network)
    with pytest.raises(DivergenceError, match=r"at epoch 3, step 2"):
        cr.train_step(network, X, T, SGD(LR), where=(3, 2))
    for now, then in zip(params(network), before, strict=True):
        np.testing.assert_array_equal(now, then)  # NaN where it was, nothing else touched
    optimizer = SGD(LR)
    optimizer.iterations = 6  # a caller's own loop: the step is the optimizer's count
    with pytest.raises(DivergenceError, match=r"loss nan at step 7 with learning rate 0.7"):
        cr.train_step(network, X, T, optimizer)


def test_an_optimizer_takes_any_iterable_of_parameters():
    from chainrule.nn.optimizers import make_optimizer

    network, plain = small_network(8), small_network(8)
    for net in (network, plain):
        cr.train_step(net, X, T, SGD(LR))  # gradients in place, one step each
    for name in ("sgd", "adam"):
        a, b = make_optimizer(name, 0.1), make_optimizer(name, 0.1)
        weights = network.layers[0].weights.data.copy()
        a.step(p for p in network.parameters())  # a generator, read once
        b.step(plain.parameters())
        for x, y in zip(params(network), params(plain), strict=True):
            np.testing.assert_array_equal(x, y)
        assert not np.array_equal(weights, network.layers[0].weights.data)  # it did move
