"""The command line in Korean: every bad-input message, every help text, the training output.

Error messages are raised in English and translated by the catalogue
(chainrule/util/messages_ko.py) when the command prints them; help texts by
chainrule/cli/help_ko.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import test_bad_input
from chainrule.cli import build_parser
from chainrule.cli.help_ko import HELP_KO
from chainrule.cli.i18n import help_texts, language_from_argv, translate_message
from cli_helpers import run_main
from test_bad_input import CASES, Case, write_files

good_model = test_bad_input.good_model  # the fixture, shared

HANGUL = re.compile(r"[가-힣]")
# words that stay as they are in Korean: names of formats, values, arrays, options, files
TECHNICAL = {
    "json", "nan", "inf", "npz", "csv", "idx", "gzip", "zip", "pickle", "uint8", "float32",
    "float64", "object", "layers", "weights", "learning_rate", "train", "three", "param",
    "dataset", "infinity", "chainrule",
}  # fmt: skip


def english_left(korean: str) -> list[str]:
    """English words of a translated message that are not names, values or file names."""
    text = re.sub(r"'[^']*'", " ", korean)  # quoted values
    text = re.sub(r"\S*/\S*", " ", text)  # paths
    text = re.sub(r"가능한 값: [^;)]*", " ", text)  # lists of names
    text = re.sub(r"--[\w-]+", " ", text)  # options
    words = re.findall(r"[A-Za-z][A-Za-z_.0-9]{2,}", text)
    names = [w for w in words if re.search(r"[\d._]", w)]  # identifiers: w5, param.layer1, …
    return [w for w in words if w.lower() not in TECHNICAL and w not in names]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_bad_input_message_in_korean(case: Case, tmp_path: Path, good_model: Path) -> None:
    before = write_files(case, tmp_path, good_model)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in case.cli]
    code, out, err = run_main(*argv, "--lang", "ko")
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("chainrule: 오류: "), err
    assert HANGUL.search(lines[0].removeprefix("chainrule: 오류: ")), lines[0]
    assert english_left(lines[0].removeprefix("chainrule: 오류: ")) == [], lines[0]
    code_en, _, err_en = run_main(*argv, "--lang", "en")
    assert code_en == 2 and err_en.startswith("chainrule: error: ")
    # every value the English message names is still there
    for quoted in re.findall(r"'[^']*'", err_en):
        assert quoted in lines[0], (quoted, lines[0])
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_unknown_messages_stay_english() -> None:
    message = "a message nobody has translated yet"
    assert translate_message(message, "ko") == message
    assert translate_message("unknown loss 'x'", "en") == "unknown loss 'x'"


def test_every_help_text_has_a_korean_form() -> None:
    missing = [t for t in help_texts(build_parser()) if t not in HELP_KO]
    assert missing == [], "add the Korean forms to chainrule/cli/help_ko.py"


@pytest.mark.parametrize("command", ["", "explain", "train", "graph", "evaluate", "predict"])
def test_help_in_korean(command: str) -> None:
    code, out, _ = run_main("--lang", "ko", *([command] if command else []), "--help")
    assert code == 0 and out.startswith("사용법: chainrule")
    assert "옵션:" in out and "도움말을 보여 주고 끝냅니다" in out
    assert "show this help" not in out and "options:" not in out


def test_train_help_shows_each_data_sets_defaults_in_both_languages() -> None:
    _, en, _ = run_main("train", "--help", "--lang", "en")
    _, ko, _ = run_main("train", "--help", "--lang", "ko")
    assert re.search(
        r"xor, and, or\s+2,4,1\s+sigmoid\s+gradient descent\s+2\s+constant\s+4 \(all\)\s+3000",
        en,
    )
    assert re.search(
        r"circles, moons.*2,16,16,2 \(K\)\s+relu\s+adam\s+0.001\s+constant\s+32\s+100", en
    )
    assert re.search(
        r"mnist, fashion-mnist\s+784,256,128,10\s+relu\s+adam\s+0.001\s+cosine\s+128\s+10", en
    )
    assert re.search(r"digits\s+64,64,10\s+relu\s+adam\s+0.001\s+constant\s+32\s+30", en)
    assert re.search(r"\s+lr\s+schedule\s+batch\s+", en)
    assert "데이터 세트마다 정해진 기본값" in ko and "784,256,128,10" in ko
    assert re.search(
        r"mnist, fashion-mnist\s+784,256,128,10\s+relu\s+adam\s+0.001\s+cosine\s+128\s+10", ko
    )
    assert re.search(r"\s+학습률\s+스케줄\s+배치\s+", ko)


def test_language_from_the_command_line_and_the_locale() -> None:
    assert language_from_argv(["train", "--lang", "kr"], {}) == "ko"
    assert language_from_argv(["--lang=korean"], {"LANG": "en_US.UTF-8"}) == "ko"
    assert language_from_argv(["train"], {"LANG": "ko_KR.UTF-8"}) == "ko"
    assert language_from_argv(["--lang", "en"], {"LANG": "ko_KR.UTF-8"}) == "en"
    assert language_from_argv(["--lang", "xx"], {"LC_ALL": "C"}) == "en"


def test_truth_table_training_in_korean() -> None:
    code, out, _ = run_main("train", "xor", "--epochs", "20", "--lang", "kr")
    assert code == 0
    assert out.startswith(
        "xor (진리표, 행 4개): 층 2-4-1, 활성화 함수 sigmoid, 옵티마이저 경사 하강법"
    )
    assert "  에포크      1  E_total" in out and "  입력 -> out (목표값)" in out
    assert "\n  정확도 " in out and "epoch" not in out


def test_under_a_korean_locale_everything_is_korean(tmp_path: Path) -> None:
    env = {"LANG": "ko_KR.UTF-8", "PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-m", "chainrule", "train", "moons", "--epochs", "2", "--samples", "40"],
        capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("에포크 1/2 - ") and "손실" in result.stderr
    assert result.stdout.startswith("moons: 층 2-16-16-2, 활성화 함수 relu, 옵티마이저 adam")
    assert "학습 샘플 40개, 테스트 샘플 10개" in result.stdout
    assert "  테스트 손실 " in result.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "chainrule", "train", "moons", "--optimizer", "adm"],
        capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr == (
        "chainrule: 오류: train: 인자 --optimizer: 잘못된 선택 'adm' (가능한 값: 'sgd', "
        "'momentum', 'nesterov', 'adam'); 혹시 'adam' 인가요?\n"
    )


def test_evaluate_and_export_speak_korean(tmp_path: Path) -> None:
    model = tmp_path / "m.npz"
    assert run_main("train", "moons", "--epochs", "1", "--samples", "40", "--save", str(model),
                    "--quiet")[0] == 0  # fmt: skip
    code, out, _ = run_main("evaluate", str(model), "moons", "--samples", "40", "--lang", "ko")
    assert code == 0 and re.match(
        r"moons \(테스트, 샘플 10개\): 손실 \d\.\d{4}  정확도 \d\.\d{4}\n", out
    )
    assert "혼동 행렬 (행: 실제 클래스, 열: 예측한 클래스)" in out
    pytest.importorskip("onnx")
    code, out, _ = run_main(
        "export", "--example", "mazur", str(tmp_path / "m.onnx"), "--lang", "ko"
    )
    assert code == 0 and re.fullmatch(
        r"예제 mazur: \S+m\.onnx 에 씀 \([\d,]+ 바이트, ONNX opset 17\)\n", out
    )


def test_graph_legend_names_the_root_as_the_picture_does_in_both_languages() -> None:
    _, en, _ = run_main("graph", "--example", "apple", "--format", "dot", "--lang", "en")
    _, ko, _ = run_main("graph", "--example", "apple", "--format", "dot", "--lang", "ko")
    assert "∂total/∂·" in en and "∂(지불 금액)/∂·" in ko
    assert "∂L/∂·" not in en + ko
    for lang in ("en", "ko"):
        _, dot, _ = run_main("graph", "--example", "mazur", "--format", "dot", "--lang", lang)
        assert "∂E_total/∂·" in dot
