"""Every subcommand with random argument values: never a traceback.

Hypothesis draws options for each subcommand -- sensible values, values out of range, wrong
types, garbage text, file names that exist, do not exist, clash with an input or are
special (``-``, ``/dev/null``, a folder) -- and runs ``chainrule.cli.main`` in-process in a
fresh copy of a folder of real files. Every run must end in exit status 0 or 2 (or 1, for
``check``'s wrong answers; never 70, an unexpected error), with one line on stderr for 2, no
traceback, and no temporary or lock file left behind. Sizes that would really allocate much
(layers, samples, epochs, sheets) are drawn small or far over the limits, to keep the test
fast. ``studio`` runs its whole command -- the example, spec or model it opens, the app, the
port probe on the address -- up to the point where uvicorn would serve, which is replaced by a
call that returns at once (as Ctrl-C would end it; no browser opens): no server is left
running, and serving itself is tested in tests/test_cli_studio.py. Addresses are drawn from
ones that resolve without a name server.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chainrule.cli import main
from chainrule.data import make_toy
from chainrule.teach.examples import MAZUR
from chainrule.training.classifier import Classifier

SAFE = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._-,", min_size=0, max_size=12).filter(
    lambda s: s not in ("", ".", "..")
)
INTS = st.one_of(st.integers(-3, 40), st.integers(-(10**30), 10**30)).map(str)
FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "0", "-0.0", "0.5", "1", "abc", ""]),
)
GARBAGE = st.one_of(SAFE, INTS, FLOATS)
INPUTS = st.sampled_from(["d.npz", "d.csv", "s.json", "m.npz", "missing.npz", "idx", "-", ""])
OUTPUTS = st.sampled_from(
    ["out.npz", "o.txt", "o.onnx", "d.npz", "s.json", "m.npz", "-", "/dev/null", "idx", "p"]
)
SMALL = st.one_of(st.integers(-2, 3).map(str), st.sampled_from(["x", "1.5", "10000000000000"]))
SIZE = st.one_of(st.integers(-1, 12), st.sampled_from([10**10, 10**13]))
LAYERS = st.one_of(
    st.lists(SIZE, min_size=0, max_size=4).map(lambda s: ",".join(map(str, s))),
    st.sampled_from(["2,4,2", "2,4,1", "784,10", "a,b", ",", "2,,2"]),
)
TOYS = ["xor", "and", "or", "moons", "circles", "spirals", "gaussians", "plane", "multi-gaussian"]


def options(table: dict[str, st.SearchStrategy]) -> st.SearchStrategy[list[str]]:
    """Some of ``table``'s options, each with a drawn value (None: a flag)."""
    items = sorted(table.items())

    def build(chosen: list[tuple[str, str | None]]) -> list[str]:
        argv: list[str] = []
        for name, value in chosen:
            argv += [name] if value is None else [name, value]
        return argv

    pair = st.sampled_from(items).flatmap(lambda item: st.tuples(st.just(item[0]), item[1]))
    return st.lists(pair, max_size=5, unique_by=lambda p: p[0]).map(build)


FLAG = st.none()
TRAIN_OPTIONS = {
    "--layers": LAYERS,
    "--activation": st.one_of(st.sampled_from(["relu", "tanh", "sigmoid", "abs"]), SAFE),
    "--lr": FLOATS,
    "--batch-size": st.one_of(INTS, SMALL),
    "--seed": INTS,
    "--json": FLAG,
    "--data": INPUTS,
    "--data-dir": INPUTS,
    "--label-column": GARBAGE,
    "--samples": st.one_of(st.integers(-1, 60).map(str), st.just("1000000000000000")),
    "--noise": FLOATS,
    "--classes": st.one_of(st.integers(-1, 5).map(str), st.just("1000000")),
    "--loss": st.one_of(st.sampled_from(["cross_entropy", "mse", "hinge"]), SAFE),
    "--optimizer": st.one_of(st.sampled_from(["sgd", "adam", "nesterov"]), SAFE),
    "--momentum": FLOATS,
    "--weight-decay": FLOATS,
    "--schedule": st.one_of(st.sampled_from(["constant", "cosine", "step"]), SAFE),
    "--init": st.one_of(st.sampled_from(["he", "xavier"]), SAFE),
    "--scaling": st.one_of(st.sampled_from(["none", "unit", "standardize"]), SAFE),
    "--dtype": st.one_of(st.sampled_from(["float32", "float64"]), SAFE),
    "--validation": FLOATS,
    "--patience": SMALL,
    "--save": OUTPUTS,
    "--resume": FLAG,
    "--override": FLAG,
    "--plot": OUTPUTS,
    "--spec": INPUTS,
    "--task": st.one_of(st.sampled_from(["classification", "regression"]), SAFE),
    "--lang": st.one_of(st.sampled_from(["en", "ko"]), SAFE),
}
EXPLAIN_OPTIONS = {
    "--example": st.one_of(st.sampled_from(["mazur", "xor", "apple"]), SAFE),
    "--spec": INPUTS,
    "--list": FLAG,
    "--format": st.one_of(st.sampled_from(["text", "markdown", "html", "json"]), SAFE),
    "--lang": st.one_of(st.sampled_from(["en", "ko"]), SAFE),
    "--digits": INTS,
    "--steps": SMALL,
    "--output": OUTPUTS,
}
GRAPH_OPTIONS = {
    "--example": st.one_of(st.sampled_from(["apple", "chain", "sigmoid", "mazur"]), SAFE),
    "--spec": INPUTS,
    "--level": st.one_of(st.sampled_from(["scalar", "layer"]), SAFE),
    "--sample": INTS,
    "--format": st.one_of(st.sampled_from(["json", "dot"]), SAFE),
    "--output": OUTPUTS,
    "--lang": st.one_of(st.sampled_from(["en", "ko"]), SAFE),
}
DATA_OPTIONS = {
    "--label-column": GARBAGE,
    "--samples": st.one_of(st.integers(-1, 60).map(str), st.just("1000000000000000")),
    "--noise": FLOATS,
    "--classes": st.one_of(st.integers(-1, 5).map(str), st.just("1000000")),
    "--seed": INTS,
    "--json": FLAG,
}
PREDICT_OPTIONS = {
    "--label-column": GARBAGE,
    "--invert": FLAG,
    "--top": INTS,
    "--json": FLAG,
}
CHECK_OPTIONS = {
    "--example": st.one_of(st.sampled_from(["mazur", "xor"]), SAFE),
    "--spec": INPUTS,
    "--lang": st.one_of(st.sampled_from(["en", "ko"]), SAFE),
    "--json": FLAG,
}
EXERCISE_OPTIONS = {
    "--example": st.one_of(st.sampled_from(["mazur", "xor"]), SAFE),
    "--spec": INPUTS,
    "--seed": INTS,
    "--layers": LAYERS,
    "--activation": st.one_of(st.sampled_from(["sigmoid", "tanh", "relu"]), SAFE),
    "--loss": st.one_of(st.sampled_from(["half_sse", "mse"]), SAFE),
    "--lang": st.one_of(st.sampled_from(["en", "ko"]), SAFE),
    "--format": st.one_of(st.sampled_from(["text", "markdown", "html", "json"]), SAFE),
    "--answers": FLAG,
    "--template": FLAG,
    "--count": st.one_of(st.integers(-1, 3).map(str), SAFE),
    "--output-dir": OUTPUTS,
    "--output": OUTPUTS,
}
EXPORT_OPTIONS = {
    "--example": st.one_of(st.sampled_from(["mazur", "xor"]), SAFE),
    "--opset": st.one_of(st.integers(-1, 25).map(str), INTS),
    "--json": FLAG,
}
STUDIO_OPTIONS = {
    "--example": st.one_of(
        st.sampled_from(["circle", "xor", "gaussians", "spiral", "mazur", "xor-example"]), SAFE
    ),
    "--spec": INPUTS,
    "--model": st.one_of(INPUTS, st.just("m.npz")),
    "--port": st.one_of(INTS, st.sampled_from(["0", "65535", "65536", "8765", "x", "-1"])),
    "--host": st.sampled_from(["127.0.0.1", "localhost", "::1", "0.0.0.0", "192.0.2.1", ""]),
    "--lang": st.one_of(st.sampled_from(["en", "ko"]), SAFE),
    "--no-browser": FLAG,
}

COMMANDS = st.one_of(
    st.tuples(
        st.just(["train"]),
        st.one_of(st.just([]), st.sampled_from(TOYS).map(lambda d: [d])),
        options(TRAIN_OPTIONS),
        st.sampled_from(["0", "1", "2"]).map(lambda e: ["--epochs", e, "--quiet"]),
    ),
    st.tuples(st.just(["explain"]), st.just([]), options(EXPLAIN_OPTIONS), st.just([])),
    st.tuples(st.just(["graph"]), st.just([]), options(GRAPH_OPTIONS), st.just([])),
    st.tuples(
        st.just(["evaluate"]),
        st.tuples(INPUTS, st.one_of(INPUTS, st.sampled_from(TOYS))).map(list),
        options(DATA_OPTIONS),
        st.just([]),
    ),
    st.tuples(
        st.just(["predict"]),
        st.tuples(INPUTS, INPUTS).map(list),
        options(PREDICT_OPTIONS),
        st.just([]),
    ),
    st.tuples(
        st.just(["check"]),
        st.one_of(INPUTS, st.just("a.json")).map(lambda a: [a]),
        options(CHECK_OPTIONS),
        st.just([]),
    ),
    st.tuples(st.just(["exercise"]), st.just([]), options(EXERCISE_OPTIONS), st.just([])),
    st.tuples(
        st.just(["export"]),
        st.lists(st.one_of(INPUTS, OUTPUTS), min_size=1, max_size=2),
        options(EXPORT_OPTIONS),
        st.just([]),
    ),
    st.tuples(st.just(["studio"]), st.just([]), options(STUDIO_OPTIONS), st.just([])),
).map(lambda parts: [a for part in parts for a in part])
STUDIO = options(STUDIO_OPTIONS).map(lambda argv: ["studio", *argv])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("property")
    x, y = make_toy("moons", samples=40, noise=0.1, seed=0)
    with open(folder / "d.npz", "wb") as f:
        np.savez(f, X=x, y=y)
    rows = ["a,b,label"] + [
        f"{float(a)!r},{float(b)!r},{c}" for (a, b), c in zip(x, y, strict=True)
    ]
    (folder / "d.csv").write_text("\n".join(rows) + "\n")
    import json

    (folder / "s.json").write_text(json.dumps(MAZUR))
    model = Classifier([2, 4, 2], scaling="standardize", batch_size=8)
    model.fit(x, y, epochs=1)
    model.save(folder / "m.npz")
    (folder / "idx").mkdir()
    (folder / "a.json").write_text('{"net_h1": 0.3775, "out_o1": 2}')
    return folder


@contextlib.contextmanager
def fresh_copy(template: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "w"
        shutil.copytree(template, work)
        old = os.getcwd()
        os.chdir(work)
        try:
            yield work
        finally:
            os.chdir(old)


def run_checked(argv: list[str], template: Path, capsysbinary: pytest.CaptureFixture) -> None:
    """Run ``chainrule ARGV`` in a fresh copy of the template and check what it left."""
    served: list[tuple[str, int]] = []
    with fresh_copy(template) as work, pytest.MonkeyPatch.context() as patch:
        if argv[0] == "studio":  # everything but serving: see the module's docstring
            import webbrowser

            import uvicorn

            def serve(server: uvicorn.Server) -> None:
                served.append((server.config.host, server.config.port))

            patch.setattr(uvicorn.Server, "run", serve)
            patch.setattr(webbrowser, "open", lambda url: True)
        status = main(argv)
        captured = capsysbinary.readouterr()
        err = captured.err.decode("utf-8", "replace")
        leftovers = [p for p in os.listdir(work) if p.endswith((".tmp", ".lock"))]
    allowed = (0, 1, 2) if argv[0] == "check" else (0, 2)  # check: 1 for wrong answers
    assert status in allowed, f"{argv}: {err}"
    assert "Traceback" not in err and "internal error" not in err, f"{argv}: {err}"
    if status == 2:
        assert err.count("\n") == 1, f"{argv}: {err}"
    assert not leftovers, f"{argv}: {leftovers}"
    if argv[0] == "studio" and status == 0:  # the URL printed names the address served
        _, port = served[0]
        url = re.search(rf"http://([^/\s]+):{port}/", captured.out.decode())
        assert url and url.group(1).strip("[]"), f"{argv}: {captured.out!r}"
    elif argv[0] == "studio":
        assert not served, f"{argv}: served after {err}"


EXAMPLES = int(os.environ.get("CHAINRULE_PROPERTY_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(argv=COMMANDS)
def test_no_command_ends_in_a_traceback(
    argv: list[str], template: Path, capsysbinary: pytest.CaptureFixture
) -> None:
    run_checked(argv, template, capsysbinary)


@SETTINGS
@given(argv=STUDIO)
def test_the_studio_never_ends_in_a_traceback(
    argv: list[str], template: Path, capsysbinary: pytest.CaptureFixture
) -> None:
    """The studio's options on their own budget of examples (they run fast: nothing trains)."""
    run_checked(argv, template, capsysbinary)
