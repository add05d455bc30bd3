"""chainrule studio in a real headless Chromium, driven by Playwright.

One server (uvicorn in a thread) and one browser serve the whole module. Skipped where
Playwright or Debian's ``/usr/bin/chromium`` is missing.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from chainrule.studio.app import create_app  # noqa: E402
from studio_server import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="chromium is not installed")

REQUESTS: list[str] = []


@pytest.fixture(scope="module")
def app():
    return create_app(lang="en")


@pytest.fixture(scope="module")
def base(app):
    with serve(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = context.new_page()
    pg.on("request", lambda r: REQUESTS.append(r.url))
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == []


def panel_text(pg) -> str:
    return pg.get_by_test_id("derivation").inner_text()


def until(pg, predicate, timeout: float = 10.0) -> None:
    """Poll ``predicate()`` from Python (the page's Content-Security-Policy forbids the
    string evaluation of ``wait_for_function``) for at most ``timeout`` seconds."""
    for _ in range(int(timeout / 0.1)):
        if predicate():
            return
        pg.wait_for_timeout(100)
    assert predicate()


def text(pg, testid: str) -> str:
    node = pg.get_by_test_id(testid)
    return (node.text_content() or "").strip() if node.count() else ""


def test_xor_trains_below_a_tenth(page, base):
    page.goto(f"{base}/?dataset=xor")
    page.get_by_test_id("weight-w1").wait_for()
    first = float(page.get_by_test_id("loss").inner_text())
    assert first > 0.1
    page.get_by_test_id("play").click()
    until(page, lambda: float(text(page, "loss")) < 0.1, timeout=20)
    page.get_by_test_id("pause").click()
    assert int(page.get_by_test_id("epoch").inner_text()) > 0
    assert page.get_by_test_id("accuracy").inner_text().endswith("%")


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["Chain rule", "We want to know"]), ("ko", ["연쇄 법칙", "에 대해 생각해봅시다"])],
)
def test_mazur_w5_derivation(page, base, lang, words):
    page.goto(f"{base}/?dataset=mazur&lang={lang}")
    page.get_by_test_id("weight-w5").click()
    until(page, lambda: "0.082167041" in panel_text(page))
    text = panel_text(page)
    for w in words:
        assert w in text
    assert "0.35891648" in text  # w5⁺ = 0.4 − 0.5 · 0.082167041
    assert page.locator("[data-testid=derivation] math").count() > 5  # MathML, as explain
    # the gradient's path: w5 and o1 highlighted, w1 not
    assert page.locator('line.edge.path[data-edge="w5"]').count() == 1
    assert page.locator('line.edge.path[data-edge="w1"]').count() == 0
    assert "path" in page.get_by_test_id("neuron-n1_0").get_attribute("class")


def test_step_mode_phases(page, base):
    page.goto(f"{base}/?dataset=mazur")
    page.get_by_test_id("weight-w5").wait_for()
    page.get_by_test_id("phase").click()  # forward
    out_h1 = page.get_by_test_id("value-n0_0-1")
    out_h1.wait_for()
    assert text(page, "value-n0_0-1") == "out_h1 = 0.593269992"
    assert text(page, "value-n0_0-0") == "net_h1 = 0.3775"
    assert text(page, "value-n1_0-1") == "out_o1 = 0.75136507"
    page.get_by_test_id("phase").click()  # error
    until(page, lambda: "0.298371109" in text(page, "phase-note"))
    page.get_by_test_id("phase").click()  # backward
    page.get_by_test_id("value-n1_0-2").wait_for()
    assert text(page, "value-n1_0-2") == "δ_o1 = 0.138498562"
    assert text(page, "edge-value-w5") == "∂E/∂w5 = 0.082167041"
    page.get_by_test_id("phase").click()  # update
    until(page, lambda: text(page, "edge-value-w5") == "w5: 0.4 → 0.35891648")
    assert page.get_by_test_id("epoch").inner_text() == "1"


def test_reload_gives_the_same_state(page, base):
    page.goto(f"{base}/?dataset=spiral")
    page.get_by_test_id("weight-w1").wait_for()
    page.get_by_test_id("learning-rate").select_option("0.1")
    until(page, lambda: "learning_rate=0.1&" in page.url)
    page.get_by_test_id("add-layer").click()
    until(page, lambda: "hidden=4%2C2%2C2&" in page.url)
    page.get_by_test_id("activation").select_option("relu")
    until(page, lambda: "activations=relu%2Crelu%2Crelu&" in page.url)
    page.get_by_test_id("weight-w9").click()
    page.get_by_test_id("edit-value").fill("-1.5")
    page.get_by_test_id("edit-apply").click()
    until(page, lambda: "edits=w9%3A-1.5" in page.url)
    url = page.url
    weights = [page.get_by_test_id(f"weight-w{n}").locator("title").text_content() for n in (1, 9)]
    assert weights[1] == "w9 = -1.50000"
    page.goto(url)  # the page's URL, in a fresh load
    page.get_by_test_id("weight-w1").wait_for()
    assert page.url == url
    assert page.get_by_test_id("learning-rate").input_value() == "0.1"
    assert page.get_by_test_id("dataset").input_value() == "spiral"
    assert page.get_by_test_id("activation").input_value() == "relu"
    assert page.locator(".layer-controls .layer").count() == 3
    again = [page.get_by_test_id(f"weight-w{n}").locator("title").text_content() for n in (1, 9)]
    assert again == weights


def test_hide_a_control_from_the_url(page, base):
    page.goto(f"{base}/?dataset=circle&noise_hide=true&learning_rate_hide=true")
    page.get_by_test_id("weight-w1").wait_for()
    assert not page.get_by_test_id("noise").is_visible()
    assert not page.get_by_test_id("learning-rate").is_visible()
    assert page.get_by_test_id("dataset").is_visible()


def test_edit_a_weight_then_switch_to_korean(page, base):
    page.goto(f"{base}/?dataset=mazur")
    page.get_by_test_id("weight-w5").click()
    until(page, lambda: "0.082167041" in panel_text(page))
    page.get_by_test_id("edit-value").fill("0.3")
    page.get_by_test_id("edit-apply").click()
    until(
        page,
        lambda: page.get_by_test_id("weight-w5").locator("title").text_content() == "w5 = 0.300000",
    )
    until(page, lambda: "0.3\n−\n0.5" in panel_text(page))  # w5⁺ = 0.3 − 0.5 · ∂E/∂w5
    page.get_by_test_id("lang").select_option("ko")
    until(page, lambda: "생각해봅시다" in panel_text(page))
    assert page.get_by_test_id("play").inner_text() == "재생"
    assert "lang=ko" in page.url


def test_upload_a_csv_from_the_page(page, base, tmp_path):
    rows = ["x1,x2,label"] + [f"{x},{y},{int(x > y)}" for x in range(-3, 4) for y in range(-3, 4)]
    csv = tmp_path / "points.csv"
    csv.write_text("\n".join(rows))
    page.goto(f"{base}/?dataset=circle")
    page.get_by_test_id("weight-w1").wait_for()
    page.get_by_test_id("upload").set_input_files(str(csv))
    until(page, lambda: page.get_by_test_id("dataset").input_value() == "upload")
    page.get_by_test_id("gradient-view").check()
    assert page.get_by_test_id("weight-w1").count() == 1


def test_a_bad_upload_on_a_korean_page_is_told_in_korean(page, base, tmp_path):
    bad = tmp_path / "points.csv"
    bad.write_text("x1,x2\n0.5,0.25\n")
    page.goto(f"{base}/?dataset=circle&lang=ko")
    page.get_by_test_id("weight-w1").wait_for()
    page.get_by_test_id("upload").set_input_files(str(bad))
    until(page, lambda: text(page, "message").startswith("오류:"))
    assert text(page, "message") == (
        "오류: 업로드 'points.csv' 1행: 열이 2개입니다. 3개여야 합니다 (x1, x2, 레이블)"
    )
    assert page.get_by_test_id("dataset").input_value() == "circle"


def test_exercise_mode_marks_each_box(page, base):
    import chainrule as cr
    from chainrule.teach.exercises import answers_with

    mistaken = answers_with(cr.exercise(example="mazur").problem, "factor_two")
    assert mistaken is not None
    page.goto(f"{base}/?dataset=mazur")
    page.get_by_test_id("weight-w5").wait_for()
    assert not page.get_by_test_id("check").is_visible()
    page.get_by_test_id("exercise").check()
    page.get_by_test_id("answer-out_h1").fill("0.593269992")
    page.get_by_test_id("answer-dE/dw5").fill(f"{mistaken['dE/dw5']:.9f}")
    assert page.get_by_test_id("answer-w5+").is_visible()
    page.get_by_test_id("check").click()
    until(page, lambda: page.get_by_test_id("answer-out_h1").get_attribute("data-state") == "right")
    right, wrong = page.get_by_test_id("answer-out_h1"), page.get_by_test_id("answer-dE/dw5")
    assert wrong.get_attribute("data-state") == "wrong"
    assert "right" in right.get_attribute("class") and "wrong" in wrong.get_attribute("class")
    assert page.get_by_test_id("answer-w5+").get_attribute("data-state") == "missing"
    assert wrong.input_value() == f"{mistaken['dE/dw5']:.9f}"  # kept through the redraw
    note = text(page, "diagnosis-dE/dw5")
    assert note.startswith("dE/dw5: The formula: ∂E/∂w5") and "½" in note
    assert text(page, "exercise-summary") == "1 right, 1 wrong, 41 blank."
    page.get_by_test_id("lang").select_option("ko")  # checked again, in Korean
    until(page, lambda: "계산식" in text(page, "diagnosis-dE/dw5"))
    assert "½" in text(page, "diagnosis-dE/dw5")
    assert text(page, "exercise-summary") == "맞음 1개, 틀림 1개, 빈칸 41개."
    page.get_by_test_id("step").click()  # new weights: the marks go, the typed numbers stay
    until(page, lambda: page.get_by_test_id("answer-out_h1").get_attribute("data-state") is None)
    assert page.get_by_test_id("answer-out_h1").input_value() == "0.593269992"
    assert page.get_by_test_id("diagnosis-dE/dw5").count() == 0


def test_export_a_model_file(page, base, app, tmp_path):
    import numpy as np

    import chainrule

    page.goto(f"{base}/?dataset=xor&hidden=3&activations=tanh")
    page.get_by_test_id("weight-w1").wait_for()
    page.get_by_test_id("step").click()
    until(page, lambda: text(page, "epoch") == "1")
    with page.expect_download() as info:
        page.get_by_test_id("export-model").click()
    download = info.value
    assert download.suggested_filename == "studio-xor.npz"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    model = chainrule.load(path)
    assert model.sizes == [2, 3, 2] and model.epoch == 1
    (session,) = [
        s for s in app.app.state.store.sessions.values() if s.config.hidden == (3,) and s.epoch
    ]
    out = session.network.predict(session.inputs)[:, 0]
    np.testing.assert_allclose(model.predict_proba(session.inputs)[:, 1], out, atol=1e-12)


def test_open_a_regression_model_file(page, base, tmp_path):
    from chainrule.data.regression import make_regression_toy
    from chainrule.training.regressor import Regressor

    x, t = make_regression_toy("plane", samples=200, seed=0)
    model = Regressor([2, 4, 1], activation="tanh", batch_size=20, learning_rate=0.01)
    model.fit(x, t, epochs=3)
    path = tmp_path / "plane.npz"
    model.save(path)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"PK\x03\x04 not a model")
    page.goto(f"{base}/?dataset=circle&lang=ko")
    page.get_by_test_id("weight-w1").wait_for()
    page.get_by_test_id("open-model").set_input_files(str(junk))
    until(page, lambda: text(page, "message").startswith("오류: 'junk.npz'"))
    assert page.get_by_test_id("dataset").input_value() == "circle"
    page.get_by_test_id("open-model").set_input_files(str(path))
    until(page, lambda: page.get_by_test_id("dataset").input_value() == "model")
    assert text(page, "message") == "모델 파일을 열었습니다: plane.npz (2-4-1, 회귀 모델)."
    assert page.get_by_test_id("accuracy").count() == 0  # a surface: no classes to count
    assert page.get_by_test_id("weight-w12").count() == 1  # 2·4 + 4·1 weights
    page.get_by_test_id("weight-w9").click()  # h1 → the output
    until(page, lambda: "생각해봅시다" in panel_text(page))
    assert page.get_by_test_id("export-model").get_attribute("href")  # and back to a file
    # the URL cannot carry the file: a reload starts from the server's settings and says why
    page.goto(page.url)
    page.get_by_test_id("weight-w1").wait_for()
    assert page.get_by_test_id("dataset").input_value() == "circle"
    assert text(page, "message").startswith("오류: 데이터 세트 'model': 가능한 값: circle")


def test_no_request_leaves_loopback():
    assert REQUESTS, "the tests above made requests"
    outside = [
        u for u in REQUESTS if urlsplit(u).hostname != "127.0.0.1" and not u.startswith("data:")
    ]
    assert outside == []
