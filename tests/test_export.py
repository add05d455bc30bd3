"""ONNX export: the exported graph, run by ONNX's own reference evaluator, gives the
network's outputs; the CLI writes the file atomically and refuses bad input in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import chainrule as cr
from chainrule.data import make_toy
from chainrule.errors import ChainruleError
from chainrule.io.onnx import export_onnx, onnx_model
from chainrule.nn import ACTIVATIONS
from chainrule.teach.examples import SPECS

onnx = pytest.importorskip("onnx")
from onnx.reference import ReferenceEvaluator  # noqa: E402


def run_onnx(model, x: np.ndarray) -> list[np.ndarray]:
    return ReferenceEvaluator(model).run(None, {"input": x})


@pytest.fixture(scope="module")
def classifier() -> tuple[cr.Classifier, np.ndarray]:
    x, y = make_toy("spirals", samples=300, noise=0.1, seed=2)
    model = cr.Classifier([2, 16, 3], activation="tanh", seed=1, batch_size=32)
    model.fit(x * 10 + 3, y, epochs=3)  # far from standardised: the scaling matters
    return model, (x * 10 + 3).astype(np.float32)


def test_a_classifier_exports_its_scaling_outputs_and_labels(classifier):
    model, x = classifier
    exported = onnx_model(model)
    output, label = run_onnx(exported, x)
    assert output.dtype == np.float32 and output.shape == (len(x), 3)
    np.testing.assert_allclose(output, model.outputs(x), rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(label, model.predict_classes(x))
    meta = {p.key: p.value for p in exported.metadata_props}
    assert json.loads(meta["class_names"]) == model.class_names
    assert meta["loss"] == "cross_entropy"
    assert exported.producer_name == "chainrule" and exported.producer_version == cr.__version__
    assert exported.ir_version == 8  # opset 17's: older runtimes read the file


def test_mazur_exports_with_its_shared_biases():
    spec = cr.mazur_spec()
    (output,) = run_onnx(onnx_model(spec.network), spec.inputs)
    np.testing.assert_allclose(output, [[0.75136507, 0.772928465]], atol=5e-9)  # Mazur's example
    np.testing.assert_array_equal(output, spec.network.predict(spec.inputs))


def network_with(activation: str, bias: str, dtype: type) -> cr.Network:
    """A 4-5-3 network with ``activation`` on both layers (softmax: on the output only)."""
    softmax = activation == "softmax"
    return cr.Network.from_sizes(
        [4, 5, 3],
        activation="tanh" if softmax else activation,
        output_activation=activation,
        loss="cross_entropy" if softmax else "half_sse",
        bias=bias,
        seed=3,
        dtype=dtype,
    )


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("bias", ["per_neuron", "shared", "none"])
def test_every_activation_and_bias_mode(activation, bias):
    net = network_with(activation, bias, np.float64)
    rng = np.random.default_rng(4)
    for layer in net.layers:
        if layer.biases is not None:
            layer.biases.data[...] = rng.normal(size=layer.biases.shape)
    x = rng.normal(size=(7, 4))
    (output,) = run_onnx(onnx_model(net), x)
    np.testing.assert_allclose(output, net.predict(x), rtol=attribute_rtol(activation), atol=1e-15)


def attribute_rtol(activation: str) -> float:
    """How close float64 outputs agree: to the last bits, or to float32's precision where the
    operator takes a float attribute (ONNX keeps those in 32 bits: LeakyRelu's alpha 0.01
    is 0.0099999998)."""
    operator = ACTIVATIONS[activation].onnx
    floats = operator is not None and any(isinstance(v, float) for v in operator[1].values())
    return 1e-7 if floats else 1e-12


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_activation_runs_in_onnxruntime(activation):
    """The exported float32 graph, run by onnxruntime (its float32 kernels), gives the
    network's outputs."""
    ort = pytest.importorskip("onnxruntime")
    net = network_with(activation, "per_neuron", np.float32)
    x = np.random.default_rng(4).normal(size=(7, 4)).astype(np.float32)
    session = ort.InferenceSession(
        onnx_model(net).SerializeToString(), providers=["CPUExecutionProvider"]
    )
    (output,) = session.run(None, {"input": x})
    np.testing.assert_allclose(output, net.predict(x), rtol=1e-5, atol=1e-6)


def test_cli_exports_a_model_file_and_a_spec(tmp_path: Path, classifier):
    model, x = classifier
    saved = tmp_path / "m.npz"
    model.save(saved)
    target = tmp_path / "m.onnx"
    result = cli("export", str(saved), str(target), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "output": str(target),
        "bytes": target.stat().st_size,
        "opset": 17,
    }
    output, _ = run_onnx(onnx.load(target), x)
    np.testing.assert_allclose(output, model.outputs(x), rtol=1e-6, atol=1e-7)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPECS["no-bias"]), encoding="utf-8")
    result = cli("export", str(spec), str(tmp_path / "s.onnx"))
    assert result.returncode == 0 and "wrote" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{dir}/out.onnx"], "no SOURCE: expected a model file"),
        (["{dir}/missing.npz", "{dir}/out.onnx"], "no such model file"),
        (["--example", "mazur", "{dir}/out.txt"], "expected a file name ending in .onnx"),
        (["--example", "mazur", "{dir}/out.onnx", "--opset", "5"], "opset 5: expected"),
        (["{dir}/m.npz", "{dir}/out.onnx", "--example", "xor"], "expected one of them"),
        (["{dir}/missing.npz", "{dir}/out.txt"], "expected a file name ending in .onnx"),
        (["--example", "mazur", "{dir}/a-file/out.onnx"], "a-file' is a file, expected a folder"),
    ],
)
def test_cli_refuses_bad_input_in_one_line(tmp_path: Path, args, message):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = cli("export", *[a.format(dir=tmp_path) for a in args])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not (tmp_path / "out.onnx").exists() and not (tmp_path / "out.txt").exists()


def test_the_output_folder_is_made_like_a_model_files(tmp_path: Path):
    target = tmp_path / "new" / "folder" / "xor.ONNX"
    assert cli("export", "--example", "xor", str(target)).returncode == 0
    onnx.checker.check_model(onnx.load(target))
    assert [p.name for p in target.parent.iterdir()] == ["xor.ONNX"]  # no temporary left


def test_an_untrained_model_and_other_objects_are_refused(tmp_path: Path):
    with pytest.raises(ChainruleError, match="not trained yet"):
        export_onnx(cr.Classifier([2, 3, 2]), tmp_path / "u.onnx")
    with pytest.raises(ChainruleError, match="expected a Classifier or a Network"):
        export_onnx("a string", tmp_path / "u.onnx")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_without_onnx_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)  # import onnx now fails
    with pytest.raises(ChainruleError, match=r'pip install "chainrule\[onnx\]"'):
        onnx_model(cr.mazur_spec().network)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chainrule", *args], capture_output=True, text=True, check=False
    )


def test_onnxruntime_reads_the_file_where_it_is_installed(tmp_path: Path, classifier):
    ort = pytest.importorskip("onnxruntime")
    model, x = classifier
    target = tmp_path / "spirals.onnx"
    export_onnx(model, target)
    output, label = ort.InferenceSession(str(target)).run(None, {"input": x})
    np.testing.assert_allclose(output, model.outputs(x), rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(label, model.predict_classes(x))


def test_a_regressor_exports_its_target_scaling():
    from chainrule.training.regressor import Regressor

    rng = np.random.default_rng(0)
    x = rng.normal(5, 3, size=(100, 3))
    model = Regressor([3, 8, 2], activation="tanh")
    model.fit(x, np.stack([x.sum(1) * 100, x[:, 0] - 7], 1), epochs=3)
    exported = onnx_model(model)
    (output,) = run_onnx(exported, x.astype(np.float32))
    assert output.dtype == np.float64
    # float32 outputs, turned back into the targets' units: float32 precision of each scale
    assert (np.abs(output - model.predict(x)) <= 1e-6 * model.target_scaler.scale).all()
    meta = {p.key: p.value for p in exported.metadata_props}
    assert meta["task"] == "regression"
