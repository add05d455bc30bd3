"""More messages in Korean: spec fields, exercises and answers, regression options; each
raised by the real code, then translated by the catalogue (chainrule/util/messages_ko.py)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chainrule.cli.i18n import translate_message
from chainrule.errors import ChainruleError
from chainrule.teach.draw.render import MISSING
from chainrule.teach.examples import MAZUR
from chainrule.teach.spec import parse_spec
from cli_helpers import run_main
from test_cli_korean import HANGUL
from test_cli_korean_hostile import english_words


def spec(change: Callable[[dict], Any]) -> dict:
    s = copy.deepcopy(MAZUR)
    change(s)
    return s


def layer(key: str, value: Any) -> Callable[[dict], Any]:
    return lambda s: s["layers"][0].__setitem__(key, value)


SPECS = {
    "not-an-object": [1],
    "unknown-field": spec(lambda s: s.update(foo=1)),
    "layers-a-number": spec(lambda s: s.update(layers=3)),
    "layer-a-number": spec(lambda s: s["layers"].__setitem__(0, 3)),
    "unknown-layer-field": spec(layer("foo", 1)),
    "too-many-weights": spec(layer("units", 100_000)),
    "weight-a-string": spec(layer("weights", [[1, "a"], [1, 2]])),
    "weight-nan": spec(layer("weights", [[1, float("nan")], [1, 2]])),
    "weights-a-number": spec(layer("weights", 3)),
    "weight-row-a-number": spec(layer("weights", [3, 3])),
    "weight-row-too-long": spec(layer("weights", [[1, 2, 3], [1, 2]])),
    "biases-three": spec(layer("biases", [1, 2, 3])),
    "biases-for-none": spec(lambda s: s["layers"][0].update(bias="none", biases=[1])),
    "inputs-and-targets": spec(lambda s: s.update(inputs=[[1, 2], [3, 4]])),
    "seed-negative": spec(lambda s: s.update(seed=-1)),
}


@pytest.mark.parametrize("name", SPECS)
def test_spec_messages_in_korean(name: str) -> None:
    with pytest.raises(ChainruleError) as caught:
        parse_spec(SPECS[name], source="s.json")
    english = str(caught.value)
    korean = translate_message(english, "ko")
    assert HANGUL.search(korean) and english_words(korean) == [], (english, korean)
    assert korean.startswith("s.json: ")


@pytest.mark.parametrize(
    ("argv", "files", "korean"),
    [
        (["check", "--example", "mazur", "a.json"], {"a.json": {"net_h1": "abc"}},
         "답 'net_h1' 이(가) 'abc' 입니다. 수여야 합니다"),
        (["check", "--example", "mazur", "a.json"], {"a.json": {"nte_h1": 1}},
         "알 수 없는 답 이름 'nte_h1': 이런 이름이어야 합니다: net_h1, out_h1, net_h2, out_h2; "
         "혹시 'net_h1' 인가요?"),
        (["check", "--example", "mazur", "a.json"], {"a.json": [1]},
         "답안 파일 '{tmp}/a.json': 이름과 수로 된 JSON 객체여야 합니다"),
        (["exercise", "--seed", "1", "--layers", "30,30,2"], {},
         "층 30,30,2: 1 이상의 크기가 둘 이상, 뉴런은 모두 합쳐 많아야 40개여야 합니다 (손으로 "
         "계산할 문제)"),
        (["exercise", "--seed", "1", "--loss", "cross_entropy", "--layers", "2,2,1"], {},
         "손실 함수 'cross_entropy' 에는 출력이 2개 이상 필요합니다 (softmax)"),
        (["train", "plane", "--task", "regression", "--momentum", "0.5"], {},
         "옵티마이저 'adam' 에 momentum 0.5 이(가) 주어졌습니다: momentum 은 momentum 이나 "
         "nesterov 옵티마이저에만 씁니다"),
        (["train", "plane", "--noise", "2"], {}, "잡음 2.0: 0 부터 1 까지의 수여야 합니다"),
        (["train", "moons", "--l", "3"], {},
         "train: 모호한 옵션: --l 은(는) 다음 중 무엇인지 모릅니다: --layers, --lr, "
         "--learning-rate, --label-column, --loss, --lang"),
        (["train", "--spec", "{tmp}/none.json"], {}, "명세 파일 '{tmp}/none.json' 이(가) 없습니다"),
    ],
)  # fmt: skip
def test_command_lines_in_korean(argv: list[str], files: dict, korean: str, tmp_path: Path) -> None:
    for name, content in files.items():
        (tmp_path / name).write_text(json.dumps(content))
    argv = [a.replace("{tmp}", str(tmp_path)).replace("a.json", str(tmp_path / "a.json"))
            for a in argv]  # fmt: skip
    code, out, err = run_main(*argv, "--lang", "ko")
    assert (code, out) == (2, ""), err
    assert err == f"chainrule: 오류: {korean.replace('{tmp}', str(tmp_path))}\n"


@pytest.mark.parametrize(
    ("english", "korean"),
    [
        (MISSING.format(fmt="svg"),
         "Graphviz 의 dot 프로그램이 설치되어 있지 않습니다: svg 그림을 만들려면 Debian 패키지 "
         "graphviz 를 설치하거나 (sudo apt-get install graphviz), --format dot 을 쓰세요"),
        ("check: one of the arguments --example --spec is required",
         "check: 인자 --example --spec 중 하나가 필요합니다"),
        ("s.json: hinge loss targets must be -1 or +1",
         "s.json: hinge 손실의 목표값은 -1 이나 +1 이어야 합니다"),
        ("40 samples but 5 labels: expected one each",
         "샘플 40개에 레이블 5개: 샘플마다 하나씩이어야 합니다"),
        ("validation fraction 1.5: expected a number in [0, 1)",
         "검증 비율 1.5: [0, 1) 범위의 수여야 합니다"),
    ],
)  # fmt: skip
def test_messages_without_a_command_line_case(english: str, korean: str) -> None:
    assert translate_message(english, "ko") == korean
    assert translate_message(english, "en") == english


def test_a_model_the_studio_cannot_show_in_korean(tmp_path: Path) -> None:
    model = str(tmp_path / "m.npz")
    assert run_main("train", "moons", "--epochs", "1", "--samples", "40", "--save", model,
                    "--quiet")[0] == 0  # fmt: skip
    code, out, err = run_main("studio", "--model", model, "--no-browser", "--lang", "ko")
    assert (code, out) == (2, "")
    assert re.fullmatch(
        r"chainrule: 오류: 모델이 2-16-16-2 입니다: studio 는 뉴런 \d+개짜리 은닉층을 많아야 "
        r"\d+개까지 보여 줍니다 \(--layers 2,8,8,2 로 학습하세요\)\n",
        err,
    ), err
