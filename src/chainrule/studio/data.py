"""The studio's data: the playground's data sets, input features and uploaded files.

Classification (labels 0 and 1, a sigmoid output): ``circle``, ``xor``, ``gaussians`` and
``spiral`` come from :func:`chainrule.data.toy.make_toy` (circles, the XOR corners,
two Gaussian clouds, two spiral arms), scaled so that every point lies in [−1, 1]².
Regression (an identity output): ``plane`` (target (x₁ + x₂)/2) and ``multigauss`` (a sum
of Gaussian bumps of both signs). Uploads: a CSV of ``x1,x2,label`` rows or an ``.npz``
with ``X`` (samples × 2) and ``y``, parsed in memory within :data:`MAX_UPLOAD_BYTES`.

Features (TensorFlow Playground's): x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂, computed from
the two coordinates; the network's inputs i1, i2, … are the chosen features in this order.
"""

from __future__ import annotations

import csv
import io
import zipfile

import numpy as np

from chainrule.data.toy import make_toy
from chainrule.errors import ChainruleError

CLASSIFICATION = ("circle", "xor", "gaussians", "spiral")
REGRESSION = ("plane", "multigauss")
DATASETS = CLASSIFICATION + REGRESSION
TOY_NAMES = {"circle": "circles", "xor": "xor", "gaussians": "gaussians", "spiral": "spirals"}

FEATURES = {
    "x1": lambda x: x[:, 0],
    "x2": lambda x: x[:, 1],
    "x1sq": lambda x: x[:, 0] ** 2,
    "x2sq": lambda x: x[:, 1] ** 2,
    "x1x2": lambda x: x[:, 0] * x[:, 1],
    "sinx1": lambda x: np.sin(x[:, 0]),
    "sinx2": lambda x: np.sin(x[:, 1]),
}
FEATURE_LABELS = {
    "x1": "x₁",
    "x2": "x₂",
    "x1sq": "x₁²",
    "x2sq": "x₂²",
    "x1x2": "x₁x₂",
    "sinx1": "sin x₁",
    "sinx2": "sin x₂",
}

MAX_UPLOAD_BYTES = 1 << 20  # 1 MiB: a page's upload is held in memory, never written
MAX_SAMPLES = 2000  # points of a data set, generated or uploaded


def features(points: np.ndarray, names: list[str]) -> np.ndarray:
    """samples × len(names): each chosen feature of the points (samples × 2)."""
    return np.stack([FEATURES[n](points) for n in names], axis=1)


def _unit_box(x: np.ndarray) -> np.ndarray:
    """Centre the points and scale them into [−1, 1]² (the heatmaps' square)."""
    x = x - (x.max(axis=0) + x.min(axis=0)) / 2
    scale = float(np.abs(x).max())
    return x / scale if scale > 0 else x


def generate(name: str, samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(points samples × 2 in [−1, 1]², targets samples × 1) of data set ``name``.

    ``noise`` is in percent of the square's half-width (0–50), as in the playground."""
    if name not in DATASETS:
        raise ChainruleError(f"unknown data set {name!r}: expected one of {', '.join(DATASETS)}")
    rng = np.random.default_rng(seed)
    sigma = noise / 100.0
    if name in CLASSIFICATION:
        kind = TOY_NAMES[name]
        options = {"classes": 2} if kind in ("spirals", "gaussians") else {}
        x, y = make_toy(kind, samples=samples, noise=0.0, seed=seed, **options)
        x = _unit_box(x) * 0.9
        if sigma > 0:
            x = np.clip(x + rng.normal(0.0, sigma, x.shape), -1.0, 1.0)
        return x, y.astype(np.float64)[:, None]
    x = rng.uniform(-1.0, 1.0, (samples, 2))
    if name == "plane":
        t = (x[:, 0] + x[:, 1]) / 2
    else:  # multigauss: bumps at fixed centres, signs alternating
        centres = np.array([[-0.6, 0.6], [0.6, 0.6], [-0.6, -0.6], [0.6, -0.6], [0.0, 0.0]])
        signs = np.array([1.0, -1.0, -1.0, 1.0, 0.5])
        d2 = ((x[:, None, :] - centres[None]) ** 2).sum(-1)
        t = (signs * np.exp(-d2 / (2 * 0.2**2))).sum(-1)
    if sigma > 0:
        t = t + rng.normal(0.0, sigma, t.shape)
    return x, t[:, None]


def split(count: int, train_percent: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, test): a seeded shuffle, ``train_percent`` % for training (≥ 1 each
    when there are two or more points; a single point is both)."""
    order = np.random.default_rng(seed + 1).permutation(count)
    if count == 1:
        return order, order
    cut = min(max(1, round(count * train_percent / 100)), count - 1)
    return np.sort(order[:cut]), np.sort(order[cut:])


def parse_upload(name: str, blob: bytes) -> tuple[np.ndarray, np.ndarray, bool]:
    """(points scaled into [−1, 1]², targets samples × 1, is_classification) of an upload.

    A CSV has two feature columns and a label column (a header line is skipped); an
    ``.npz`` holds ``X`` (samples × 2) and ``y``. Labels that are all 0 or 1 make a
    classification set, anything else a regression set."""
    if len(blob) > MAX_UPLOAD_BYTES:
        raise ChainruleError(
            f"upload {name!r} has {len(blob):,} bytes, expected at most {MAX_UPLOAD_BYTES:,}"
        )
    lower = name.lower()
    if lower.endswith(".npz"):
        x, y = _read_npz(name, blob)
    elif lower.endswith(".csv"):
        x, y = _read_csv(name, blob)
    else:
        raise ChainruleError(f"upload {name!r}: expected a .csv or .npz file")
    if len(x) < 2 or len(x) > MAX_SAMPLES:
        raise ChainruleError(f"upload {name!r} has {len(x)} rows, expected 2 to {MAX_SAMPLES}")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ChainruleError(f"upload {name!r}: expected finite numbers only")
    classes = bool(np.all(np.isin(y, (0.0, 1.0))))
    return _unit_box(x), y[:, None], classes


def _read_csv(name: str, blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ChainruleError(f"upload {name!r}: expected UTF-8 text") from None
    rows: list[list[float]] = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != 3:
            raise ChainruleError(
                f"upload {name!r} line {number}: {len(row)} columns, expected 3 (x1, x2, label)"
            )
        try:
            rows.append([float(cell) for cell in row])
        except ValueError:
            if rows or number > 1:
                raise ChainruleError(
                    f"upload {name!r} line {number}: {row!r} is not three numbers"
                ) from None
        if len(rows) > MAX_SAMPLES:
            break
    if not rows:
        raise ChainruleError(f"upload {name!r}: no rows of numbers")
    data = np.array(rows, dtype=np.float64)
    return data[:, :2], data[:, 2]


def _read_npz(name: str, blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        raise ChainruleError(f"upload {name!r}: not a readable .npz file") from None
    if total > 4 * MAX_UPLOAD_BYTES:
        raise ChainruleError(f"upload {name!r} unpacks to {total:,} bytes, more than allowed")
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as npz:
            if "X" not in npz.files or "y" not in npz.files:
                raise ChainruleError(f"upload {name!r}: expected arrays X and y, got {npz.files}")
            x, y = npz["X"], npz["y"]
    except ChainruleError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
        raise ChainruleError(f"upload {name!r}: not a readable .npz file ({exc})") from None
    if x.ndim != 2 or x.shape[1] != 2 or y.shape != (len(x),):
        raise ChainruleError(
            f"upload {name!r}: X is {x.shape}, y is {y.shape}, expected samples×2 and samples"
        )
    if not (np.issubdtype(x.dtype, np.number) and np.issubdtype(y.dtype, np.number)):
        raise ChainruleError(f"upload {name!r}: expected numeric X and y")
    return x.astype(np.float64), y.astype(np.float64)
