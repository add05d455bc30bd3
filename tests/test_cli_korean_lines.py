"""The command line's other lines in Korean: Ctrl-C and SIGTERM, the internal-error line,
the scaling pass of the progress reporter, ``predict`` on PNG images, the studio's and the
exercise command's lines."""

from __future__ import annotations

import io
import signal
from pathlib import Path

import numpy as np
import pytest

import chainrule.cli
from chainrule.cli import interrupted_line
from chainrule.cli.words import say
from chainrule.data.png import encode_png
from chainrule.errors import Terminated, TrainingInterrupted
from chainrule.training.classifier import Classifier
from chainrule.training.progress import LineProgress
from cli_helpers import run_main
from test_reliability import interrupt_after_first_save


@pytest.mark.parametrize(
    ("lang", "save", "completed", "line"),
    [
        ("en", "m.npz", 3, "chainrule: interrupted in epoch 4 after step 7 of 13: m.npz holds 3 "
         "complete epochs; run the same command with --resume to continue"),
        ("en", None, 1, "chainrule: interrupted in epoch 4 after step 7 of 13: 1 complete epoch, "
         "not saved (give --save PATH to keep them)"),
        ("ko", "m.npz", 3, "chainrule: 에포크 4의 13단계 중 7단계 뒤에 중단됨: m.npz 에 완료된 "
         "에포크 3개가 있습니다. 이어서 학습하려면 같은 명령에 --resume 을 붙여 실행하세요"),
        ("ko", None, 1, "chainrule: 에포크 4의 13단계 중 7단계 뒤에 중단됨: 완료된 에포크 1개, "
         "저장하지 않음 (남기려면 --save PATH 를 주세요)"),
    ],
)  # fmt: skip
def test_ctrl_c_during_training(lang: str, save: str | None, completed: int, line: str) -> None:
    stop = TrainingInterrupted(epoch=4, step=7, steps=13, completed=completed)
    assert interrupted_line(stop, save, lang) == line


def test_sigterm_during_training_in_both_languages() -> None:
    stop = TrainingInterrupted(4, 7, 13, completed=2, signum=signal.SIGTERM)
    assert interrupted_line(stop, "m.npz", "en") == (
        "chainrule: terminated: m.npz holds 2 complete epochs; run the same command with "
        "--resume to continue"
    )
    assert interrupted_line(stop, "m.npz", "ko").startswith(
        "chainrule: 종료됨: m.npz 에 완료된 에포크 2개가 있습니다."
    )


@pytest.mark.parametrize(
    ("raised", "status", "en", "ko"),
    [
        (KeyboardInterrupt, 130, "chainrule: interrupted\n", "chainrule: 중단됨\n"),
        (Terminated, 143, "chainrule: terminated\n", "chainrule: 종료됨\n"),
        (
            RuntimeError("a bug"),
            70,
            "chainrule: internal error: RuntimeError: a bug -- rerun with --debug for the "
            "traceback and report it\n",
            "chainrule: 내부 오류: RuntimeError: a bug -- --debug 를 붙여 다시 실행하면 "
            "트레이스백이 나옵니다. 그것을 알려 주세요\n",
        ),
        (MemoryError(), 70, "internal error: out of memory: ", "내부 오류: 메모리 부족: "),
    ],
)
def test_stopped_and_unexpected_lines(
    raised: BaseException, status: int, en: str, ko: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run(args: object) -> int:
        raise raised

    monkeypatch.setattr(chainrule.cli.explain, "run", run)
    for lang, expected in (("en", en), ("ko", ko)):
        code, out, err = run_main("explain", "--lang", lang)
        assert code == status and out == ""
        assert err == expected or (expected in err and err.count("\n") == 1), err
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")  # the locale, without --lang
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert ko in run_main("explain")[2]


def test_ctrl_c_in_a_korean_run_says_how_to_resume(tmp_path: Path) -> None:
    save = tmp_path / "m.npz"
    status, err = interrupt_after_first_save(save, "--lang", "ko")
    assert status == 130, err
    assert err.count("\n") == 1 and err.startswith("chainrule: 에포크 "), err
    assert f"{save} 에 완료된 에포크 " in err and "--resume 을 붙여 실행하세요" in err


def test_the_scaling_pass_in_both_languages() -> None:
    for lang, line in (
        ("en", "Read 60,000 samples for the scaling in "),
        ("ko", "스케일링에 쓸 샘플 60,000개를 "),
    ):
        stream = io.StringIO()
        with LineProgress(stream, lang).reading(60_000) as report:
            report(60_000)
        assert stream.getvalue().startswith(line) and stream.getvalue().count("\n") == 1


@pytest.fixture(scope="module")
def image_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("img")
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(20, 784)).astype(np.float64)
    model = Classifier([784, 4, 10], scaling="unit", image_shape=[28, 28], batch_size=10)
    model.fit(images, np.arange(20) % 10, epochs=1)
    model.save(folder / "img.npz")
    flat = Classifier([2, 4, 2], batch_size=10)
    flat.fit(rng.normal(size=(20, 2)), np.arange(20) % 2, epochs=1)
    flat.save(folder / "flat.npz")
    (folder / "small.png").write_bytes(encode_png(np.zeros((8, 8), dtype=np.uint8)))
    return folder


@pytest.mark.parametrize(
    ("model", "en", "ko"),
    [
        ("img.npz", "'{d}/small.png' is 8×8 pixels, expected 28×28",
         "'{d}/small.png' 은(는) 8×8 픽셀입니다. 28×28 픽셀이어야 합니다"),
        ("flat.npz", "'{d}/small.png': a PNG needs a model trained on images (MNIST-family)",
         "'{d}/small.png': PNG 에는 이미지로 학습한 모델이 필요합니다 (MNIST 계열)"),
    ],
)  # fmt: skip
def test_predict_png_messages_in_korean(image_model: Path, model: str, en: str, ko: str) -> None:
    argv = ["predict", str(image_model / model), str(image_model / "small.png")]
    assert run_main(*argv, "--lang", "en") == (2, "", f"chainrule: error: {en}\n".format(
        d=image_model))  # fmt: skip
    assert run_main(*argv, "--lang", "ko") == (2, "", f"chainrule: 오류: {ko}\n".format(
        d=image_model))  # fmt: skip


def test_exercise_sheets_line_in_korean(tmp_path: Path) -> None:
    code, out, err = run_main(
        "exercise", "--count", "2", "--output-dir", str(tmp_path), "--lang", "ko"
    )
    assert code == 0, err
    assert out == f"{tmp_path} 에 연습 문제지 2개\n"
    code, out, _ = run_main("exercise", "--count", "1", "--output-dir", str(tmp_path))
    assert out == f"1 sheet in {tmp_path}\n"


def test_studio_lines_in_both_languages() -> None:
    url = "http://127.0.0.1:8000/"
    assert say("en", "studio_serving", url=url) == f"chainrule studio: {url}\n(Ctrl-C stops it)"
    assert say("ko", "studio_serving", url=url) == f"chainrule studio: {url}\n(Ctrl-C 로 멈춥니다)"
    assert say("ko", "studio_stopped") == "chainrule studio: 멈춤"
