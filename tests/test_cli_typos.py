"""Every name a user types gets "did you mean", and each error line says "chainrule:" once."""

from __future__ import annotations

import pytest

from chainrule.errors import ChainruleError
from chainrule.teach.examples import find_example
from chainrule.util.language import check_language
from cli_helpers import run_main


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["train", "moons", "--optimiser", "adam"], "'--optimizer'"),  # an option
        (["train", "moons", "--learningrate", "0.1"], "'--learning-rate'"),
        (["trian", "xor"], "'train'"),  # a subcommand
        (["graph", "--example", "aple"], "'apple'"),  # an example
        (["explain", "--example", "no-bais"], "'no-bias'"),
        (["explain", "--example", "seed03"], "'seed003'"),  # an old name
        (["evaluate", "m.npz", "fashion-mnst"], "'fashion-mnist'"),  # a data set
        (["train", "spirls"], "'spirals'"),
        (["graph", "--format", "svgg"], "'svg'"),  # a format
        (["explain", "--format", "markdwon"], "'markdown'"),
        (["train", "--lang", "korea"], "'korean'"),  # a language
        (["studio", "--lang", "kr", "--no-browser"], "'ko'"),  # a choice that is a language
    ],
)
def test_did_you_mean(argv: list[str], hint: str) -> None:
    code, out, err = run_main(*argv, *([] if "--lang" in argv else ["--lang", "en"]))
    err = err.replace("chainrule: 오류: ", "chainrule: error: ")  # --lang kr speaks Korean
    err = err.replace("; 혹시 'ko' 인가요?", "; did you mean 'ko'?")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.count("chainrule") == 1, err
    assert err.startswith("chainrule: error: ")
    assert err.rstrip().endswith(f"did you mean {hint}?"), err


def test_unrecognised_option_has_one_prefix() -> None:
    code, _, err = run_main("train", "moons", "--optimiser", "adam", "--lang", "en")
    assert code == 2
    assert err == (
        "chainrule: error: unrecognized arguments: --optimiser adam; did you mean '--optimizer'?\n"
    )


@pytest.mark.parametrize("spelling", ["kr", "KR", "korean", "ko_KR", "ko-kr", "한국어"])
def test_korean_by_other_names(spelling: str) -> None:
    assert check_language(spelling) == "ko"
    code, out, _ = run_main("explain", "--list", "--lang", spelling)
    assert code == 0 and "Matt Mazur 의 단계별" in out


def test_unknown_language_and_example_in_python() -> None:
    with pytest.raises(ChainruleError, match=r"unknown language 'jp': expected one of en, ko$"):
        check_language("jp")
    with pytest.raises(ChainruleError, match=r"did you mean 'matrix-form'\?"):
        find_example("matrix-from")
    assert find_example("seed004") is find_example("matrix-form")
