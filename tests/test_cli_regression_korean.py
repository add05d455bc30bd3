"""Regression in both languages: the summary, evaluate and predict of a regressor, its
error messages in Korean (chainrule/util/messages_ko.py), and the regression toy sets'
held-out test split and recipe."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from chainrule.cli.i18n import translate_message
from chainrule.data.recipes import REGRESSION_TOY_RECIPE, TOY_TEST_SHARE
from chainrule.data.regression import (
    load_regression_file,
    load_regression_set,
    make_regression_toy,
)
from chainrule.errors import ChainruleError
from chainrule.training.regressor import Regressor
from cli_helpers import run_main
from test_cli_korean import HANGUL, english_left

# names the messages give unquoted: data sets, option values, metrics, arrays
NAMES = {"plane", "multi", "gaussian", "regression", "classification", "circles", "mse"}
NAMES |= {"half_sse", "cross_entropy", "MAE", "RMSE", "X_test", "y_test", "predict", "fit"}
NAMES |= {"FILE", "safetensors", "png"}


def left(korean: str) -> list[str]:
    """English words of a Korean line besides names and values."""
    return [w for w in english_left(korean) if w not in NAMES]


@pytest.fixture(scope="module")
def plane_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plane") / "plane.npz"
    code, _, err = run_main("train", "plane", "--epochs", "60", "--quiet", "--save", str(path))
    assert code == 0, err
    return path


def test_regression_toy_sets_have_a_seeded_test_split() -> None:
    data = load_regression_set("plane", samples=400, noise=0.0, seed=3)
    assert data.x.shape == (400, 2) and data.x_test is not None and data.y_test is not None
    assert data.x_test.shape == (round(400 * TOY_TEST_SHARE), 2) == (100, 2)
    # drawn apart from the training points, the same every run, and the plane's own targets
    assert not np.isin(data.x_test, data.x).any()
    again = load_regression_set("plane", samples=400, noise=0.0, seed=3)
    np.testing.assert_array_equal(again.x_test, data.x_test)
    np.testing.assert_allclose(data.y_test[:, 0], data.x_test.sum(axis=1) / 10)
    assert (data.hidden, data.epochs, data.batch_size) == ([16, 16], 200, 32)
    assert data.schedule == REGRESSION_TOY_RECIPE.schedule == "constant"
    assert data.recipe is REGRESSION_TOY_RECIPE and data.recipe.activation == "tanh"


def test_train_help_shows_the_regression_sets_defaults() -> None:
    for lang in ("en", "ko"):
        code, out, _ = run_main("train", "--help", "--lang", lang)
        assert code == 0
        assert re.search(
            r"plane, multi-gaussian\s+2,16,16,1\s+tanh\s+adam\s+0.001\s+constant\s+32\s+200\s+25%",
            out,
        )
        assert re.search(r"--task regression --data FILE\s+F,64,T\s+tanh\s+adam\s+0.001", out)
    # the Korean table: its words in Korean, its columns aligned by terminal width (a Hangul
    # syllable takes two cells)
    from rich.cells import cell_len

    ko = run_main("train", "--help", "--lang", "ko")[1]
    assert "25% 더 뽑은 점" in ko and "경사 하강법" in ko and "gradient descent" not in ko
    header = next(line for line in ko.splitlines() if "테스트 분할" in line)
    truth = next(line for line in ko.splitlines() if line.startswith("  xor, and, or "))
    assert cell_len(header[: header.index("에포크")]) == cell_len(truth[: truth.index("3000")])


def test_train_plane_in_korean_shows_recipe_and_test_scores() -> None:
    code, out, err = run_main("train", "plane", "--epochs", "30", "--lang", "ko")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(
        "plane: 층 2-16-16-1, 활성화 함수 tanh, 옵티마이저 adam, 학습률 0.001, 배치 크기 32, "
        "30 에포크, 학습률 스케줄 constant; 학습 샘플 400개, 테스트 샘플 100개, "
    )
    assert lines[1].startswith("  학습 손실 ") and " R² " in lines[1]
    assert lines[2].startswith("  테스트 손실 ") and " R² " in lines[2]
    test_r2 = float(lines[2].split("R² ")[1])
    assert 0.9 < test_r2 <= 1.0
    # the progress lines (stderr is not a terminal) name R² beside 손실, never 정확도
    assert "에포크 30/30" in err and "R² " in err and "정확도" not in err
    assert "accuracy" not in out + err


def test_train_plane_in_english_shows_the_defaults_in_the_summary() -> None:
    assert run_main("train", "plane", "--epochs", "1", "--quiet")[1:] == ("", "")
    code, out, err = run_main("train", "multi-gaussian", "--epochs", "5")
    assert code == 0, err
    head, train, test = out.splitlines()[:3]
    assert head.startswith(
        "multi-gaussian: layers 2-16-16-1, activation tanh, optimizer adam, learning rate "
        "0.001, batch size 32, 5 epochs, learning-rate schedule constant; 400 training samples, "
        "100 test samples in "
    )
    assert train.startswith("  train loss ") and test.startswith("  test loss ")
    assert "r2 " in err and "accuracy" not in err


def test_evaluate_and_predict_a_regressor_in_korean(plane_model: Path, tmp_path: Path) -> None:
    code, out, _ = run_main("evaluate", str(plane_model), "plane", "--lang", "ko")
    assert code == 0
    assert out.startswith("plane (테스트, 샘플 100개): 손실 ")
    for symbol in ("R² ", "MAE ", "RMSE "):
        assert symbol in out
    assert left(out) == []
    code, out_en, _ = run_main("evaluate", str(plane_model), "plane", "--json")
    scores = json.loads(out_en)
    assert scores["split"] == "test" and scores["samples"] == 100 and scores["r2"] > 0.95
    assert f"R² {scores['r2']:.4f}" in out
    np.savez(tmp_path / "in.npz", X=np.array([[1.0, 2.0], [-3.0, 0.5]]))
    code, out, _ = run_main("predict", str(plane_model), str(tmp_path / "in.npz"), "--lang", "ko")
    assert code == 0 and out.splitlines()[0].startswith("in.npz[0]: y 0.")
    # a CSV of the wrong width, a file a regressor cannot read, a classifier to resume: one
    # Korean line each
    (tmp_path / "wide.csv").write_text("a,b,c\n1,2,3\n")
    code, _, err = run_main("predict", str(plane_model), str(tmp_path / "wide.csv"), "--lang", "ko")
    assert code == 2 and "의 열이 3개입니다. 특성이 2개여야 합니다" in err, err
    classifier = tmp_path / "c.npz"
    assert (
        run_main("train", "circles", "--epochs", "1", "--quiet", "--save", str(classifier))[0] == 0
    )
    code, _, err = run_main("train", "plane", "--resume", "--save", str(classifier), "--lang", "ko")
    assert code == 2 and "회귀 모델이 아닙니다" in err, err
    assert left(err.strip().removeprefix("chainrule: 오류: ")) == []
    # a file a regressor cannot read: one Korean line
    (tmp_path / "in.png").write_bytes(b"\x89PNG")
    code, out, err = run_main("predict", str(plane_model), str(tmp_path / "in.png"), "--lang", "ko")
    assert code == 2 and err.startswith("chainrule: 오류: ") and "회귀 모델은" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "plane", "--task", "classification"],
        ["train", "--task", "regression", "circles"],
        ["train", "plane", "--classes", "3"],
        ["train", "plane", "--loss", "cross_entropy"],
        ["train", "plane", "--layers", "2,4,3"],
    ],
)
def test_regression_command_line_errors_in_korean(argv: list[str]) -> None:
    code, out, err = run_main(*argv, "--lang", "ko")
    assert code == 2 and out == ""
    line = err.strip().removeprefix("chainrule: 오류: ")
    assert HANGUL.search(line) and left(line) == [], line


def _csv(tmp: Path, text: str) -> str:
    (tmp / "d.csv").write_text(text)
    return str(tmp / "d.csv")


def _npz(tmp: Path, **arrays: np.ndarray) -> str:
    np.savez(tmp / "d.npz", **arrays)
    return str(tmp / "d.npz")


def _trained() -> Regressor:
    model = Regressor([2, 3, 1], learning_rate=0.01)
    model.fit(np.zeros((4, 2)), np.arange(4.0), epochs=1)
    return model


ONE = np.ones((3, 2))
RAISES: list[tuple[str, Callable[[Path], object]]] = [
    ("unknown set", lambda t: make_regression_toy("cube")),
    ("samples", lambda t: make_regression_toy("plane", samples=0)),
    ("noise", lambda t: make_regression_toy("plane", noise=2.0)),
    ("npz pair", lambda t: load_regression_file(_npz(t, X=ONE, y=ONE[:, 0], X_test=ONE))),
    (
        "test columns",
        lambda t: load_regression_file(
            _npz(t, X=ONE, y=ONE[:, 0], X_test=np.ones((3, 3)), y_test=ONE[:, 0])
        ),
    ),
    ("suffix", lambda t: load_regression_file(str(t / "d.txt"))),
    ("all targets", lambda t: load_regression_file(_csv(t, "a,b\n1,2\n"), "a,b")),
    ("words", lambda t: load_regression_file(_npz(t, X=np.array([["a"]]), y=np.ones(1)))),
    ("shapes", lambda t: load_regression_file(_npz(t, X=ONE, y=np.ones(2)))),
    ("nan", lambda t: load_regression_file(_npz(t, X=ONE, y=np.array([1.0, np.nan, 1.0])))),
    ("no column", lambda t: load_regression_file(_csv(t, "a,b\n1,2\n"), "c")),
    ("twice", lambda t: load_regression_file(_csv(t, "a,b,c\n1,2,3\n"), "c,c")),
    ("loss", lambda t: Regressor([2, 1], loss="hinge")),
    ("sizes", lambda t: Regressor([2, 3], output_names=["a"]).build([2, 3])),
    ("dtype", lambda t: Regressor([2, 1]).fit(ONE, np.array(["a", "b", "c"]), epochs=1)),
    ("target nan", lambda t: Regressor([2, 1]).fit(ONE, np.array([1, np.inf, 0]), epochs=1)),
    ("count", lambda t: Regressor([2, 1]).fit(ONE, np.ones(3), validation_data=(ONE, np.ones(2)))),
    ("columns", lambda t: _trained().evaluate(ONE, np.ones((3, 2)))),
    ("untrained", lambda t: Regressor([2, 1]).predict(ONE)),
    ("classes", lambda t: _trained().predict_classes(ONE)),
]


@pytest.mark.parametrize("fn", [f for _, f in RAISES], ids=[name for name, _ in RAISES])
def test_regression_messages_have_korean_forms(
    fn: Callable[[Path], object], tmp_path: Path
) -> None:
    with pytest.raises(ChainruleError) as caught:
        fn(tmp_path)
    english = str(caught.value)
    korean = translate_message(english, "ko")
    assert HANGUL.search(korean) and left(korean) == [], (english, korean)
    for quoted in re.findall(r"'[^']*'", english):
        assert quoted in korean, (quoted, korean)


def test_safetensors_messages_have_korean_forms(tmp_path: Path) -> None:
    from chainrule.training.load import load_safetensors
    from chainrule.training.safetensors import check_output

    bad = tmp_path / "m.safetensors"
    bad.write_bytes(b"\x00" * 4)
    messages = []
    for call in (lambda: check_output("m.npz"), lambda: load_safetensors(str(bad))):
        with pytest.raises(ChainruleError) as caught:
            call()
        messages.append(str(caught.value))
    bad.write_bytes((12).to_bytes(8, "little") + b"not json at")
    with pytest.raises(ChainruleError) as caught:
        load_safetensors(str(bad))
    messages.append(str(caught.value))
    for english in messages:
        korean = translate_message(english, "ko")
        assert HANGUL.search(korean) and left(korean) == [], (english, korean)
