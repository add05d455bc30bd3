"""Data larger than memory: training from a folder of memory-mapped ``.npy`` files, its
peak memory and its throughput against the same training on data in memory.

Writes ``--rows`` × ``--features`` float32 inputs (default 5,000,000 × 200: 4 GB) and their
labels to a folder, a chunk at a time; then, each in its own fresh process, alternating
(see harness.py):

- ``chainrule train --data DIR`` (the command line: the streaming pass for the scaling
  statistics, one epoch read a block at a time) -- peak resident memory of the process;
- ``Classifier.fit`` on the memory-mapped arrays, one epoch -- samples per second of the
  epoch, and the seconds of the streaming pass;
- ``Classifier.fit`` on the first ``--memory-rows`` rows loaded into memory, one epoch --
  samples per second (the same network, batch and optimizer).

With ``--cold`` the page cache is emptied before every process (``sync``, then
``/proc/sys/vm/drop_caches``: root on Linux), so the mapped runs read the file from the
disk, as they would a file larger than the machine's memory; without it the file written
just before may sit in the page cache, and the figures are those of reading from memory.
The disk's own sequential read rate (one pass with 16 MiB reads, cache emptied first) is
printed with ``--cold``.

    python benchmarks/streaming.py [--rows 5000000] [--features 200] [--dir DIR] [--rounds 5]
                                   [--cold]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import table
from harness import alternate, blas, emit, fresh, load, machine_line, ratios, spread

LAYERS = "{features},64,2"
BATCH = 512


def write(folder: Path, rows: int, features: int, chunk: int = 100_000) -> None:
    """X.npy (standard normal float32) and y.npy (the sign of a fixed linear function of
    the first ten features: learnable), a chunk at a time."""
    from numpy.lib import format as npy

    rng = np.random.default_rng(0)
    weights = rng.standard_normal(min(10, features)).astype(np.float32)
    labels = np.empty(rows, np.int64)
    with open(folder / "X.npy", "wb") as f:
        header = {"descr": "<f4", "fortran_order": False, "shape": (rows, features)}
        npy.write_array_header_1_0(f, header)
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            block = rng.standard_normal((n, features), dtype=np.float32)
            labels[start : start + n] = block[:, : len(weights)] @ weights > 0
            f.write(block.tobytes())
    np.save(folder / "y.npy", labels)


def written(folder: Path, rows: int, features: int) -> bool:
    """Whether ``folder`` already holds the data of this size (a run with --dir again)."""
    try:
        x = np.load(folder / "X.npy", mmap_mode="r")
        y = np.load(folder / "y.npy", mmap_mode="r")
        return x.shape == (rows, features) and y.shape == (rows,)
    except (OSError, ValueError):
        return False


def drop_cache(_name: str = "") -> None:
    """Empty the page cache: the next read of the file comes from the disk."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as exc:
        raise SystemExit(f"--cold: cannot empty the page cache ({exc}): run as root") from None


def disk_rate(path: Path) -> float:
    """Bytes per second of one sequential read of ``path`` from the disk."""
    drop_cache()
    start = time.perf_counter()
    with open(path, "rb", buffering=0) as f:
        while f.read(16 << 20):
            pass
    return path.stat().st_size / (time.perf_counter() - start)


def worker(kind: str, folder: Path, memory_rows: int, cold: bool = False) -> None:
    """One ``fit`` epoch; its samples per second are timed from the epoch's start (after
    the page cache is emptied again, with ``cold``: the epoch reads the file from the disk
    too, as it would a file larger than the machine's memory) to its end."""
    from chainrule.training.classifier import Classifier
    from chainrule.training.progress import LineProgress

    class Timed(LineProgress):
        def start_epoch(self, epoch: int, epochs: int, steps: int) -> None:
            if cold and kind == "mapped":
                drop_cache()  # the statistics pass left the file in the page cache
            self.started = time.perf_counter()

        def end_epoch(self, logs: dict[str, float]) -> None:
            self.ended = time.perf_counter()

    x = np.load(folder / "X.npy", mmap_mode="r")
    y = np.load(folder / "y.npy")
    if kind == "memory":
        x, y = np.array(x[:memory_rows]), y[:memory_rows]
    model = Classifier(
        [x.shape[1], 64, 2], optimizer="sgd", learning_rate=0.01, batch_size=BATCH, seed=0,
        scaling="standardize",
    )  # fmt: skip
    timed = Timed(open(os.devnull, "w"))
    start = time.perf_counter()
    model.fit(x, y, epochs=1, progress=timed)
    total = time.perf_counter() - start
    epoch = timed.ended - timed.started
    scan = total - model.history.seconds[-1]  # before the epoch: the statistics pass, setup
    emit({"rate": len(x) / epoch, "epoch_s": epoch, "scan_s": scan, "rows": len(x)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--features", type=int, default=200)
    parser.add_argument("--memory-rows", type=int, default=500_000)
    parser.add_argument(
        "--dir", default=None, help="folder for the data (default: a temporary one)"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--cold", action="store_true", help="empty the page cache before every process (root)"
    )
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "write":
        write(Path(args.dir), args.rows, args.features)
        emit({"bytes": (Path(args.dir) / "X.npy").stat().st_size})
        return
    if args.worker:
        worker(args.worker, Path(args.dir), args.memory_rows, args.cold)
        return
    folder = Path(args.dir or tempfile.mkdtemp(prefix="chainrule-streaming-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        print(f"machine: {machine_line()}")
        print(f"NumPy's BLAS: {blas()}")
        start = time.perf_counter()
        sizes = ["--rows", str(args.rows), "--features", str(args.features)]
        if written(folder, args.rows, args.features):
            size = (folder / "X.npy").stat().st_size
            print(f"using the {size / 1e9:.2f} GB of inputs already in {folder}")
        else:
            argv = ["python", __file__, "--dir", str(folder), *sizes, "--worker", "write"]
            size = fresh(argv)["bytes"]
            print(f"wrote {size / 1e9:.2f} GB of inputs in {time.perf_counter() - start:.0f} s")
        if args.cold:
            rate = disk_rate(folder / "X.npy")
            print(f"the disk reads the inputs at {rate / 1e6:.0f} MB/s (cache emptied first)")
        print(f"before: {load()}", flush=True)
        layers = LAYERS.format(features=args.features)
        base = ["python", __file__, "--dir", str(folder), "--memory-rows", str(args.memory_rows)]
        base += ["--cold"] if args.cold else []
        commands = {
            "chainrule train --data DIR": [
                "python", "-m", "chainrule", "train", "--data", str(folder), "--layers", layers,
                "--optimizer", "sgd", "--lr", "0.01", "--batch-size", str(BATCH), "--epochs", "1",
                "--json", "--quiet",
            ],
            "fit, memory-mapped": [*base, "--worker", "mapped"],
            "fit, in memory": [*base, "--worker", "memory"],
        }  # fmt: skip
        results = alternate(commands, args.rounds, drop_cache if args.cold else None)
        print(f"after: {load()}")
    finally:
        if args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    mapped = [r["rate"] for r in results["fit, memory-mapped"]]
    memory = [r["rate"] for r in results["fit, in memory"]]
    rows = []
    for name, runs in results.items():
        rate = [r["rate"] for r in runs] if "rate" in runs[0] else None
        rows.append(
            [
                name,
                spread([r["peak_rss_mb"] for r in runs], 0),
                spread(rate, 0) if rate else "–",
                spread([r["scan_s"] for r in runs], 1) if "scan_s" in runs[0] else "–",
                spread([r["process_seconds"] for r in runs], 1),
            ]
        )
    print(
        table(["contender", "peak MB", "samples/s (epoch)", "streaming pass s", "process s"], rows)
    )
    command = results["chainrule train --data DIR"]
    print(
        f"memory-mapped throughput / in-memory: {spread(ratios(mapped, memory), unit='×')}; "
        f"inputs {size / 1e9:.2f} GB; median peak of the command "
        f"{statistics.median(r['peak_rss_mb'] for r in command):.0f} MB"
    )


if __name__ == "__main__":
    main()
