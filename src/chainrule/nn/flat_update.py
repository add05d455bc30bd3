"""Where an optimizer's arrays sit: one update for all parameters at once, in blocks.

The optimizers (:mod:`chainrule.nn.optimizers`) write each update as its formula on one
parameter's arrays: the values p, the gradient g, the state (a velocity v, the moments m
and s) and a scratch array. This module decides which arrays those are; the math is the
same elementwise operations on every number whatever the layout, so every layout gives
the same bits.

- **Groups.** A :class:`~chainrule.nn.Network` keeps all its parameters side by side in
  one buffer, and a plan keeps their gradients laid out alike
  (:mod:`chainrule.engine.flat`): then one :class:`Group` covers every parameter and the
  formula runs once over the whole buffer instead of once per parameter (what decides the
  speed of online training on Mazur's network, where every array holds two numbers).
  Otherwise each parameter with a gradient is a group of its own.
- **State.** A slot's state (``"velocity"``, ``"m"``, ``"s"``) is one array per parameter,
  in the order of the parameters (what a model file saves); for a flat group it is one
  flat array, and each parameter's array is a view of it.
- **Blocks.** :func:`blocks` cuts the arrays into runs of :data:`BLOCK_BYTES`, with a
  scratch block that is still in a core's cache when it is read back: a third off the
  update of 784-1024-1024-10 here, for the same operations on the same numbers.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from chainrule.engine.flat import paired
from chainrule.engine.tensor import Tensor

BLOCK_BYTES = 1 << 19  # 512 KiB: a block of η·g that stays in a core's cache


def _block(itemsize: int) -> int:
    """Numbers in a block of :data:`BLOCK_BYTES` (at least one)."""
    return max(1, BLOCK_BYTES // itemsize)


def blocks(work: np.ndarray, *arrays: np.ndarray) -> Iterator[tuple[np.ndarray, ...]]:
    """(scratch, *views): the arrays block by block (flat views of about
    :data:`BLOCK_BYTES` each), with a scratch block from the start of ``work`` every
    time, so that what is written there is still in the cache when it is read back. An
    update made block by block makes the same operations on every number as in one go,
    so the same bits. Arrays not stored in one piece come whole, in one block."""
    if not all(a.flags.c_contiguous for a in (work, *arrays)):
        whole = work if work.shape == arrays[0].shape else np.empty_like(arrays[0])
        yield (whole, *arrays)
        return
    size = arrays[0].size
    block = max(1, min(work.size, _block(work.itemsize)))
    if size <= block:  # one block: the arrays as they are (no views to make)
        yield (work.reshape(-1)[:size].reshape(arrays[0].shape), *arrays)
        return
    flat = [a.reshape(-1) for a in arrays]
    work = work.reshape(-1)
    for start in range(0, size, block):
        stop = min(start + block, size)
        yield (work[: stop - start], *(a[start:stop] for a in flat))


def scratch_shape(data: np.ndarray) -> tuple[int, ...]:
    """The work array an update of ``data`` needs: a block (see :func:`blocks`), or the
    whole shape for an array not stored in one piece."""
    if data.flags.c_contiguous:
        return (min(data.size, _block(data.itemsize)),)
    return data.shape


def scratch(data: np.ndarray) -> np.ndarray:
    return np.empty(scratch_shape(data), dtype=data.dtype)


@dataclass
class Group:
    """The arrays one update runs on: one parameter's (``key`` its index in the list) or,
    when they lie side by side, all parameters' at once (``key`` = "flat")."""

    data: np.ndarray
    grad: np.ndarray
    work: np.ndarray  # scratch of a block's size (see blocks), kept between steps
    key: int | str
    offsets: list[int] = field(default_factory=list)  # flat: each parameter's place
    shapes: list[tuple[int, ...]] = field(default_factory=list)


class Layout:
    """An optimizer's arrays: its groups, its state by slot, its scratch.

    ``buffers[slot]`` lists one state array per parameter (``None`` where none was made
    yet), in the order of the parameters; a flat group's are views of one flat array.
    """

    def __init__(self, slots: Sequence[str]) -> None:
        self.slots = tuple(slots)
        self.buffers: dict[str, list[np.ndarray | None]] = {s: [] for s in self.slots}
        self._scratch: list[np.ndarray] = []  # one work array per parameter, not saved
        self._flat: tuple[list, list, Group | None] | None = None
        self._flat_state: dict[str, np.ndarray] = {}  # a flat group's state, by slot

    def groups(self, parameters: Sequence[Tensor]) -> list[Group]:
        """One flat group for all ``parameters`` when their values, gradients and state lie
        side by side (a :class:`~chainrule.nn.Network`'s parameters and a plan's
        gradients do), else a group per parameter that has a gradient."""
        flat = self._flat_group(parameters)
        if flat is not None:
            return [flat]
        return [
            Group(p.data, p.grad, self._work(k, p), k)
            for k, p in enumerate(parameters)
            if p.grad is not None
        ]

    def state(self, slot: str, group: Group) -> np.ndarray:
        """The group's state array for ``slot``, made (zeros) on first use."""
        found = self._slot(slot, group)
        return self._set_slot(slot, group, np.zeros_like(group.data)) if found is None else found

    def reset(self, state: dict[str, list[np.ndarray | None]]) -> None:
        """State as :meth:`buffers` lists it (copied), to be packed again at the next step."""
        for slot in self.slots:
            self.buffers[slot] = [None if a is None else np.array(a) for a in state.get(slot, [])]
        self._flat = None

    def _work(self, k: int, p: Tensor) -> np.ndarray:
        while len(self._scratch) <= k:
            self._scratch.append(np.empty(0, dtype=p.data.dtype))
        if self._scratch[k].shape != scratch_shape(p.data) or self._scratch[k].dtype != p.dtype:
            self._scratch[k] = scratch(p.data)
        return self._scratch[k]

    def _flat_group(self, parameters: Sequence[Tensor]) -> Group | None:
        """Found once and remembered while the parameters' arrays stay the same."""
        data = [p.data for p in parameters]
        grads = [p.grad for p in parameters]
        seen = self._flat
        if (
            seen is not None
            and len(seen[0]) == len(data)
            and all(map(operator.is_, data, seen[0]))
            and all(map(operator.is_, grads, seen[1]))
        ):
            return seen[2]
        group = None
        self._flat_state = {}
        if all(g is not None for g in grads):
            found = paired(data, grads)  # type: ignore[arg-type]
            if found:
                block, grad, offsets = found
                shapes = [a.shape for a in data]
                group = Group(block, grad, scratch(block), "flat", offsets, shapes)
                if not all(self._pack_slot(slot, group) for slot in self.slots):
                    group = None  # some parameters have state and some not: one by one
        self._flat = (data, grads, group)
        return group

    def _pack_slot(self, slot: str, group: Group) -> bool:
        """Move a slot's state for the group's parameters into one flat array laid out like
        their values (each parameter's state array becomes a view of it). True when done
        or when none of them has state yet; False when only some have."""
        arrays = self.buffers[slot]
        states = [arrays[k] if k < len(arrays) else None for k in range(len(group.shapes))]
        if all(a is None for a in states):
            return True
        shapes = zip(states, group.shapes, strict=True)
        if any(a is None or a.shape != shape for a, shape in shapes):
            return False
        flat = np.empty_like(group.data)
        for a, offset in zip(states, group.offsets, strict=True):
            flat[offset : offset + a.size] = a.reshape(-1)
        self._set_slot(slot, group, flat)
        return True

    def _slot(self, slot: str, group: Group) -> np.ndarray | None:
        if group.key == "flat":
            return self._flat_state.get(slot)
        arrays = self.buffers[slot]
        k = int(group.key)
        a = arrays[k] if k < len(arrays) else None
        return a if a is not None and a.shape == group.data.shape else None

    def _set_slot(self, slot: str, group: Group, value: np.ndarray) -> np.ndarray:
        """Keep ``value`` as the group's state for ``slot``; a flat group's parameters each
        get their view of it, so :attr:`buffers` still lists one array per parameter."""
        arrays = self.buffers[slot]
        if group.key == "flat":
            self._flat_state[slot] = value
            views = [
                value[o : o + int(np.prod(shape))].reshape(shape)
                for o, shape in zip(group.offsets, group.shapes, strict=True)
            ]
            arrays[:] = views + arrays[len(views) :]
        else:
            k = int(group.key)
            while len(arrays) <= k:
                arrays.append(None)
            arrays[k] = value
        return value
