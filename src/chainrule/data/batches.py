"""Mini-batches for training: a shuffled order of samples, gathered into preallocated
buffers and scaled there; from memory, or from a memory-mapped file larger than memory.

Which samples each batch takes is :class:`Order`'s business, the one place it is decided:
each epoch draws one permutation of the samples (``rng.permutation``), cut into runs of
``batch_size`` (the epoch's last batch takes what is left). :class:`Batches` walks an
epoch of it in one go; the studio looks at the batch to come before it trains it, a
step at a time, on the same order.

In memory, :class:`Batches` gathers each batch's raw rows into the same buffer
(``np.take`` into ``out``), then scales them into the batch's input buffer (which may be a
plan's own, so that the step reads the batch where it was scaled, without a copy): nothing
of the size of the data set is made, neither per epoch nor once (gathering 8-bit pixels and
scaling a batch in the cache costs about as much as gathering rows scaled beforehand, and
spares a float copy of the whole set).

From a mapped file (``np.load(path, mmap_mode="r")``), rows are read a block at a time
(blocks of whole batches, about BLOCK_BYTES each): the blocks in a shuffled order, each
block read in one piece (sequential reads), then its rows in a shuffled order; the next
block is asked of the disk (readahead) while this one is trained on, and the block's pages
are released once it is read (:mod:`chainrule.data.mapped`), so the
memory used stays that of one block, however large the file. Scaling is elementwise, so a
sample gets the same bits whichever way it comes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from chainrule.data.mapped import is_mapped, prefetch, release

BLOCK_BYTES = 32 << 20  # rows read from a mapped file at a time: about 32 MiB

Batch = tuple[np.ndarray, np.ndarray, np.ndarray]  # (inputs, targets, labels), views


class Order:
    """The order in which ``count`` samples are trained, batch by batch, epoch after epoch.

    Each epoch is one permutation of 0 … count − 1 drawn from ``rng`` when the epoch's
    first batch is looked at (the samples in order when ``rng`` is None), cut into runs of
    ``batch_size``; the last batch of an epoch takes what is left, so an epoch has
    ⌈count / batch_size⌉ batches and every sample once. ``batch_size`` may change between
    batches (the next batch starts where the last one stopped). Two ways through it:

    - a step at a time: :meth:`current` is the batch to come, as often as it is looked at,
      until :meth:`advance` takes it (the studio shows a batch, then trains it);
    - an epoch in one go: :meth:`epoch_batches` (what :class:`Batches` trains on).

    ``epoch`` counts the epochs completed, ``position`` the samples of this epoch taken.
    The same ``rng`` gives the same batches both ways.
    """

    def __init__(self, count: int, batch_size: int, rng: np.random.Generator | None) -> None:
        self.count = int(count)
        self.batch_size = int(batch_size)
        self.rng = rng
        self.epoch = 0
        self.position = 0
        self._indices: np.ndarray | None = None  # this epoch's permutation, once drawn

    def _permutation(self) -> np.ndarray | None:
        """This epoch's permutation (drawn on first use), or None for the samples in order."""
        if self.rng is not None and self._indices is None:
            self._indices = self.rng.permutation(self.count)
        return self._indices

    def current(self) -> np.ndarray:
        """The indices of the batch to come, not yet taken: the same until :meth:`advance`."""
        order = self._permutation()
        stop = min(self.position + self.batch_size, self.count)
        return np.arange(self.position, stop) if order is None else order[self.position : stop]

    def advance(self) -> bool:
        """Take the current batch; True when it was the epoch's last (the next one then
        starts a new epoch, with a new permutation)."""
        self.position = min(self.position + self.batch_size, self.count)
        if self.position < self.count:
            return False
        self._end_epoch()
        return True

    def epoch_batches(self) -> Iterator[np.ndarray | slice]:
        """The rest of this epoch's batches, each taken once the next is asked for: views
        of the permutation, or slices of the samples when they come in order (a slice
        reads rows in one piece). The indices are those :meth:`current` gives."""
        order = self._permutation()
        count = self.count
        start = self.position
        while start < count:
            stop = min(start + self.batch_size, count)
            yield slice(start, stop) if order is None else order[start:stop]
            self.position = start = stop
        self._end_epoch()

    def _end_epoch(self) -> None:
        self.epoch += 1
        self.position = 0
        self._indices = None


class Batches:
    """The batches of one data set, epoch after epoch.

    ``x``: raw samples × features, in memory or memory-mapped; ``transform_into(raw_rows,
    out)`` scales rows into the model's ``dtype`` (None: converted as they are);
    ``labels``: class indices; ``encode_into(labels, out)`` writes the targets.
    Each batch is (inputs, targets, labels): views of the buffers, valid until the next.
    ``into``: (inputs, targets) buffers of at least a batch's rows to gather into, such as
    a plan's own (:func:`chainrule.training.loop.plan_buffers`), which then need no copy
    of the batch (buffers of another shape or dtype are not used).
    """

    def __init__(
        self,
        x: np.ndarray,
        labels: np.ndarray,
        batch_size: int,
        dtype: np.dtype | type,
        classes: int,
        encode_into: Callable[[np.ndarray, np.ndarray], np.ndarray],
        transform_into: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
        block_bytes: int = BLOCK_BYTES,
        into: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self.x, self.labels = x, np.asarray(labels)
        self.count = len(x)
        self.batch_size = int(batch_size)
        self.encode_into = encode_into
        self.transform_into = transform_into or _convert
        n = min(self.batch_size, self.count)
        features = x.shape[1]
        shapes = ((n, features), (n, classes))
        if into is None or not all(_holds(b, s, dtype) for b, s in zip(into, shapes, strict=True)):
            into = (np.empty(shapes[0], dtype), np.empty(shapes[1], dtype))
        self.inputs, self.targets = into[0][:n], into[1][:n]
        self.y = np.empty((n, *self.labels.shape[1:]), self.labels.dtype)  # or target rows
        # raw rows are gathered straight into the inputs when nothing is to be done to them
        direct = transform_into is None and x.dtype == self.inputs.dtype
        self.raw = self.inputs if direct else np.empty((n, features), x.dtype)
        self.streamed = is_mapped(x)
        if self.streamed:
            row = max(1, x[:1].nbytes)
            batches = max(1, block_bytes // (row * self.batch_size))
            self.block_rows = min(self.count, batches * self.batch_size)
            self.block = np.empty((self.block_rows, features), x.dtype)

    @property
    def steps(self) -> int:
        """Batches in an epoch."""
        if not self.streamed:
            return -(-self.count // self.batch_size)
        full, last = divmod(self.count, self.block_rows)
        per_block = -(-self.block_rows // self.batch_size)
        return full * per_block + -(-last // self.batch_size)

    def epoch(self, rng: np.random.Generator | None) -> Iterator[Batch]:
        """The batches of one epoch, shuffled by ``rng`` (in order when None)."""
        if self.streamed:
            yield from self._blocks(rng)
            return
        yield from self._batches(self.x, self.labels, rng)

    def _batches(
        self, x: np.ndarray, labels: np.ndarray, rng: np.random.Generator | None
    ) -> Iterator[Batch]:
        """The batches of rows ``x`` (in memory), in an order shuffled by ``rng``."""
        for idx in Order(len(x), self.batch_size, rng).epoch_batches():
            if type(idx) is slice:  # in order: rows read in one piece
                n = idx.stop - idx.start
                raw, yb = self.raw[:n], self.y[:n]
                np.copyto(raw, x[idx])
                np.copyto(yb, labels[idx])
            else:
                n = len(idx)
                raw, yb = self.raw[:n], self.y[:n]
                np.take(x, idx, axis=0, out=raw, mode="clip")  # indices are in range
                np.take(labels, idx, axis=0, out=yb, mode="clip")
            xb = self.inputs[:n]
            if self.raw is not self.inputs:
                self.transform_into(raw, xb)
            yield xb, self.encode_into(yb, self.targets[:n]), yb

    def _blocks(self, rng: np.random.Generator | None) -> Iterator[Batch]:
        """Shuffled blocks, each read in one piece, then shuffled within the block."""
        size = self.block_rows
        blocks = -(-self.count // size)
        order = rng.permutation(blocks) if rng is not None else np.arange(blocks)
        span = [slice(int(b) * size, min((int(b) + 1) * size, self.count)) for b in order]
        if span:
            prefetch(self.x, span[0])
        for k, rows in enumerate(span):
            if k + 1 < len(span):
                prefetch(self.x, span[k + 1])  # the disk reads the next block meanwhile
            m = rows.stop - rows.start
            block = self.block[:m]
            np.copyto(block, self.x[rows])
            release(self.x, rows)
            yield from self._batches(block, self.labels[rows], rng)


def _holds(buffer: np.ndarray, shape: tuple[int, int], dtype: np.dtype | type) -> bool:
    """True if ``buffer``'s first ``shape[0]`` rows can hold a batch of ``shape``."""
    return (
        buffer.ndim == 2
        and buffer.shape[0] >= shape[0]
        and buffer.shape[1] == shape[1]
        and buffer.dtype == np.dtype(dtype)
        and buffer.flags.c_contiguous
    )


def _convert(raw: np.ndarray, out: np.ndarray) -> np.ndarray:
    np.copyto(out, raw, casting="unsafe")
    return out
