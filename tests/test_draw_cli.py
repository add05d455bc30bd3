"""``chainrule graph``: json as before, and dot, svg, png pictures of examples and networks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

import chainrule as cr
from chainrule.engine.graph import graph_dict
from chainrule.teach.draw.dot import GRAD_COLOR, VALUE_COLOR
from conftest import run_cli, run_cli_json
from svg_nodes import node_named, svg_nodes

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot not installed")


def run_env(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "chainrule", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def test_json_is_the_graph_data_as_before() -> None:
    total, _ = cr.apple_graph()
    total.backward()
    assert run_cli_json("graph", "--example", "apple", "--format", "json") == graph_dict(total)
    assert run_cli_json("graph") == graph_dict(total)  # json and apple are the defaults


def test_json_to_a_file_is_the_same_text(tmp_path) -> None:
    out = tmp_path / "sigmoid.json"
    printed = run_cli("graph", "--example", "sigmoid")
    written = run_cli("graph", "--example", "sigmoid", "--output", str(out))
    assert printed.returncode == written.returncode == 0
    assert written.stdout == ""
    assert out.read_text(encoding="utf-8") == printed.stdout
    assert len(json.loads(printed.stdout)["output"]) == 2  # decomposed and fused


def test_dot_to_standard_output() -> None:
    result = run_cli("graph", "--example", "chain", "--format", "dot", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("digraph chainrule {")
    assert "label=<**2>" in result.stdout


def test_language_comes_from_the_locale_or_lang(tmp_path) -> None:
    korean = run_env("graph", "--format", "dot", LANG="ko_KR.UTF-8", LC_ALL="")
    assert "사과 가격" in korean.stdout and "순전파" in korean.stdout
    english = run_env("graph", "--format", "dot", "--lang", "en", LANG="ko_KR.UTF-8", LC_ALL="")
    assert "apple price" in english.stdout and "사과" not in english.stdout


@needs_dot
def test_svg_output_file(tmp_path) -> None:
    out = tmp_path / "apple.svg"
    result = run_cli("graph", "--example", "apple", "--format", "svg", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    nodes = svg_nodes(out.read_text(encoding="utf-8"))
    assert node_named(nodes, "tax").lines(VALUE_COLOR) == ["1.1"]
    assert node_named(nodes, "tax").lines(GRAD_COLOR) == ["650"]
    assert [p.name for p in tmp_path.iterdir()] == ["apple.svg"]


@needs_dot
def test_png_of_mazur_per_scalar(tmp_path) -> None:
    out = tmp_path / "mazur.png"
    result = run_cli(
        "graph", "--example", "mazur", "--level", "scalar", "--format", "png", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@needs_dot
def test_spec_per_layer_shows_the_gradient_of_w5(tmp_path) -> None:
    spec = tmp_path / "mazur.json"
    from chainrule.teach.examples import MAZUR

    spec.write_text(json.dumps(MAZUR))
    result = run_cli(
        "graph", "--spec", str(spec), "--level", "layer", "--format", "svg", "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    w2 = node_named(svg_nodes(result.stdout), "W2  2×2")
    assert w2.lines(VALUE_COLOR) == ["0.4  0.45", "0.5  0.55"]
    assert (
        w2.lines(GRAD_COLOR)[0].split()[0] == "0.0821670406"
    )  # Mazur's example: ∂E/∂w5 = 0.082167041


def test_without_graphviz_svg_fails_with_one_line_naming_the_package(tmp_path) -> None:
    result = run_env("graph", "--format", "png", "-o", str(tmp_path / "a.png"), PATH=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "chainrule: error:" in result.stderr and "graphviz" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--example", "banana"], "unknown example 'banana'"),
        (["--example", "apple", "--level", "layer"], "--level and --sample are for networks"),
        (["--example", "mazur", "--spec", "x.json"], "--example and --spec given"),
        (["--spec", "/nonexistent/spec.json"], "does not exist"),
        (["--format", "gif"], "invalid choice: 'gif'"),
        (["--lang", "fr"], "unknown language 'fr': expected one of en, ko"),
        (["--example", "mazur", "--sample", "3"], "sample 3: expected a number from 1 to 1"),
        (["--format", "dot", "-o", "/nonexistent/a.dot"], "does not exist"),
    ],
)
def test_bad_arguments_give_one_line(args: list[str], message: str) -> None:
    result = run_cli("graph", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_scalar_level_refuses_a_large_spec(tmp_path) -> None:
    spec = tmp_path / "big.json"
    layers = [{"units": 15, "activation": "sigmoid"}, {"units": 4, "activation": "sigmoid"}]
    spec.write_text(
        json.dumps(
            {"input_size": 10, "layers": layers, "inputs": [[0.0] * 10], "targets": [[0.5] * 4]}
        )
    )
    result = run_cli("graph", "--spec", str(spec), "--level", "scalar", "--format", "dot")
    assert result.returncode == 2
    assert "229 weights and biases" in result.stderr and "--level layer" in result.stderr
    result = run_cli("graph", "--spec", str(spec), "--format", "dot")  # auto: per layer
    assert result.returncode == 0, result.stderr
    assert "W1  15×10" in result.stdout
