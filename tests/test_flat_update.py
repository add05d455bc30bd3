"""Where an optimizer's arrays sit: blocks of one scratch array give the bits of one pass."""

from __future__ import annotations

import numpy as np
import pytest

import chainrule.nn.flat_update as flat_update
from chainrule.engine.tensor import Tensor
from chainrule.nn.optimizers import SGD, Adam


def descend(p: np.ndarray, g: np.ndarray, rate: float, work: np.ndarray) -> None:
    """p ← p − η·g, SGD's formula run block by block over ``work``."""
    optimizer = SGD(rate)
    for arrays in flat_update.blocks(work, p, g):
        optimizer.formula(np, *arrays)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_descent_in_blocks_gives_the_bits_of_one_pass(monkeypatch, dtype) -> None:
    """p ← p − η·g block by block (a block of 8 numbers here, 7 blocks and a bit) equals
    the textbook one-pass expression, and a strided array is updated in one go."""
    monkeypatch.setattr(flat_update, "BLOCK_BYTES", 8 * np.dtype(dtype).itemsize)
    rng = np.random.default_rng(3)
    p, g = rng.normal(size=(6, 10)).astype(dtype), rng.normal(size=(6, 10)).astype(dtype)
    expected = p - np.multiply(g, 0.3, dtype=dtype)
    descend(p, g, 0.3, np.empty_like(p))
    np.testing.assert_array_equal(p, expected)
    q, h = rng.normal(size=(6, 10)).astype(dtype), rng.normal(size=(10, 6)).astype(dtype).T
    expected = q - np.multiply(h, 0.3, dtype=dtype)
    descend(q, h, 0.3, np.empty_like(q))
    np.testing.assert_array_equal(q, expected)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Adam(0.01),
        lambda: SGD(0.1, momentum=0.9),
        lambda: SGD(0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    ],
)
def test_updates_in_blocks_give_the_bits_of_one_block(monkeypatch, make) -> None:
    """Five steps with blocks of 16 bytes and with one block for everything: the same bits."""
    runs = []
    for block_bytes in (16, 1 << 30):
        monkeypatch.setattr(flat_update, "BLOCK_BYTES", block_bytes)
        rng = np.random.default_rng(9)
        params = [Tensor(rng.normal(size=(5, 7)).astype(np.float32)) for _ in range(2)]
        opt = make()
        for _ in range(5):
            for p in params:
                p.grad = rng.normal(size=p.data.shape).astype(np.float32)
            opt.step(params)
        runs.append([p.data.copy() for p in params])
    for a, b in zip(*runs, strict=True):
        np.testing.assert_array_equal(a, b)


def test_the_work_array_is_one_block_and_a_smaller_one_still_covers_everything() -> None:
    big = np.zeros(1_000_000, dtype=np.float32)
    assert flat_update.scratch(big).shape == (flat_update.BLOCK_BYTES // 4,)
    assert flat_update.scratch(np.zeros((3, 4))).shape == (12,)
    assert flat_update.scratch(np.zeros((4, 3)).T).shape == (3, 4)  # strided: whole
    rng = np.random.default_rng(4)
    p, g = rng.normal(size=61), rng.normal(size=61)
    expected = p - g * 0.25
    descend(p, g, 0.25, np.empty(5))  # 13 blocks of at most 5
    np.testing.assert_array_equal(p, expected)
    q, h = rng.normal(size=(4, 3)), rng.normal(size=(3, 4)).T
    expected = q - h * 0.25
    descend(q, h, 0.25, np.empty(5))  # strided: one pass with a whole array
    np.testing.assert_array_equal(q, expected)


def test_the_formulas_in_blocks_equal_the_textbook_expressions(monkeypatch) -> None:
    """Three steps of momentum, Nesterov and Adam in blocks of 8 numbers (3 blocks) equal
    the formulas of their docstrings written out on whole arrays (float64)."""
    monkeypatch.setattr(flat_update, "BLOCK_BYTES", 8 * 8)
    rng = np.random.default_rng(5)
    start = rng.normal(size=(3, 7))
    grads = [rng.normal(size=(3, 7)) for _ in range(3)]
    lr, mu, b1, b2, eps = 0.1, 0.9, 0.9, 0.999, 1e-8
    for kind in ("momentum", "nesterov", "adam"):
        p = Tensor(start.copy())
        opt = Adam(lr) if kind == "adam" else SGD(lr, momentum=mu, nesterov=kind == "nesterov")
        want, v, m, s = start.copy(), np.zeros_like(start), np.zeros_like(start), 0 * start
        for t, g in enumerate(grads, start=1):
            p.grad = g
            opt.step([p])
            if kind == "adam":
                m = b1 * m + (1 - b1) * g
                s = b2 * s + (1 - b2) * g * g
                want = want - lr * (m / (1 - b1**t)) / (np.sqrt(s / (1 - b2**t)) + eps)
            else:
                v = mu * v + g
                want = want - lr * (g + mu * v if kind == "nesterov" else v)
        np.testing.assert_allclose(p.data, want, rtol=1e-13, atol=1e-15)
