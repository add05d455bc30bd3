"""The one batch order (chainrule.data.batches.Order): a permutation per epoch cut into
batches, walked a step at a time (the batch to come seen before it is taken) or an epoch
in one go, and the same batches either way as Batches gives them."""

from __future__ import annotations

import numpy as np
import pytest

from chainrule.data.batches import Batches, Order


def stepped(order: Order, batches: int) -> list[list[int]]:
    """The indices of ``batches`` batches taken a step at a time."""
    seen = []
    for _ in range(batches):
        seen.append(order.current().tolist())
        order.advance()
    return seen


def walked(order: Order, epochs: int) -> list[list[int]]:
    """The indices of ``epochs`` epochs taken an epoch at a time."""
    return [np.asarray(idx).tolist() for _ in range(epochs) for idx in order.epoch_batches()]


def gathered(count: int, batch_size: int, rng: np.random.Generator, epochs: int) -> list:
    """The sample numbers of the batches Batches gathers: row i holds i."""
    x = np.arange(count, dtype=np.float64)[:, None]
    batches = Batches(x, np.arange(count), batch_size, np.float64, 1, lambda y, out: out)
    return [yb.tolist() for _ in range(epochs) for _, _, yb in batches.epoch(rng)]


def test_an_epoch_is_a_permutation_cut_into_batches_the_last_one_short() -> None:
    order = Order(23, 5, np.random.default_rng(7))
    first = stepped(order, 5)
    expected = np.random.default_rng(7).permutation(23)
    assert [len(b) for b in first] == [5, 5, 5, 5, 3]
    np.testing.assert_array_equal(np.concatenate(first), expected)
    assert order.epoch == 1 and order.position == 0


def test_peeking_does_not_take_the_batch() -> None:
    order = Order(10, 4, np.random.default_rng(1))
    look = order.current().copy()
    for _ in range(3):
        np.testing.assert_array_equal(order.current(), look)
    assert order.position == 0 and order.epoch == 0
    assert order.advance() is False and order.position == 4
    assert not np.array_equal(order.current(), look)  # the next batch, of the same epoch
    assert set(order.current().tolist()).isdisjoint(look.tolist())


def test_epoch_boundaries_count_and_draw_a_new_permutation() -> None:
    rng = np.random.default_rng(3)
    first, second = rng.permutation(7), rng.permutation(7)
    order = Order(7, 3, np.random.default_rng(3))
    ends = []
    for _ in range(6):
        order.current()
        ends.append(order.advance())
    assert ends == [False, False, True, False, False, True] and order.epoch == 2
    again = Order(7, 3, np.random.default_rng(3))
    np.testing.assert_array_equal(np.concatenate(stepped(again, 3)), first)
    np.testing.assert_array_equal(np.concatenate(stepped(again, 3)), second)


@pytest.mark.parametrize(("count", "batch_size"), [(23, 5), (8, 8), (5, 1), (4, 10)])
def test_step_by_step_epoch_by_epoch_and_batches_agree(count: int, batch_size: int) -> None:
    per_epoch = -(-count // batch_size)
    one = stepped(Order(count, batch_size, np.random.default_rng(11)), 3 * per_epoch)
    two = walked(Order(count, batch_size, np.random.default_rng(11)), 3)
    three = gathered(count, batch_size, np.random.default_rng(11), 3)
    assert one == two == three and len(one) == 3 * per_epoch


def test_an_epoch_walked_after_some_steps_goes_on_where_they_stopped() -> None:
    order = Order(10, 3, np.random.default_rng(5))
    order.current()
    order.advance()
    rest = [idx.tolist() for idx in order.epoch_batches()]
    assert rest == stepped(Order(10, 3, np.random.default_rng(5)), 4)[1:]
    assert order.epoch == 1 and order.position == 0


def test_a_new_batch_size_applies_from_the_next_batch() -> None:
    order = Order(10, 4, np.random.default_rng(2))
    permutation = np.random.default_rng(2).permutation(10)
    order.advance()
    order.batch_size = 3
    np.testing.assert_array_equal(order.current(), permutation[4:7])
    order.advance()
    order.batch_size = 100
    np.testing.assert_array_equal(order.current(), permutation[7:])
    assert order.advance() is True and order.epoch == 1


def test_without_a_generator_the_samples_come_in_order() -> None:
    assert stepped(Order(5, 2, None), 3) == [[0, 1], [2, 3], [4]]
    order = Order(5, 2, None)
    assert list(order.epoch_batches()) == [slice(0, 2), slice(2, 4), slice(4, 5)]
    assert order.epoch == 1
