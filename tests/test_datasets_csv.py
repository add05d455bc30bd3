"""CSV files as spreadsheets write them: other delimiters, a byte-order mark, and errors that
name the line, the column and the value."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chainrule.data import load_csv
from chainrule.data.csv_text import sniff_delimiter
from chainrule.errors import ChainruleError
from cli_helpers import run_main

ROWS = [("a", "b", "label"), ("1.5", "2", "x"), ("4", "-5", "y"), ("0", "1e3", "x")]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text("\n".join(delimiter.join(r) for r in ROWS) + "\n")
    x, y, names = load_csv(path)
    assert names == ["a", "b"] and list(y) == ["x", "y", "x"]
    assert np.array_equal(x, [[1.5, 2.0], [4.0, -5.0], [0.0, 1000.0]])


def test_semicolons_with_decimal_points_and_the_command_line(tmp_path: Path) -> None:
    assert sniff_delimiter("a;b;c\n1.5;2;3\n") == ";"
    assert sniff_delimiter("a,b\n1;2,3\n") == ","
    path = tmp_path / "semi.csv"
    rng = np.random.default_rng(0)
    lines = ["f1;f2;kind"] + [
        f"{a:.3f};{b:.3f};{'up' if a > 0 else 'down'}" for a, b in rng.normal(size=(40, 2))
    ]
    path.write_text("\n".join(lines) + "\n")
    code, out, err = run_main("train", "--data", str(path), "--epochs", "2", "--lang", "en")
    assert code == 0, err
    assert out.startswith("semi: layers 2-64-2,")


def test_byte_order_mark_and_label_column_by_name(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfkind,a,b\nup,1,2\ndown,3,4\n")
    x, y, names = load_csv(path, "kind")
    assert names == ["a", "b"] and list(y) == ["up", "down"] and x.tolist() == [[1, 2], [3, 4]]


def test_words_in_a_feature_column_name_the_line_column_value_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "iris.csv"
    path.write_text("length,species,width\n5.1,setosa,3.5\n7.0,versicolor,3.2\n")
    with pytest.raises(ChainruleError) as info:
        load_csv(path)
    assert str(info.value) == (
        f"{str(path)!r} line 2, column 'species': 'setosa' is not a number, expected numbers in "
        "every feature column; column 'species' holds words: if it is the labels, give "
        "--label-column species"
    )
    code, _, err = run_main("train", "--data", str(path), "--lang", "ko")
    assert code == 2 and "2행, 열 'species': 'setosa' 은(는) 수가 아닙니다" in err
    assert "--label-column species 를 주세요" in err


def test_an_empty_cell_names_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "gap.csv"
    path.write_text("a,b,label\n1,2,0\n3,,1\n")
    with pytest.raises(
        ChainruleError, match=r"gap.csv' line 3, column 'b': empty cell, expected a number$"
    ):
        load_csv(path)


def test_a_csv_whose_rows_could_not_fit_in_memory_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parsed rows take up to ~23 times the file's size: the reader checks the file's size
    against half of the machine's memory first (here a machine of 1 MiB)."""
    from chainrule.data.csv_text import MEMORY_PER_FILE_BYTE
    from chainrule.util import limits

    path = tmp_path / "d.csv"
    path.write_text("a,b,label\n" + "10,11,x\n" * 4000)  # 32,010 bytes
    size = path.stat().st_size
    x, _, _ = load_csv(path)
    assert x.shape == (4000, 2)
    monkeypatch.setattr(limits, "machine_memory", lambda: 2 * size * MEMORY_PER_FILE_BYTE - 2)
    with pytest.raises(ChainruleError, match=rf"the CSV file .* \({size:,} bytes\) needs"):
        load_csv(path)
    monkeypatch.setattr(limits, "machine_memory", lambda: 2 * size * MEMORY_PER_FILE_BYTE)
    assert load_csv(path)[0].shape == (4000, 2)
