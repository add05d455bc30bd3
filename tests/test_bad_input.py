"""Bad input, everywhere: every case goes through the CLI (exit 2, one line on stderr that
names the value and what was expected, no traceback, no output file created or damaged)
and through the Python API (a ChainruleError with the same words).

The CLI runs in-process (``chainrule.cli.main``): an uncaught exception fails the test as a
traceback would; a few cases also run in a fresh interpreter, as a user runs them.
"""

from __future__ import annotations

import copy
import gzip
import json
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import chainrule
from chainrule.cli import main
from chainrule.cli.common import spec_from_args
from chainrule.data import load_dataset, load_file, make_toy
from chainrule.data.idx import idx_bytes, read_idx
from chainrule.errors import ChainruleError
from chainrule.teach.examples import MAZUR
from chainrule.teach.spec import load_spec
from chainrule.training.classifier import Classifier
from chainrule.training.modelfile import FORMAT_VERSION
from conftest import run_cli

# -- files the cases read --------------------------------------------------------------------


def spec_text(change: Callable[[dict], None] | None = None, raw: str | None = None) -> str:
    if raw is not None:
        return raw
    spec = copy.deepcopy(MAZUR)
    if change is not None:
        change(spec)
    return json.dumps(spec)


def moons_npz(**arrays: Any) -> dict[str, np.ndarray]:
    x, y = make_toy("moons", samples=40, noise=0.1, seed=0)
    base = {"X": x, "y": y}
    base.update(arrays)
    return {k: v for k, v in base.items() if v is not None}


def with_nan(value: float) -> np.ndarray:
    x, _ = make_toy("moons", samples=40, noise=0.1, seed=0)
    x = x.copy()
    x[5, 1] = value
    return x


def idx_set(folder: Path, images: bytes | None = None) -> None:
    """An MNIST-like data dir of 12 images; ``images`` replaces the training images."""
    folder.mkdir()
    rng = np.random.default_rng(0)
    imgs = rng.integers(0, 256, size=(12, 4, 4), dtype=np.uint8)
    labels = (np.arange(12) % 10).astype(np.uint8)
    files = {
        "train-images-idx3-ubyte": idx_bytes(imgs) if images is None else images,
        "train-labels-idx1-ubyte": idx_bytes(labels),
        "t10k-images-idx3-ubyte": idx_bytes(imgs),
        "t10k-labels-idx1-ubyte": idx_bytes(labels),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


GOOD_IMAGES = idx_bytes(np.zeros((12, 4, 4), dtype=np.uint8))


@pytest.fixture(scope="module")
def good_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    x, y = make_toy("moons", samples=40, noise=0.1, seed=0)
    model = Classifier([2, 4, 2], learning_rate=0.01, batch_size=8)
    model.fit(x, y, epochs=1)
    path = tmp_path_factory.mktemp("model") / "good.npz"
    model.save(path)
    return path


def rewritten_model(good: Path, target: Path, change: Callable[[dict, dict], None]) -> None:
    with np.load(good, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    config = json.loads(arrays.pop("config").tobytes())
    change(config, arrays)
    blob = np.frombuffer(json.dumps(config).encode(), dtype=np.uint8)
    np.savez(target, config=blob, **arrays)


# -- the table ---------------------------------------------------------------------------------


@dataclass
class Case:
    """``files``: name -> bytes, text or arrays (an .npz) written to tmp first; ``cli``: the
    arguments ({tmp} is the folder); ``api``: the same input through the Python API;
    ``words``: a regex both messages must contain."""

    id: str
    cli: list[str]
    api: Callable[[Path], Any]
    words: str
    files: dict[str, Any] | None = None


def spec_case(id: str, words: str, change=None, raw=None) -> Case:
    return Case(
        f"spec-{id}",
        ["train", "--spec", "{tmp}/s.json", "--epochs", "1"],
        lambda t: load_spec(t / "s.json"),
        words,
        {"s.json": spec_text(change, raw)},
    )


def data_case(id: str, words: str, name: str, content: Any, extra=(), api=None) -> Case:
    return Case(
        f"data-{id}",
        ["train", "--data", "{tmp}/" + name, "--epochs", "1", "--save", "{tmp}/out.npz", *extra],
        api or (lambda t: load_file(t / name)),
        words,
        {name: content},
    )


def arg_case(id: str, flag: list[str], api: Callable[[Path], Any], words: str) -> Case:
    return Case(
        f"arg-{id}",
        ["train", "moons", "--samples", "40", "--save", "{tmp}/out.npz", *flag],
        api,
        words,
    )


def moons_fit(**fit: Any) -> Callable[[Path], Any]:
    def call(t: Path) -> Any:
        x, y = make_toy("moons", samples=40, noise=0.1, seed=0)
        return Classifier(**fit.pop("model", {})).fit(x, y, **fit)

    return call


def layer_edit(key: str, value: Any) -> Callable[[dict], None]:
    return lambda s: s["layers"][0].__setitem__(key, value)


CASES = [
    # specs
    spec_case("not-json", r"not valid JSON", raw="{not json"),
    spec_case("missing-field", r"missing field 'layers'", lambda s: s.pop("layers")),
    spec_case("wrong-shape", r"weights has 1 rows, expected 2×2", layer_edit("weights", [[1, 2]])),
    spec_case(
        "string-for-number",
        r"learning_rate 'fast': expected a number > 0",
        lambda s: s.update(learning_rate="fast"),
    ),
    spec_case(
        "nan",
        r"NaN is not allowed: expected finite numbers",
        raw=spec_text().replace('"learning_rate": 0.5', '"learning_rate": NaN'),
    ),
    spec_case(
        "infinity",
        r"Infinity is not allowed: expected finite numbers",
        raw=spec_text().replace("0.15", "Infinity"),
    ),
    spec_case(
        "unknown-activation",
        r"unknown activation 'sigmod': expected one of .*; did you mean 'sigmoid'\?",
        layer_edit("activation", "sigmod"),
    ),
    spec_case(
        "unknown-loss",
        r"unknown loss 'half_se'.*did you mean 'half_sse'\?",
        lambda s: s.update(loss="half_se"),
    ),
    spec_case(
        "unknown-bias-mode",
        r"unknown bias mode 'shard'.*did you mean 'shared'\?",
        layer_edit("bias", "shard"),
    ),
    spec_case(
        "empty-layers",
        r"layers is empty, expected at least one layer",
        lambda s: s.update(layers=[]),
    ),
    spec_case(
        "learning-rate-zero",
        r"learning_rate 0: expected a number > 0",
        lambda s: s.update(learning_rate=0),
    ),
    spec_case(
        "learning-rate-negative",
        r"learning_rate -1: expected a number > 0",
        lambda s: s.update(learning_rate=-1),
    ),
    # data
    Case(
        "data-missing-file",
        ["train", "--data", "{tmp}/nothing.npz", "--save", "{tmp}/out.npz"],
        lambda t: load_file(t / "nothing.npz"),
        r"nothing\.npz': no such file",
    ),
    data_case("npz-without-X", r"has arrays \['y'\], expected X and y", "d.npz", moons_npz(X=None)),
    data_case(
        "npz-nan",
        r"X: value nan at sample 5, feature 1: expected finite numbers",
        "d.npz",
        moons_npz(X=with_nan(np.nan)),
    ),
    data_case(
        "npz-infinity",
        r"X: value inf at sample 5, feature 1: expected finite numbers",
        "d.npz",
        moons_npz(X=with_nan(np.inf)),
    ),
    data_case(
        "csv-nan",
        r"value nan at sample 1, feature 0: expected finite numbers",
        "d.csv",
        "a,b,label\n1,2,0\nnan,3,1\n4,5,0\n",
    ),
    data_case(
        "lengths-differ",
        r"y has shape \(39,\), expected one label per row of X",
        "d.npz",
        moons_npz(y=np.zeros(39, dtype=np.int64)),
    ),
    data_case(
        "no-samples",
        r"X is a float64 array of shape \(0, 2\), expected numbers",
        "d.npz",
        moons_npz(X=np.zeros((0, 2)), y=np.zeros(0, dtype=np.int64)),
    ),
    data_case(
        "csv-header-only", r"1 rows, expected a header row and samples", "d.csv", "a,b,label\n"
    ),
    data_case(
        "object-array",
        r"holds object arrays, which are not accepted \(no pickle\)",
        "d.npz",
        moons_npz(y=np.array([None] * 40, dtype=object)),
    ),
    Case(
        "data-negative-label",
        ["evaluate", "{tmp}/model.npz", "{tmp}/neg.npz"],
        lambda t: chainrule.load(t / "model.npz").evaluate(*_xy(t / "neg.npz")),
        r"label '-1': expected one of 0, 1",
        {"neg.npz": moons_npz(y=np.r_[-1, np.zeros(39, dtype=np.int64)]), "model.npz": "GOOD"},
    ),
    Case(
        "data-more-classes-than-outputs",
        ["train", "--data", "{tmp}/three.npz", "--layers", "2,4,2", "--save", "{tmp}/out.npz"],
        lambda t: Classifier([2, 4, 2]).fit(*_xy(t / "three.npz"), epochs=1),
        r"3 classes",
        {"three.npz": moons_npz(y=np.arange(40) % 3)},
    ),
    Case(
        "data-first-layer-mismatch",
        ["train", "--data", "{tmp}/d.npz", "--layers", "3,4,2", "--save", "{tmp}/out.npz"],
        lambda t: Classifier([3, 4, 2]).fit(*_xy(t / "d.npz"), epochs=1),
        r"2 features",
        {"d.npz": moons_npz()},
    ),
    # arguments
    arg_case(
        "epochs-not-a-number",
        ["--epochs", "abc"],
        moons_fit(epochs="abc"),
        r"'abc'.*expected a whole number >= 0",
    ),
    arg_case(
        "epochs-negative",
        ["--epochs", "-1"],
        moons_fit(epochs=-1),
        r"-1: expected a whole number >= 0",
    ),
    arg_case(
        "batch-size-zero",
        ["--batch-size", "0"],
        moons_fit(batch_size=0),
        r"0: expected a whole number >= 1",
    ),
    arg_case(
        "lr-not-a-number",
        ["--lr", "fast"],
        moons_fit(model={"learning_rate": "fast"}),
        r"'fast'.*expected a (finite )?number > 0",
    ),
    arg_case(
        "lr-zero",
        ["--lr", "0"],
        moons_fit(model={"learning_rate": 0}),
        r"0'?: expected a finite number > 0",
    ),
    arg_case(
        "unknown-optimizer",
        ["--optimizer", "adm"],
        moons_fit(model={"optimizer": "adm"}),
        r"'adm'.*did you mean 'adam'\?",
    ),
    arg_case(
        "unknown-loss",
        ["--loss", "crossentropy"],
        moons_fit(model={"loss": "crossentropy"}),
        r"'crossentropy'.*did you mean "
        r"'cross_entropy'\?",
    ),
    arg_case(
        "unknown-activation",
        ["--activation", "rleu"],
        moons_fit(model={"activation": "rleu", "layers": [2, 4, 2]}),
        r"unknown activation 'rleu'.*did you mean 'relu'\?",
    ),
    arg_case(
        "unknown-scaling",
        ["--scaling", "standardise"],
        moons_fit(model={"scaling": "standardise"}),
        r"'standardise'.*did you mean 'standardize'\?",
    ),
    arg_case(
        "unknown-schedule",
        ["--schedule", "cosin"],
        moons_fit(model={"schedule": "cosin"}),
        r"'cosin'.*did you mean 'cosine'\?",
    ),
    arg_case(
        "layers-not-numbers",
        ["--layers", "2,x,2"],
        moons_fit(model={"layers": [2, "x", 2]}),
        r"'x'|2,x,2",
    ),
    Case(
        "arg-unknown-data-set",
        ["train", "mnsit", "--save", "{tmp}/out.npz"],
        lambda t: load_dataset("mnsit"),
        r"'mnsit'.*did you mean 'mnist'\?",
    ),
    Case(
        "arg-unknown-example",
        ["explain", "--example", "mazr"],
        lambda t: spec_from_args("mazr", None),
        r"unknown example 'mazr'.*did you mean 'mazur'\?",
    ),
    # files
    Case(
        "file-idx-truncated",
        ["train", "mnist", "--data-dir", "{tmp}/idx", "--save", "{tmp}/out.npz"],
        lambda t: read_idx(t / "idx" / "train-images-idx3-ubyte"),
        r"train-images-idx3-ubyte: 150 bytes, expected 208 for a 12×4×4 array of uint8",
        {"idx": GOOD_IMAGES[:150]},
    ),
    Case(
        "file-idx-bad-magic",
        ["train", "mnist", "--data-dir", "{tmp}/idx", "--save", "{tmp}/out.npz"],
        lambda t: read_idx(t / "idx" / "train-images-idx3-ubyte"),
        r"magic number 0x504b0304, expected an IDX file",
        {"idx": b"PK\x03\x04" + GOOD_IMAGES[4:]},
    ),
    Case(
        "file-idx-header-claims-more",
        ["train", "mnist", "--data-dir", "{tmp}/idx", "--save", "{tmp}/out.npz"],
        lambda t: read_idx(t / "idx" / "train-images-idx3-ubyte"),
        r"expected 4000000000016 for a 1000000×2000×2000 array of uint8",
        {"idx": struct.pack(">HBB3I", 0, 8, 3, 1_000_000, 2000, 2000) + bytes(100)},
    ),
    Case(
        "file-idx-bad-gzip",
        ["train", "mnist", "--data-dir", "{tmp}/idx", "--save", "{tmp}/out.npz"],
        lambda t: read_idx(t / "idx" / "train-images-idx3-ubyte"),
        r"not a valid gzip file",
        {"idx": gzip.compress(GOOD_IMAGES)[:30]},
    ),
    Case(
        "file-model-random-bytes",
        ["evaluate", "{tmp}/m.npz", "moons"],
        lambda t: chainrule.load(t / "m.npz"),
        r"m\.npz': not a readable \.npz file \(no zip archive\)",
        {"m.npz": np.random.default_rng(1).bytes(3000)},
    ),
    Case(
        "file-model-text",
        ["predict", "{tmp}/m.npz", "{tmp}/d.npz"],
        lambda t: chainrule.load(t / "m.npz"),
        r"m\.npz': not a readable \.npz file \(no zip archive\)",
        {"m.npz": "a model, honestly\n", "d.npz": moons_npz()},
    ),
    Case(
        "file-model-truncated",
        ["evaluate", "{tmp}/m.npz", "moons"],
        lambda t: chainrule.load(t / "m.npz"),
        r"m\.npz': not a readable \.npz file",
        {"m.npz": "GOOD-HALF"},
    ),
    Case(
        "file-model-newer-version",
        ["evaluate", "{tmp}/m.npz", "moons"],
        lambda t: chainrule.load(t / "m.npz"),
        rf"model format version {FORMAT_VERSION + 1}, expected {FORMAT_VERSION} or older",
        {"m.npz": ("REWRITE", lambda c, a: c.update(format_version=FORMAT_VERSION + 1))},
    ),
    Case(
        "file-model-wrong-dtype",
        ["evaluate", "{tmp}/m.npz", "moons"],
        lambda t: chainrule.load(t / "m.npz"),
        r"array param\.layer1\.weights is float64 \[4, 2\], expected float32 \[4, 2\]",
        {
            "m.npz": (
                "REWRITE",
                lambda c, a: (
                    a.update({"param.layer1.weights": a["param.layer1.weights"].astype("f8")}),
                    c["arrays"]["param.layer1.weights"].update(dtype="float64"),
                ),
            )
        },
    ),
    Case(
        "file-resume-from-corrupt-checkpoint",
        ["train", "moons", "--samples", "40", "--epochs", "2", "--save", "{tmp}/m.npz", "--resume"],
        lambda t: chainrule.load(t / "m.npz"),
        r"m\.npz': not a readable \.npz file \(no zip archive\)",
        {"m.npz": b"\x00" * 64},
    ),
]


def _xy(path: Path) -> tuple[np.ndarray, np.ndarray]:
    with np.load(path, allow_pickle=False) as npz:
        return npz["X"], npz["y"]


def write_files(case: Case, tmp: Path, good: Path) -> dict[Path, bytes]:
    """Write the case's files; returns every file in tmp with its bytes."""
    for name, content in (case.files or {}).items():
        target = tmp / name
        if name == "idx":
            idx_set(target, images=content)
            continue
        if isinstance(content, dict):
            np.savez(target, **content)
        elif content == "GOOD":
            target.write_bytes(good.read_bytes())
        elif content == "GOOD-HALF":
            data = good.read_bytes()
            target.write_bytes(data[: len(data) // 2])
        elif isinstance(content, tuple) and content[0] == "REWRITE":
            rewritten_model(good, target, content[1])
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
    return {p: p.read_bytes() for p in tmp.rglob("*") if p.is_file()}


def test_at_least_30_cases() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_cli(case: Case, tmp_path: Path, good_model: Path, capsys) -> None:
    before = write_files(case, tmp_path, good_model)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in case.cli]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("chainrule: error: "), err
    assert re.search(case.words, lines[0]), lines[0]
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # nothing created (no out.npz, no temporary file), nothing changed


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_api(case: Case, tmp_path: Path, good_model: Path) -> None:
    before = write_files(case, tmp_path, good_model)
    with pytest.raises(ChainruleError) as info:
        case.api(tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert re.search(case.words, message), message
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("id", ["spec-unknown-activation", "data-npz-nan", "arg-unknown-optimizer"])
def test_in_a_fresh_interpreter(id: str, tmp_path: Path, good_model: Path) -> None:
    case = next(c for c in CASES if c.id == id)
    write_files(case, tmp_path, good_model)
    result = run_cli(*[a.replace("{tmp}", str(tmp_path)) for a in case.cli])
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert re.search(case.words, result.stderr), result.stderr


@pytest.mark.parametrize(
    "message",
    [
        "argument --optimizer: invalid choice: 'adm' (choose from 'sgd', 'momentum', 'adam')",
        "argument --optimizer: invalid choice: 'adm' (choose from sgd, momentum, adam)",
    ],
)
def test_choice_hint_reads_both_argparse_spellings(message: str) -> None:
    from chainrule.cli import _choice_hint

    assert _choice_hint(message) == "; did you mean 'adam'?"
    assert _choice_hint("argument --optimizer: invalid choice: 'zzz' (choose from a, b)") == ""
