"""GraphPicture: saving atomically in the format the name says; Jupyter's SVG; network levels."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

import chainrule as cr
from chainrule.engine.graph import graph_dict
from chainrule.nn import Network
from chainrule.teach.draw import GraphPicture, draw_graph, draw_network

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot not installed")


def apple() -> GraphPicture:
    total, _ = cr.apple_graph()
    total.backward()
    return draw_graph(total)


def test_save_dot_and_json_need_no_graphviz(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot program
    picture = apple()
    picture.save(tmp_path / "apple.dot")
    text = (tmp_path / "apple.dot").read_text(encoding="utf-8")
    assert text == picture.dot and text.startswith("digraph chainrule {")
    picture.save(tmp_path / "apple.json")
    data = json.loads((tmp_path / "apple.json").read_text(encoding="utf-8"))
    total, _ = cr.apple_graph()
    total.backward()
    assert data == graph_dict(total)
    assert data["output"] == pytest.approx(715)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apple.dot", "apple.json"]


@needs_dot
def test_save_svg_and_png_replace_the_old_file(tmp_path) -> None:
    target = tmp_path / "apple.svg"
    target.write_text("old")
    apple().save(target)
    assert target.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert ">715<" in target.read_text(encoding="utf-8")
    apple().save(tmp_path / "apple.PNG")
    assert (tmp_path / "apple.PNG").read_bytes()[:4] == b"\x89PNG"
    apple().save(tmp_path / "picture", fmt="svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apple.PNG", "apple.svg", "picture"]


@needs_dot
def test_jupyter_shows_svg() -> None:
    svg = apple()._repr_svg_()
    assert svg is not None and "<svg" in svg and ">2.2<" in svg


def test_save_errors(tmp_path) -> None:
    picture = apple()
    with pytest.raises(cr.ChainruleError, match="cannot tell the format"):
        picture.save(tmp_path / "apple.gif")
    with pytest.raises(cr.ChainruleError, match="does not exist"):
        picture.save(tmp_path / "missing" / "apple.dot")
    with pytest.raises(cr.ChainruleError, match="is a directory"):
        picture.save(tmp_path, fmt="dot")
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind
    with pytest.raises(cr.ChainruleError, match="expected Tensors"):
        draw_graph(715.0)


def test_repr_counts_the_tensors() -> None:
    assert repr(apple()).startswith("GraphPicture(9 tensors")


def test_auto_level_is_scalar_for_small_networks_and_layer_for_large() -> None:
    spec = cr.mazur_spec()
    small = draw_network(spec.network, spec.inputs, spec.targets)
    assert "w8" in small.dot and "E_total" in small.dot and "W1" not in small.dot
    big = Network.from_sizes([10, 15, 4], seed=0)  # 229 weights and biases
    x, t = np.zeros((3, 10)), np.full((3, 4), 0.5)
    layer = draw_network(big, x, t)
    assert "W1  15×10" in layer.dot and "w1<" not in layer.dot
    with pytest.raises(cr.ChainruleError, match="--level layer"):
        draw_network(big, x, t, level="scalar")


def test_network_samples_and_levels_are_checked() -> None:
    spec = cr.mazur_spec()
    with pytest.raises(cr.ChainruleError, match="sample 2: expected a number from 1 to 1"):
        draw_network(spec.network, spec.inputs, spec.targets, sample=2)
    with pytest.raises(cr.ChainruleError, match="unknown level 'neuron'"):
        draw_network(spec.network, spec.inputs, spec.targets, level="neuron")


def test_layer_picture_leaves_the_network_unchanged() -> None:
    spec = cr.mazur_spec()
    draw_network(spec.network, spec.inputs, spec.targets, level="layer")
    assert spec.network.layers[0].weights.grad is None
