"""``train --resume`` against the saved run's settings (chainrule/cli/resume.py).

An option the command line does not give takes the saved run's value, so a resumed run is
the straight run continued (bit for bit); an option given with another value is exit 2
naming every difference (in English and in Korean), unless ``--override``; the files stay
as they were. Model files written before the run's settings were saved still resume.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

import chainrule
from cli_helpers import run_main

TRAIN = ["train", "moons", "--quiet"]
SETTINGS = ["--seed", "7", "--validation", "0.25", "--patience", "50", "--samples", "120"]
HANGUL = re.compile(r"[가-힣]")


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A moons model trained 2 epochs with a seed, a validation share, patience, samples."""
    path = tmp_path / "m.npz"
    assert run_main(*TRAIN, *SETTINGS, "--epochs", "2", "--save", str(path))[0] == 0
    return path


def weights(model: chainrule.Classifier) -> list[np.ndarray]:
    assert model.network is not None
    return [p.data for p in model.network.parameters()]


def test_the_run_settings_are_saved(saved: Path) -> None:
    model = chainrule.load(saved)
    assert model.seed == 7
    assert model.run_settings == {
        "data": "moons",
        "validation": 0.25,
        "patience": 50,
        "samples": 120,
        "noise": 0.1,
    }


def test_options_not_typed_take_the_saved_runs_values(saved: Path, tmp_path: Path) -> None:
    straight = tmp_path / "straight.npz"
    assert run_main(*TRAIN, *SETTINGS, "--epochs", "4", "--save", str(straight))[0] == 0
    # no --seed, --validation, --patience, --samples: none is a difference, each the saved one
    code, _, err = run_main(*TRAIN, "--epochs", "4", "--save", str(saved), "--resume")
    assert code == 0, err
    resumed, whole = chainrule.load(saved), chainrule.load(straight)
    assert resumed.epoch == 4 and resumed.seed == 7
    assert resumed.history.val_loss == whole.history.val_loss  # the same held-out samples
    assert resumed.history.loss == whole.history.loss
    for a, b in zip(weights(resumed), weights(whole), strict=True):
        np.testing.assert_array_equal(a, b)


def test_the_same_values_typed_again_are_no_difference(saved: Path) -> None:
    code, _, err = run_main(*TRAIN, *SETTINGS, "--epochs", "3", "--save", str(saved), "--resume")
    assert code == 0, err
    assert chainrule.load(saved).epoch == 3


DIFFERENT = ["--seed", "1", "--validation", "0.1", "--patience", "2", "--samples", "300"]
LISTED = [
    "--seed 1 (saved 7)",
    "--validation 0.1 (saved 0.25)",
    "--patience 2 (saved 50)",
    "--samples 300 (saved 120)",
]


def test_every_difference_is_listed_in_one_line(saved: Path) -> None:
    before = saved.read_bytes()
    code, out, err = run_main(*TRAIN, *DIFFERENT, "--epochs", "3", "--save", str(saved), "--resume")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    for item in LISTED:
        assert item in err, err
    assert "--override" in err
    assert saved.read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == ["m.npz"]  # no lock, no .tmp


def test_every_difference_is_listed_in_korean(saved: Path) -> None:
    code, _, err = run_main(
        *TRAIN, *DIFFERENT, "--epochs", "3", "--save", str(saved), "--resume", "--lang", "ko"
    )
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("chainrule: 오류: ") and HANGUL.search(err)
    for item in LISTED:
        assert item.replace("(saved", "(저장된 값") in err, err
    words = re.sub(r"'[^']*'", "", err)  # without the quoted path
    assert "--override" in words and "differ" not in words and "saved" not in words


def test_another_data_set_is_a_difference(saved: Path) -> None:
    code, _, err = run_main(
        "train", "circles", "--quiet", "--epochs", "3", "--save", str(saved), "--resume"
    )
    assert code == 2 and "DATASET circles (saved moons)" in err, err
    code, _, err = run_main(
        "train", "circles", "--quiet", "--epochs", "3", "--save", str(saved), "--resume",
        "--lang", "ko",
    )  # fmt: skip
    assert code == 2 and "데이터 세트 circles (저장된 값 moons)" in err, err


def test_override_continues_with_the_typed_settings(saved: Path) -> None:
    code, _, err = run_main(
        *TRAIN, *DIFFERENT, "--epochs", "3", "--save", str(saved), "--resume", "--override"
    )
    assert code == 0, err
    model = chainrule.load(saved)
    assert model.epoch == 3 and model.seed == 1
    assert model.run_settings["validation"] == 0.1 and model.run_settings["patience"] == 2
    assert model.run_settings["samples"] == 300
    assert len(model.history.val_loss) == 3


def test_a_network_setting_lists_the_training_ones_too(saved: Path) -> None:
    code, _, err = run_main(
        *TRAIN, "--layers", "2,4,2", "--seed", "1", "--save", str(saved), "--resume", "--override"
    )
    assert code == 2 and "cannot change on resume" in err
    assert "--layers 2,4,2 (saved 2,16,16,2)" in err
    assert "(and --seed 1 (saved 7) differ too)" in err


def without_run_settings(path: Path) -> None:
    """Rewrite ``path`` as a model file of a version that did not save the run's settings."""
    with np.load(path, allow_pickle=False) as f:
        arrays = dict(f)
    config = json.loads(arrays["config"].tobytes())
    del config["run"]
    arrays["config"] = np.frombuffer(json.dumps(config).encode(), dtype=np.uint8)
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def test_an_older_file_without_run_settings_still_resumes(saved: Path) -> None:
    without_run_settings(saved)
    assert chainrule.load(saved).run_settings == {}
    # what the file does not hold cannot differ; what it holds (the seed) still does
    code, _, err = run_main(
        *TRAIN, "--samples", "120", "--validation", "0.1", "--epochs", "3", "--seed", "1",
        "--save", str(saved), "--resume",
    )  # fmt: skip
    assert code == 2 and "--seed 1 (saved 7)" in err and "--validation" not in err, err
    code, _, err = run_main(
        *TRAIN, "--samples", "120", "--validation", "0.1", "--epochs", "3", "--save", str(saved),
        "--resume",
    )  # fmt: skip
    assert code == 0, err
    model = chainrule.load(saved)
    assert model.epoch == 3 and model.run_settings["validation"] == 0.1


def test_a_regressor_resumes_with_its_settings_compared(tmp_path: Path) -> None:
    path = tmp_path / "plane.npz"
    common = ["train", "plane", "--quiet", "--samples", "80", "--save", str(path)]
    assert run_main(*common, "--epochs", "1", "--seed", "4", "--validation", "0.2")[0] == 0
    code, _, err = run_main(*common, "--epochs", "2", "--resume", "--noise", "0.3", "--lr", "0.1")
    assert code == 2, err
    assert "--lr 0.1 (saved 0.001)" in err and "--noise 0.3 (saved 0)" in err
    code, _, err = run_main(*common, "--epochs", "2", "--resume")
    assert code == 0, err
    model = chainrule.load(path)
    assert model.epoch == 2 and model.seed == 4 and model.run_settings["validation"] == 0.2
    code, _, err = run_main("train", "moons", "--quiet", "--save", str(path), "--resume")
    assert code == 2 and "is a regressor: resume it with --task regression" in err, err
