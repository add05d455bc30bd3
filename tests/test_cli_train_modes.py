"""``chainrule train``: the command names the mode, the summary tells the recipe actually
trained, held-out scores by default, early stopping says what it did, --quiet is quiet."""

from __future__ import annotations

import json
import re

import pytest

from chainrule.data.recipes import TOY_RECIPE, TRUTH_TABLE
from cli_helpers import run_main


def test_an_option_never_switches_the_truth_table_to_the_point_set() -> None:
    code, out, err = run_main("train", "xor", "--optimizer", "sgd", "--lang", "en")
    assert code == 2 and out == ""
    assert err == (
        "chainrule: error: --optimizer is not an option of the truth-table mode: 'train xor' "
        "trains the four rows of the XOR truth table by plain gradient descent; for a "
        "classifier on noisy XOR points use 'train xor-points --optimizer …'\n"
    )
    for flag in (["--save", "m.npz"], ["--noise", "0.2"], ["--validation", "0.2"]):
        code, _, err = run_main("train", "and", *flag, "--lang", "en")
        assert code == 2 and f"{flag[0]} is not an option of the truth-table mode" in err


def test_truth_table_summary_tells_its_recipe() -> None:
    code, out, _ = run_main("train", "xor", "--epochs", "40", "--lang", "en")
    assert code == 0
    first = out.splitlines()[0]
    assert re.fullmatch(
        r"xor \(truth table, 4 rows\): layers 2-4-1, activation sigmoid, optimizer gradient "
        r"descent, learning rate 2, batch size 4 \(full batch\), 40 epochs in \d+\.\d\d s",
        first,
    )
    assert TRUTH_TABLE.layers == (2, 4, 1) and TRUTH_TABLE.learning_rate == 2.0


def test_point_set_summary_tells_its_recipe_and_test_scores() -> None:
    code, out, _ = run_main(
        "train", "xor-points", "--epochs", "3", "--samples", "40", "--quiet", "--lang", "en"
    )
    assert code == 0 and out == ""  # --quiet: nothing but errors
    code, out, err = run_main(
        "train", "xor-points", "--epochs", "3", "--samples", "40", "--lang", "en"
    )
    assert code == 0 and err.count("\n") == 3  # one progress line per epoch
    lines = out.splitlines()
    assert re.fullmatch(
        r"xor: layers 2-16-16-2, activation relu, optimizer adam, learning rate 0\.001, batch "
        r"size 32, 3 epochs, learning-rate schedule constant; 40 training samples, 10 test "
        r"samples in \d+\.\d s",
        lines[0],
    )
    assert re.fullmatch(r"  test loss \d\.\d{4}  accuracy \d\.\d{4}", lines[2])
    assert TOY_RECIPE.hidden == (16, 16) and TOY_RECIPE.epochs == 100


def test_summary_shows_given_options_not_defaults() -> None:
    _, out, _ = run_main(
        "train", "moons", "--epochs", "2", "--samples", "20", "--optimizer", "sgd", "--lr",
        "0.5", "--batch-size", "8", "--layers", "2,5,2", "--activation", "tanh", "--schedule",
        "step", "--lang", "en",
    )  # fmt: skip
    assert out.startswith(
        "moons: layers 2-5-2, activation tanh, optimizer sgd, learning rate 0.5, batch size 8, "
        "2 epochs, learning-rate schedule step; 20 training samples, 5 test samples"
    )


def test_json_has_test_scores_and_quiet_keeps_it() -> None:
    code, out, err = run_main("train", "circles", "--epochs", "2", "--json", "--quiet")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert {"test_loss", "test_accuracy"} <= set(report) and 0 <= report["test_accuracy"] <= 1


def test_early_stopping_says_where_it_stopped_and_what_it_restored() -> None:
    argv = ["train", "moons", "--epochs", "300", "--samples", "60", "--validation", "0.3",
            "--patience", "2", "--optimizer", "sgd", "--lr", "2.0", "--quiet"]  # fmt: skip
    code, out, _ = run_main(*argv, "--json")
    report = json.loads(out)
    stopped, best = report["stopped_epoch"], report["restored_epoch"]
    assert report["epochs"] == stopped < 300 and best == stopped - 2
    code, out, _ = run_main(*argv[:-1], "--lang", "en")
    assert code == 0
    assert (
        f"  early stopping: stopped after epoch {stopped} (no better validation loss for "
        f"2 epochs); restored the weights of epoch {best}\n"
    ) in out
    _, out, _ = run_main(*argv[:-1], "--lang", "ko")
    assert (
        f"  조기 종료: 에포크 {stopped} 뒤에 멈춤" in out
        and f"에포크 {best}의 가중치를 되돌림" in out
    )


@pytest.mark.parametrize(
    ("n", "noun", "en", "ko"),
    [(1, "sample", "1 sample", "샘플 1개"), (4, "sample", "4 samples", "샘플 4개"),
     (1, "epoch", "1 epoch", "1 에포크"), (3000, "epoch", "3,000 epochs", "3,000 에포크"),
     (1, "row", "1 row", "행 1개")],
)  # fmt: skip
def test_counted_nouns(n: int, noun: str, en: str, ko: str) -> None:
    from chainrule.cli.words import count

    assert count("en", n, noun) == en and count("ko", n, noun) == ko
