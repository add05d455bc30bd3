"""Hostile input, class by class: nothing lost, nothing hidden.

Every command-line case runs in a folder of real files (data, a spec, model files, links)
through ``chainrule.cli.main`` in-process and asserts the exit status, exactly one line on
stderr without a traceback, every file in the folder byte-identical (and of the same kind and
permissions), and no stray output, lock or temporary file. The memory bombs run in a fresh
interpreter that measures its child's peak memory (``RUSAGE_CHILDREN``). The Python API cases
assert a one-line :class:`ChainruleError`.

Classes: an output that is an input; special files; memory bombs; silently wrong models
(labels, overflow, non-finite outputs); tracebacks (deep or huge JSON, damaged PNGs,
arguments); signals, locks and resume settings.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import chainrule
from chainrule.cli import main
from chainrule.data import load_npz, make_toy
from chainrule.data.idx import idx_bytes
from chainrule.errors import ChainruleError
from chainrule.nn import Network
from chainrule.teach.examples import MAZUR
from chainrule.teach.spec import parse_spec_text
from chainrule.training.classifier import Classifier
from hostile_files import nested, npy_header, npz_bomb, npz_of_header, png, png_bomb

MB = 1024  # ru_maxrss is in KiB on Linux
PEAK_LIMIT_MB = 256

# -- the folder every case starts from ----------------------------------------------------------


def moons(samples: int = 40) -> tuple[np.ndarray, np.ndarray]:
    return make_toy("moons", samples=samples, noise=0.1, seed=0)


def write_npz(path: Path, **arrays: Any) -> None:
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def spec_json(**changes: Any) -> str:
    spec = json.loads(json.dumps(MAZUR))
    spec.update(changes)
    return json.dumps(spec)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    x, y = moons()
    write_npz(folder / "d.npz", X=x, y=y)
    rows = ["x1,x2,label"] + [
        f"{float(a)!r},{float(b)!r},{c}" for (a, b), c in zip(x, y, strict=True)
    ]
    (folder / "d.csv").write_text("\n".join(rows) + "\n")
    (folder / "s.json").write_text(spec_json())
    model = Classifier([2, 8, 2], scaling="standardize", batch_size=8)
    model.fit(x, y, epochs=1)
    model.save(folder / "m.npz")
    shutil.copy(folder / "m.npz", folder / "m.onnx")  # a model file by another name
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(20, 28, 28)).astype(np.uint8)
    img = Classifier([784, 4, 10], scaling="unit", image_shape=[28, 28], batch_size=10)
    img.fit(images.reshape(20, -1), np.arange(20) % 10, epochs=1)
    img.save(folder / "img.npz")
    idx = folder / "idx"
    idx.mkdir()
    small = rng.integers(0, 256, size=(12, 4, 4)).astype(np.uint8)
    labels = (np.arange(12) % 10).astype(np.uint8)
    for prefix in ("train", "t10k"):
        (idx / f"{prefix}-images-idx3-ubyte").write_bytes(idx_bytes(small))
        (idx / f"{prefix}-labels-idx1-ubyte").write_bytes(idx_bytes(labels))
    return folder


@pytest.fixture
def folder(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "w"
    shutil.copytree(template, work)
    (work / "link.npz").symlink_to("d.npz")
    (work / "slink.json").symlink_to("s.json")
    os.link(work / "d.npz", work / "hard.npz")
    monkeypatch.chdir(work)
    return work


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under ``root``: its kind, permissions and bytes (a link: its target)."""
    seen = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = path.lstat()
            rel = str(path.relative_to(root))
            if stat.S_ISLNK(st.st_mode):
                seen[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(st.st_mode):
                seen[rel] = ("file", stat.S_IMODE(st.st_mode), path.read_bytes())
            else:
                seen[rel] = ("other", stat.S_IFMT(st.st_mode))
    return seen


def check_untouched(before: dict, after: dict, allowed: tuple[str, ...] = ()) -> None:
    for rel, entry in before.items():
        assert after.get(rel) == entry, f"{rel} changed"
    new = set(after) - set(before)
    stray = {n for n in new if n not in allowed}
    assert not stray, f"stray files: {sorted(stray)}"
    assert not [n for n in after if n.endswith((".tmp", ".lock"))]


def one_line(err: str, words: str) -> None:
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert re.search(words, err), err


# -- command-line cases, in-process -------------------------------------------------------------


@dataclass
class Case:
    id: str
    argv: list[str]
    words: str
    status: int = 2
    files: dict[str, bytes | str] = field(default_factory=dict)
    outputs: tuple[str, ...] = ()


def npz_bytes(**arrays: Any) -> bytes:
    import io

    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def with_value(value: float, scale: float | None = None) -> bytes:
    x, y = moons()
    x = x.copy()
    x[3, 1] = value
    if scale is not None:
        x = x * scale
    return npz_bytes(X=x, y=y)


def labelled(y: np.ndarray, **extra: Any) -> bytes:
    x, _ = moons(len(y))
    return npz_bytes(X=x, y=y, **extra)


def idx_labels(labels: np.ndarray, code: int | None = None) -> dict[str, bytes]:
    return {"idx/train-labels-idx1-ubyte": idx_bytes(labels, code)}


def png_ihdr(width: int, height: int, body_len: int = 13) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)[:body_len]
    return png(ihdr, zlib.compress(bytes((width + 1) * min(height, 4))))


TRAIN = ["train", "--epochs", "1", "--quiet"]
CLASH = r"is the input|are one file"
DEEP = nested(100_000)
RESUME = [*TRAIN, "--data", "d.npz", "--save", "m.npz", "--resume", "--epochs", "3"]

CLI_CASES = [
    # an output that is an input (or another output)
    Case("save-over-npz", [*TRAIN, "--data", "d.npz", "--save", "d.npz"], CLASH),
    Case("save-dash", [*TRAIN, "moons", "--save", "-"], r"--save '-': expected a file name"),
    Case(
        "regression-save-dash",
        [*TRAIN, "plane", "--save", "-"],
        r"--save '-': expected a file name",
    ),
    Case(
        "regression-save-over-npz",
        [*TRAIN, "--task", "regression", "--data", "d.npz", "--save", "hard.npz"],
        CLASH,
    ),
    Case("save-over-csv", [*TRAIN, "--data", "d.csv", "--save", "d.csv"], CLASH),
    Case("save-dot-slash", [*TRAIN, "--data", "d.npz", "--save", "./d.npz"], CLASH),
    Case("save-symlink", [*TRAIN, "--data", "d.npz", "--save", "link.npz"], CLASH),
    Case("save-hardlink", [*TRAIN, "--data", "d.npz", "--save", "hard.npz"], CLASH),
    Case("save-dotdot", [*TRAIN, "--data", "d.npz", "--save", "idx/../d.npz"], CLASH),
    Case("save-missing-dir-dotdot", [*TRAIN, "--data", "d.csv", "--save", "no/../d.csv"], CLASH),
    Case("save-absolute", [*TRAIN, "--data", "d.npz", "--save", "{dir}/d.npz"], CLASH),
    Case(
        "save-over-data-resume", [*TRAIN, "--data", "d.npz", "--save", "d.npz", "--resume"], CLASH
    ),
    Case("data-via-link", [*TRAIN, "--data", "link.npz", "--save", "d.npz"], CLASH),
    Case("explain-output-spec", ["explain", "--spec", "s.json", "--output", "s.json"], CLASH),
    Case("explain-o-spec", ["explain", "--spec", "s.json", "-o", "./s.json"], CLASH),
    Case(
        "explain-html-abs",
        ["explain", "--spec", "s.json", "--format", "html", "-o", "{dir}/s.json"],
        CLASH,
    ),
    Case("graph-output-spec", ["graph", "--spec", "s.json", "--output", "s.json"], CLASH),
    Case("graph-output-link", ["graph", "--spec", "s.json", "-o", "slink.json"], CLASH),
    Case("graph-link-input", ["graph", "--spec", "slink.json", "-o", "s.json"], CLASH),
    Case("export-over-source", ["export", "m.onnx", "m.onnx"], CLASH),
    Case("export-over-source-spelt", ["export", "m.onnx", "./m.onnx"], CLASH),
    Case("export-json-suffix", ["export", "s.json", "s.json"], r"ending in \.onnx"),
    Case("save-is-history-plot", [*TRAIN, "moons", "--save", "history.png", "--plot", "."], CLASH),
    Case("save-is-confusion", [*TRAIN, "moons", "--save", "confusion.png", "--plot", "."], CLASH),
    Case(
        "save-is-boundary",
        [*TRAIN, "moons", "--save", "decision_boundary.png", "--plot", "."],
        CLASH,
    ),
    Case(
        "save-into-data-dir",
        [*TRAIN, "mnist", "--data-dir", "idx", "--save", "idx/train-images-idx3-ubyte"],
        CLASH,
    ),
    # special files
    Case("explain-dev-null", ["explain", "--example", "mazur", "-o", "/dev/null"], "", 0),
    Case("graph-dev-null", ["graph", "--format", "dot", "-o", "/dev/null"], "", 0),
    Case("explain-stdout-dash", ["explain", "--example", "mazur", "-o", "-"], "", 0),
    Case("graph-stdout-dash", ["graph", "--format", "dot", "-o", "-"], "", 0),
    Case("output-is-folder", ["explain", "-o", "idx"], r"folder|directory"),
    Case(
        "save-dev-null-resume",
        [*TRAIN, "--data", "d.npz", "--save", "/dev/null", "--resume"],
        r"readable",
    ),
    # memory: odd item types and lying headers (in-process: refused from the header)
    Case(
        "npz-stored-liar",
        [*TRAIN, "--data", "b.npz"],
        r"header that fits",
        files={"b.npz": npz_bomb("stored")},
    ),
    Case(
        "npz-v0",
        [*TRAIN, "--data", "b.npz"],
        r"item type \|V0",
        files={"b.npz": npz_of_header(npy_header((10**12,), "|V0"))},
    ),
    Case(
        "npz-object",
        [*TRAIN, "--data", "b.npz"],
        r"object arrays",
        files={"b.npz": npz_of_header(npy_header((2,), "|O"))},
    ),
    Case(
        "npz-structured",
        [*TRAIN, "--data", "b.npz"],
        r"item type",
        files={
            "b.npz": npz_of_header(
                b"\x93NUMPY\x01\x00"
                + struct.pack("<H", 119)
                + "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }".ljust(
                    118
                ).encode()
                + b"\n",
                bytes(16),
            )
        },
    ),
    Case(
        "npz-datetime",
        [*TRAIN, "--data", "b.npz"],
        r"item type",
        files={"b.npz": npz_of_header(npy_header((2, 2), "<M8[s]"), bytes(32))},
    ),
    Case(
        "npz-not-npy",
        [*TRAIN, "--data", "b.npz"],
        r"not a \.npy",
        files={"b.npz": npz_of_header(b"hello world, not an array")},
    ),
    Case(
        "npz-short-data",
        [*TRAIN, "--data", "b.npz"],
        r"only 8 of",
        files={"b.npz": npz_of_header(npy_header((2, 2)), bytes(8))},
    ),
    Case(
        "npz-truncated",
        [*TRAIN, "--data", "b.npz"],
        r"readable",
        files={"b.npz": npz_bytes(X=np.zeros((4, 2)), y=np.zeros(4))[:150]},
    ),
    Case(
        "npz-garbage-zip",
        [*TRAIN, "--data", "b.npz"],
        r"readable",
        files={"b.npz": b"PK\x03\x04" + bytes(200)},
    ),
    Case(
        "layers-huge", [*TRAIN, "moons", "--layers", "2,10000000000,2"], r"parameters \(.* bytes\)"
    ),
    Case(
        "layers-huge-gates",
        ["train", "--layers", "2,100000000000,1", "--epochs", "1"],
        r"parameters",
    ),
    Case("samples-huge", [*TRAIN, "moons", "--samples", "100000000000000"], r"bytes"),
    Case(
        "classes-huge",
        [*TRAIN, "spirals", "--classes", "1000000000000"],
        r"no more classes than samples",
    ),
    Case(
        "spec-input-size-50m",
        ["explain", "--spec", "big.json"],
        r"parameters",
        files={"big.json": spec_json(input_size=50_000_000, inputs=[[0.1]])},
    ),
    Case(
        "spec-units-huge",
        ["graph", "--spec", "big.json"],
        r"parameters",
        files={"big.json": spec_json(layers=[{"units": 10**12}])},
    ),
    # deep and huge JSON
    Case(
        "spec-deep-explain",
        ["explain", "--spec", "deep.json"],
        r"nested 100000 levels",
        files={"deep.json": DEEP},
    ),
    Case("spec-deep-graph", ["graph", "--spec", "deep.json"], r"nested", files={"deep.json": DEEP}),
    Case("spec-deep-train", ["train", "--spec", "deep.json"], r"nested", files={"deep.json": DEEP}),
    Case(
        "spec-deep-export", ["export", "deep.json", "o.onnx"], r"nested", files={"deep.json": DEEP}
    ),
    Case(
        "spec-deep-in-field",
        ["explain", "--spec", "deep.json"],
        r"nested 71 levels",
        files={"deep.json": spec_json()[:-1] + ', "name": ' + nested(70) + "}"},
    ),
    Case(
        "spec-5000-digits",
        ["explain", "--spec", "n.json"],
        r"5000 characters",
        files={"n.json": spec_json()[:-1] + ', "seed": ' + "7" * 5000 + "}"},
    ),
    Case(
        "spec-10-to-400",
        ["explain", "--spec", "n.json"],
        r"401 characters",
        files={"n.json": spec_json()[:-1] + ', "learning_rate": 1' + "0" * 400 + "}"},
    ),
    Case(
        "spec-1e400",
        ["explain", "--spec", "n.json"],
        r"learning_rate inf|finite",
        files={"n.json": spec_json()[:-1] + ', "learning_rate": 1e400}'},
    ),
    Case(
        "spec-nan",
        ["explain", "--spec", "n.json"],
        r"NaN is not allowed",
        files={"n.json": spec_json()[:-1] + ', "learning_rate": NaN}'},
    ),
    Case(
        "spec-not-utf8",
        ["explain", "--spec", "n.json"],
        r"cannot be read",
        files={"n.json": b"\xff\xfe{"},
    ),
    # silently wrong models: labels, overflow, widths
    Case(
        "labels-uint64",
        [*TRAIN, "--data", "b.npz"],
        r"label 9223372036854775809",
        files={"b.npz": labelled(np.array([2**63, 2**63 + 1] * 20, dtype=np.uint64))},
    ),
    Case(
        "labels-float-1e19",
        [*TRAIN, "--data", "b.npz"],
        r"label 1e\+19",
        files={"b.npz": labelled(np.array([1e19, 1e19 + 4096] * 20))},
    ),
    Case(
        "labels-nan",
        [*TRAIN, "--data", "b.npz"],
        r"label nan",
        files={"b.npz": labelled(np.array([0.0, np.nan] * 20))},
    ),
    Case(
        "labels-inf",
        [*TRAIN, "--data", "b.npz"],
        r"label inf",
        files={"b.npz": labelled(np.array([0.0, np.inf] * 20))},
    ),
    Case(
        "labels-test-nan",
        [*TRAIN, "--data", "b.npz"],
        r"label nan",
        files={
            "b.npz": labelled(
                np.arange(40) % 2, X_test=moons(4)[0], y_test=np.array([0, 1, np.nan, 1])
            )
        },
    ),
    Case(
        "idx-labels-float",
        [*TRAIN, "mnist", "--data-dir", "idx"],
        r"label 0\.5",
        files=idx_labels(np.full(12, 0.5, dtype=np.float32), 0x0D),
    ),
    Case(
        "idx-labels-eleven",
        [*TRAIN, "mnist", "--data-dir", "idx"],
        r"label 11",
        files=idx_labels(np.full(12, 11, dtype=np.uint8)),
    ),
    Case(
        "feature-1e308",
        [*TRAIN, "--data", "b.npz", "--save", "o.npz"],
        r"too large to standardize",
        files={"b.npz": with_value(1e308)},
    ),
    Case(
        "feature-1e308-unscaled",
        [*TRAIN, "--data", "b.npz", "--scaling", "none", "--save", "o.npz"],
        r"overflows float32",
        files={"b.npz": with_value(1e308)},
    ),
    Case(
        "feature-1e308-csv",
        [*TRAIN, "--data", "b.csv", "--save", "o.npz"],
        r"too large",
        files={"b.csv": "a,b,label\n1e308,1,0\n-1e308,2,1\n3,1,0\n"},
    ),
    Case(
        "x-test-wider",
        [*TRAIN, "--data", "b.npz", "--save", "o.npz"],
        r"X_test has 3 features",
        files={"b.npz": labelled(np.arange(40) % 2, X_test=np.zeros((4, 3)), y_test=np.zeros(4))},
    ),
    Case(
        "evaluate-wrong-width",
        ["evaluate", "m.npz", "b.npz"],
        r"features",
        files={"b.npz": npz_bytes(X=np.zeros((4, 3)), y=np.zeros(4))},
    ),
    Case(
        "predict-huge-inputs",
        ["predict", "m.npz", "b.npz", "--json"],
        r"not finite|overflows",
        files={"b.npz": npz_bytes(X=np.full((2, 2), 3e38))},
    ),
    # damaged PNGs, arguments
    Case(
        "png-ihdr-12",
        ["predict", "img.npz", "p.png"],
        r"header chunk of 12 bytes",
        files={"p.png": png_ihdr(28, 28, 12)},
    ),
    Case(
        "png-zero-size",
        ["predict", "img.npz", "p.png"],
        r"0×28 pixels",
        files={"p.png": png_ihdr(0, 28)},
    ),
    Case(
        "png-huge-size",
        ["predict", "img.npz", "p.png"],
        r"pixels, expected 1 to",
        files={"p.png": png_ihdr(100_000, 100_000)},
    ),
    Case(
        "png-truncated",
        ["predict", "img.npz", "p.png"],
        r"truncated|damaged|bytes",
        files={"p.png": png_ihdr(28, 28)[:40]},
    ),
    Case("png-not-png", ["predict", "img.npz", "p.png"], r"not a PNG", files={"p.png": b"GIF89a"}),
    Case("evaluate-seed-negative", ["evaluate", "m.npz", "moons", "--seed", "-1"], r"--seed: -1"),
    Case("layers-zero", [*TRAIN, "moons", "--layers", "2,0,2"], r"positive sizes"),
    Case("layers-text", [*TRAIN, "moons", "--layers", "two,4,2"], r"sizes separated"),
    Case("batch-size-0", [*TRAIN, "moons", "--batch-size", "0"], r"--batch-size"),
    Case("epochs-negative", ["train", "moons", "--epochs", "-1"], r"--epochs"),
    Case("lr-nan", [*TRAIN, "moons", "--lr", "nan"], r"--lr"),
    Case("lr-inf", [*TRAIN, "moons", "--lr", "inf"], r"--lr"),
    Case("momentum-1.5", [*TRAIN, "moons", "--momentum", "1.5"], r"--momentum"),
    Case("validation-1", [*TRAIN, "moons", "--validation", "1"], r"--validation"),
    Case("noise-inf", [*TRAIN, "moons", "--noise", "inf"], r"--noise"),
    Case("digits-0", ["explain", "--digits", "0"], r"--digits"),
    Case("digits-99", ["explain", "--digits", "99"], r"--digits 99"),
    Case("top-0", ["predict", "m.npz", "d.npz", "--top", "0"], r"--top"),
    Case("sample-0", ["graph", "--example", "mazur", "--sample", "0"], r"--sample"),
    Case("sample-too-big", ["graph", "--example", "mazur", "--sample", "99999999999"], r"sample"),
    Case("opset-0", ["export", "--example", "mazur", "o.onnx", "--opset", "0"], r"--opset"),
    Case("override-alone", [*TRAIN, "moons", "--override"], r"--override is for --resume"),
    Case("resume-without-save", [*TRAIN, "moons", "--resume"], r"--resume needs --save"),
    Case("unknown-optimizer", [*TRAIN, "moons", "--optimizer", "adm"], r"did you mean 'adam'"),
    Case("missing-model", ["predict", "nope.npz", "d.npz"], r"no such"),
    Case("model-is-data", ["predict", "d.npz", "d.npz"], r"not a chainrule model"),
    Case("model-is-text", ["evaluate", "s.json", "moons"], r"readable"),
    Case("data-unknown-suffix", [*TRAIN, "--data", "s.json"], r"unknown file type"),
    # resume with other settings than the saved run's
    Case(
        "resume-optimizer",
        [*RESUME, "--optimizer", "sgd"],
        r"--optimizer sgd \(saved adam\).*--override",
    ),
    Case("resume-lr", [*RESUME, "--lr", "0.5"], r"--lr 0.5 \(saved 0.001\)"),
    Case("resume-momentum", [*RESUME, "--momentum", "0.5"], r"--momentum 0.5"),
    Case("resume-weight-decay", [*RESUME, "--weight-decay", "0.1"], r"--weight-decay 0.1"),
    Case(
        "resume-schedule",
        [*RESUME, "--schedule", "cosine"],
        r"--schedule cosine \(saved constant\)",
    ),
    Case("resume-batch-size", [*RESUME, "--batch-size", "3"], r"--batch-size 3 \(saved 8\)"),
    Case("resume-two", [*RESUME, "--lr", "0.5", "--batch-size", "3"], r"--lr 0.5 .*--batch-size 3"),
    Case(
        "resume-loss",
        [*RESUME, "--loss", "mse"],
        r"--loss mse \(saved cross_entropy\).*cannot change",
    ),
    Case("resume-activation", [*RESUME, "--activation", "tanh"], r"--activation tanh"),
    Case("resume-init", [*RESUME, "--init", "he"], r"--init he"),
    Case("resume-scaling", [*RESUME, "--scaling", "none"], r"--scaling none"),
    Case("resume-dtype", [*RESUME, "--dtype", "float64"], r"--dtype float64"),
    Case(
        "resume-layers",
        [*RESUME, "--layers", "2,4,2"],
        r"--layers 2,4,2 \(saved 2,8,2\).*cannot change",
    ),
    Case("resume-seed", [*RESUME, "--seed", "3"], r"--seed 3 \(saved 0\).*--override"),
    Case("resume-validation", [*RESUME, "--validation", "0.25"], r"--validation 0.25 \(saved 0\)"),
    Case("resume-patience", [*RESUME, "--patience", "2"], r"--patience 2 \(saved none\)"),
    Case("resume-override-fixed", [*RESUME, "--loss", "mse", "--override"], r"cannot change"),
    Case("lock-held", RESUME, r"in use by process \d+", files={"m.npz.lock": f"{os.getppid()}\n"}),
]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_cli_case(case: Case, folder: Path, capsys: pytest.CaptureFixture) -> None:
    for name, content in case.files.items():
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    before = snapshot(folder)
    argv = [a.replace("{dir}", str(folder)) for a in case.argv]
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == case.status, err
    if case.status == 2:
        one_line(err, case.words)
        assert out == ""
    else:
        assert "Traceback" not in err
    after = snapshot(folder)
    if "lock-held" == case.id:  # the holder's lock stays; nothing else appears
        assert after.pop("m.npz.lock") == before.pop("m.npz.lock")
    check_untouched(before, after, case.outputs)


# -- memory bombs in a fresh interpreter, peak memory measured ----------------------------------

PEAK = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(r.returncode, peak)\n"
    "sys.stderr.buffer.write(r.stderr)\n"
)


def run_measured(folder: Path, *args: str) -> tuple[int, int, str]:
    """(exit status, peak memory in KiB, stderr) of ``chainrule ARGS`` in a fresh process."""
    result = subprocess.run(
        [sys.executable, "-c", PEAK, sys.executable, "-m", "chainrule", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, peak = map(int, result.stdout.split())
    return status, peak, result.stderr


TRAIN_BOMB = ["train", "--data", "b.npz", "--epochs", "1"]
BOMBS = [  # about 4 GB of zeros behind a header announcing 2×2 (a PNG's: 28×28)
    ("train-deflate-4gb", TRAIN_BOMB, "b.npz", lambda _: npz_bomb("deflate")),
    ("train-bzip2-4gb", TRAIN_BOMB, "b.npz", lambda _: npz_bomb("bzip2")),
    ("train-lzma-4gb", TRAIN_BOMB, "b.npz", lambda cache: npz_bomb("lzma", cache)),
    ("predict-bzip2-4gb", ["predict", "m.npz", "b.npz"], "b.npz", lambda _: npz_bomb("bzip2")),
    ("evaluate-lzma-4gb", ["evaluate", "m.npz", "b.npz"], "b.npz", lambda c: npz_bomb("lzma", c)),
    ("evaluate-stored", ["evaluate", "m.npz", "b.npz"], "b.npz", lambda _: npz_bomb("stored")),
    ("train-declared-4gb", TRAIN_BOMB, "b.npz", lambda _: npz_bomb("declared")),
    ("model-bzip2-4gb", ["predict", "b.npz", "d.npz"], "b.npz", lambda _: npz_bomb("bzip2")),
    ("model-deflate-4gb", ["evaluate", "b.npz", "moons"], "b.npz", lambda _: npz_bomb("deflate")),
    ("png-4gb", ["predict", "img.npz", "b.png"], "b.png", lambda _: png_bomb()),
    (  # a header of the most pixels a PNG may have (8192×8192 RGBA, 256 MiB), 4 GB of data
        "png-large-header-4gb",
        ["predict", "img.npz", "b.png"],
        "b.png",
        lambda _: png_bomb(width=8192, height=8192, color=6),
    ),
    (  # a header declaring 4 GiB of pixels
        "png-declares-4gb",
        ["predict", "img.npz", "b.png"],
        "b.png",
        lambda _: png_bomb(mib=1, width=65536, height=65536),
    ),
    ("layers-10g", ["train", "moons", "--layers", "2,10000000000,2"], "", lambda _: b""),
]
BOMB_REFUSED = (
    r"holds more than|only \d+ of the \d+ bytes|header that fits|half of this machine's memory"
    r"|PNG data of|pixels, expected|parameters"
)


@pytest.fixture(scope="session")
def bomb_cache(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where a bomb that is slow to build is kept between runs (pytest's cache)."""
    cache = getattr(pytestconfig, "cache", None)
    return cache.mkdir("hostile-bombs") if cache else tmp_path_factory.mktemp("bombs")


@pytest.mark.parametrize("name,args,file,make", BOMBS, ids=[b[0] for b in BOMBS])
def test_bomb_is_refused_in_bounded_memory(
    name: str,
    args: list[str],
    file: str,
    make: Callable[[Path], bytes],
    folder: Path,
    bomb_cache: Path,
) -> None:
    """Refused in one line, the child's peak memory under 256 MB: every bomb's legitimate
    content (a 2×2 array, a 28×28 image) is a few bytes."""
    if file:
        (folder / file).write_bytes(make(bomb_cache))
    before = snapshot(folder)
    status, peak, err = run_measured(folder, *args)
    assert status == 2, err
    one_line(err, BOMB_REFUSED)
    assert peak < PEAK_LIMIT_MB * MB, f"peak {peak // MB} MB"
    check_untouched(before, snapshot(folder))


def test_spec_of_50_million_inputs_stays_small(folder: Path) -> None:
    (folder / "big.json").write_text(spec_json(input_size=50_000_000, inputs=[[0.1]]))
    status, peak, err = run_measured(folder, "train", "--spec", "big.json")
    assert status == 2
    one_line(err, r"ask for 100,000,008 parameters \(800,000,064 bytes\)")
    assert peak < PEAK_LIMIT_MB * MB


# -- special files, permissions, temporary files ------------------------------------------------


def test_symlink_output_writes_its_target(folder: Path, capsys: pytest.CaptureFixture) -> None:
    (folder / "out.txt").write_text("old")
    (folder / "view.txt").symlink_to("out.txt")
    assert main(["explain", "--example", "mazur", "-o", "view.txt"]) == 0
    assert (folder / "view.txt").is_symlink() and os.readlink(folder / "view.txt") == "out.txt"
    assert (
        "Mazur" in (folder / "out.txt").read_text() or "mazur" in (folder / "out.txt").read_text()
    )


def test_fifo_output_is_written_in_place(folder: Path) -> None:
    import threading

    fifo = folder / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    assert main(["graph", "--format", "dot", "-o", str(fifo)]) == 0
    reader.join(10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and got[0].startswith(b"digraph")


def test_export_to_standard_output(folder: Path, capsysbinary: pytest.CaptureFixture) -> None:
    before = snapshot(folder)
    assert main(["export", "--example", "mazur", "-"]) == 0
    out = capsysbinary.readouterr().out
    onnx = pytest.importorskip("onnx")
    assert len(onnx.load_from_string(out).graph.node) > 0
    check_untouched(before, snapshot(folder))


def test_dev_null_stays_a_device(folder: Path) -> None:
    before = os.stat("/dev/null")
    assert main(["explain", "--example", "mazur", "-o", "/dev/null"]) == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_socket_output_is_refused(folder: Path, capsys: pytest.CaptureFixture) -> None:
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind("sock")
        assert main(["explain", "-o", "sock"]) == 2
        one_line(capsys.readouterr().err, r"special file")
        assert stat.S_ISSOCK(os.lstat("sock").st_mode)
    finally:
        sock.close()


def test_replaced_model_keeps_its_permissions(folder: Path) -> None:
    os.chmod("m.npz", 0o600)
    assert main([*RESUME[:-1], "2"]) == 0
    assert stat.S_IMODE(os.stat("m.npz").st_mode) == 0o600
    assert chainrule.load("m.npz").epoch == 2


def dead_pid() -> int:
    """The process id of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], stdout=-1)
    return int(done.stdout)


def test_stale_temporary_files_are_removed_by_the_next_save(folder: Path) -> None:
    dead = dead_pid()
    stale = folder / f".m.npz.{dead}.abc123.tmp"
    live = folder / f".m.npz.{os.getppid()}.def456.tmp"  # a live writer's: kept
    stale.write_bytes(bytes(1000))
    live.write_bytes(bytes(10))
    assert main([*RESUME[:-1], "2"]) == 0
    assert not stale.exists() and live.exists()


def test_dead_holders_lock_is_taken_over(folder: Path) -> None:
    dead = dead_pid()
    (folder / "m.npz.lock").write_text(f"{dead}\n")
    assert main([*RESUME[:-1], "2"]) == 0
    assert not (folder / "m.npz.lock").exists()


def test_override_continues_with_the_new_settings(folder: Path) -> None:
    assert (
        main([*RESUME, "--optimizer", "sgd", "--lr", "0.05", "--batch-size", "4", "--override"])
        == 0
    )
    model = chainrule.load("m.npz")
    assert model.epoch == 3 and model.optimizer.name == "sgd"
    assert model.base_learning_rate == 0.05 and model.batch_size == 4


def test_unexpected_error_is_one_line_exit_70(
    folder: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chainrule.cli import explain

    def broken(args: Any) -> int:
        raise RuntimeError("a bug\nover two lines")

    monkeypatch.setattr(explain, "run", broken)
    assert main(["explain"]) == 70
    one_line(
        capsys.readouterr().err, r"internal error: RuntimeError: a bug over two lines.*--debug"
    )
    with pytest.raises(RuntimeError):
        main(["explain", "--debug"])


def test_json_output_never_holds_nan(folder: Path, capsys: pytest.CaptureFixture) -> None:
    (folder / "b.npz").write_bytes(npz_bytes(X=np.array([[1e30, -1e30], [0.5, 0.5]])))
    status = main(["predict", "m.npz", "b.npz", "--json"])
    out, err = capsys.readouterr()
    if status == 0:
        json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    else:
        one_line(err, r"not finite")


def test_text_labels_beyond_int64_stay_distinct(
    folder: Path, capsys: pytest.CaptureFixture
) -> None:
    x, y = moons()
    names = np.where(y == 0, "18446744073709551616", "18446744073709551617")
    rows = ["a,b,label"] + [
        f"{float(a)!r},{float(b)!r},{n}" for (a, b), n in zip(x, names, strict=True)
    ]
    (folder / "big.csv").write_text("\n".join(rows) + "\n")
    assert main([*TRAIN, "--data", "big.csv", "--save", "o.npz"]) == 0
    assert chainrule.load("o.npz").class_names == ["18446744073709551616", "18446744073709551617"]


ASCII = [
    ["explain", "--example", "mazur", "--lang", "ko"],
    ["explain", "--list", "--lang", "ko"],
    ["explain", "--example", "mazur", "--lang", "ko", "--format", "markdown"],
]


@pytest.mark.parametrize("args", ASCII, ids=["explain-ko", "list-ko", "markdown-ko"])
def test_ascii_terminal_gets_escapes(args: list[str]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "chainrule", *args], capture_output=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert result.stdout.isascii() and b"\\u" in result.stdout


def test_sigterm_finishes_the_step_saves_and_exits_143(folder: Path) -> None:
    import signal
    import time

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "chainrule",
            "train",
            "moons",
            "--samples",
            "2000",
            "--epochs",
            "1000",
            "--batch-size",
            "8",
            "--save",
            "t.npz",
            "--quiet",
        ],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (folder / "t.npz").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143
    one_line(err, r"terminated: t\.npz holds \d+ complete epochs?;.*--resume")
    saved = chainrule.load(folder / "t.npz")
    assert saved.epoch >= 1 and len(saved.history.loss) == saved.epoch
    assert not [p for p in os.listdir(folder) if p.endswith((".tmp", ".lock"))]


# -- the Python API ---------------------------------------------------------------------------

X, Y = moons()


def fit(x: Any, y: Any, **kw: Any) -> Callable[[], Any]:
    return lambda: Classifier([2, 4, 2]).fit(x, y, epochs=1, **kw)


def gen() -> Any:
    return (row for row in X)


API_CASES: list[tuple[str, Callable[[], Any], str]] = [
    ("ragged-x", fit([[1, 2], [3]], [0, 1]), r"one shape"),
    ("generator-x", lambda: Classifier([2, 4, 2]).fit(gen(), Y, epochs=1), r"generator"),
    ("map-y", fit(X, map(int, Y)), r"map"),
    ("y-scalar", fit(X, 1), r"shape \(\)"),
    ("y-one-hot", fit(X, np.eye(2)[Y]), r"one-hot"),
    ("y-short", fit(X, Y[:5]), r"40 samples but 5 labels"),
    ("x-text", fit("abc", Y), r"expected numbers"),
    ("x-none", fit(None, Y), r"expected numbers"),
    ("x-dict", fit({"a": 1}, Y), r"expected numbers"),
    ("x-scalar", fit(3.0, [1]), r"single number"),
    ("y-none", fit(X, None), r"label|shape"),
    ("y-lists", fit(X, [[1, 2, 3]] * 40), r"one class label"),
    ("y-ragged", fit(X, [[1], [2, 3]] * 20), r"one shape|one class label"),
    ("y-2-70", fit(X, [2**70] * 40), r"label 1180591620717411303424"),
    ("y-nan", fit(X, [0.0, float("nan")] * 20), r"label nan"),
    ("y-uint64", fit(X, np.array([2**63] * 40, dtype=np.uint64)), r"label 9223372036854775808"),
    ("x-inf", fit(np.full((40, 2), np.inf), Y), r"finite"),
    ("x-1e308", fit(np.full((40, 2), 1e308), Y), r"overflows float32"),
    ("validation-5", fit(X, Y, validation_data=5), r"validation_data"),
    ("validation-one", fit(X, Y, validation_data=(X,)), r"validation_data"),
    ("validation-split", fit(X, Y, validation_split=1.5), r"validation"),
    ("epochs-negative", lambda: Classifier([2, 4, 2]).fit(X, Y, epochs=-1), r"epochs -1"),
    ("epochs-fraction", lambda: Classifier([2, 4, 2]).fit(X, Y, epochs=1.5), r"epochs 1.5"),
    ("batch-zero", fit(X, Y, batch_size=0), r"batch size 0"),
    ("layers-2-40", lambda: Classifier([3, 2**40, 2]), r"ask for .* parameters \(.* bytes\)"),
    ("hidden-huge", lambda: Classifier(hidden=[10**10]).fit(X, Y, epochs=1), r"parameters"),
    ("layers-one", lambda: Classifier([2]), r"two or more sizes"),
    ("layers-text", lambda: Classifier("abc"), r"expected a list of whole numbers"),
    ("layers-number", lambda: Classifier(5), r"layers 5: expected a list"),
    ("hidden-number", lambda: Classifier(hidden=64), r"hidden 64: expected a list"),
    ("class-names-number", lambda: Classifier(class_names=3), r"class_names 3"),
    ("image-shape-text", lambda: Classifier(image_shape="ab"), r"image_shape 'ab'"),
    ("dtype-unknown", lambda: Classifier(dtype="abc"), r"dtype 'abc'"),
    ("loss-list", lambda: Classifier(loss=[1]), r"unknown loss"),
    ("validation-split-text", fit(X, Y, validation_split="abc"), r"validation split 'abc'"),
    ("save-path-number", fit(X, Y, save_path=3), r"save_path 3: expected a file name"),
    ("progress-wrong", fit(X, Y, progress=[1]), r"progress \[1\]"),
    ("on-epoch-end-wrong", fit(X, Y, on_epoch_end=1), r"on_epoch_end 1"),
    ("evaluate-none", lambda: trained().evaluate(X, None), r"labels None"),
    ("load-number", lambda: chainrule.load(5), r"model file 5: expected a file name"),
    ("save-none", lambda: trained().save(None), r"path None: expected a file name"),
    ("layers-negative", lambda: Classifier([2, -1]), r"layer size -1"),
    ("lr-nan", lambda: Classifier([2, 2], learning_rate=float("nan")), r"learning rate nan"),
    ("optimizer-typo", lambda: Classifier([2, 2], optimizer="adm"), r"did you mean"),
    ("predict-untrained", lambda: Classifier().predict(X), r"not trained"),
    ("predict-width", lambda: trained().predict(np.zeros((3, 5))), r"5 features, expected 2"),
    ("evaluate-one-hot", lambda: trained().evaluate(X, np.eye(2)[Y]), r"one-hot"),
    ("predict-generator", lambda: trained().predict(gen()), r"generator"),
    ("spec-deep", lambda: parse_spec_text(DEEP), r"nested"),
    ("spec-big-int", lambda: parse_spec_text('{"input_size": ' + "9" * 5000 + "}"), r"characters"),
    ("load-missing", lambda: chainrule.load("no/such/model.npz"), r"no such"),
    ("load-npz-liar", lambda: load_npz(bomb_path()), r"header that fits"),
    ("toy-huge", lambda: make_toy("moons", samples=10**14), r"bytes"),
    ("toy-noise-text", lambda: make_toy("moons", noise="abc"), r"noise 'abc'"),
    ("toy-samples-none", lambda: make_toy("moons", samples=None), r"samples None"),
    ("seeds-train-x-none", lambda: chainrule.train(gate_net(), None, [[0.0]], 1), r"inputs"),
    ("seeds-train-lr-text", lambda: chainrule.train(gate_net(), [[0, 1]], [[1]], 1, "a"), r"'a'"),
    ("seeds-train-epochs-nan", lambda: chainrule.train(gate_net(), [[0, 1]], [[1]], 0.5), r"0.5"),
    ("network-sizes-number", lambda: Network.from_sizes(5), r"layer sizes 5"),
    ("network-predict-text", lambda: gate_net().predict("abc"), r"expected numbers"),
]


def gate_net() -> Network:
    return Network.from_sizes([2, 2, 1])


def trained() -> Classifier:
    model = Classifier([2, 4, 2])
    model.fit(X, Y, epochs=1)
    return model


def bomb_path() -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / "liar.npz"
    path.write_bytes(npz_bomb("stored"))
    return path


@pytest.mark.parametrize("name,call,words", API_CASES, ids=[c[0] for c in API_CASES])
def test_api_case(name: str, call: Callable[[], Any], words: str) -> None:
    with pytest.raises(ChainruleError) as caught:
        call()
    message = str(caught.value)
    assert "\n" not in message and re.search(words, message), message
    assert isinstance(caught.value, ValueError)
