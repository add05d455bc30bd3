// chainrule studio's page: controls, the URL, the WebSocket. The server trains, derives
// and computes every number; this module sends the learner's clicks and draws replies.
import { drawChart, drawNetwork, drawPoints, paintGrid } from "./draw.js";

const $ = (sel) => document.querySelector(sel);
const $$ = (sel) => Array.from(document.querySelectorAll(sel));
const FIELDS = ["dataset", "noise", "train_percent", "samples", "seed", "features", "hidden", "activations",
  "loss", "learning_rate", "regularization", "reg_rate", "batch_size", "optimizer", "lang", "edits"];
const params = new URLSearchParams(location.search);
const token = params.get("token");

const page = {
  words: {}, options: null, ws: null, session: null, config: null, state: null,
  history: [], selected: null, path: null, nodeLabels: {}, edgeLabels: {}, phaseNext: "forward",
  lastDerive: 0, answers: {}, results: {}, notice: null, fallback: null,
};

function word(key, values = {}) {
  let text = page.words[key] ?? key;
  for (const [k, v] of Object.entries(values)) text = text.replaceAll(`{${k}}`, v);
  return text;
}

function withToken(url) {
  if (!token) return url;
  return url + (url.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token);
}

function urlConfig() {
  const config = {};
  for (const f of FIELDS) if (params.has(f)) config[f] = params.get(f);
  return config;
}

function writeURL() {
  const q = new URLSearchParams();
  const c = page.config;
  for (const f of FIELDS) {
    const v = c[f];
    if (f === "edits") {
      if (v.length) q.set(f, v.map(([name, value]) => `${name}:${value}`).join(","));
      continue;
    }
    q.set(f, Array.isArray(v) ? v.join(",") : String(v));
  }
  for (const [k, v] of params) if (k.endsWith("_hide") || k === "token") q.set(k, v);
  history.replaceState(null, "", `${location.pathname}?${q}`);
}

function applyHides() {
  for (const [k, v] of params) {
    if (!k.endsWith("_hide") || v !== "true") continue;
    const name = k.slice(0, -5);
    $$(`[data-control="${name}"]`).forEach((n) => n.classList.add("hidden-control"));
  }
}

function fillWords() {
  document.documentElement.lang = page.lang;
  document.title = word("title");
  $$("[data-word]").forEach((n) => { n.textContent = word(n.dataset.word); });
}

function options(select, values, label) {
  const current = select.value;
  select.textContent = "";
  for (const v of values) {
    const o = document.createElement("option");
    o.value = String(v);
    o.textContent = label ? label(v) : String(v);
    select.appendChild(o);
  }
  if (values.map(String).includes(current)) select.value = current;
}

function datasetLabel(name) {
  const key = `dataset.${name}`;
  return key in page.words ? word(key) : word("dataset.example", { name });
}

function buildControls() {
  const o = page.options;
  const datasets = page.state ? page.state.datasets : [];
  options($('[data-testid="dataset"]'), [...new Set([...o.datasets, ...datasets])], datasetLabel);
  options($('[data-testid="learning-rate"]'), o.learning_rates);
  options($('[data-testid="activation"]'), o.activations, (a) => word(`act.${a}`));
  options($('[data-testid="regularization"]'), o.regularizations, (r) => word(`reg.${r}`));
  options($('[data-testid="reg-rate"]'), o.reg_rates);
  options($('[data-testid="loss-function"]'), o.losses, (l) => word(`loss.${l}`));
  options($('[data-testid="optimizer"]'), o.optimizers, (n) => word(`opt.${n}`));
  options($('[data-testid="batch-size"]'), o.batch_sizes);
  const features = $('[data-testid="features"]');
  features.textContent = "";
  for (const [name, label] of Object.entries(o.features)) {
    const l = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = name;
    box.dataset.testid = `feature-${name}`;
    box.addEventListener("change", () => {
      const chosen = $$('[data-testid="features"] input:checked').map((b) => b.value);
      if (chosen.length) send({ type: "set", config: { features: chosen } });
      else box.checked = true;
    });
    l.append(box, " " + label);
    features.appendChild(l);
  }
}

function showConfig() {
  const c = page.config;
  const set = (id, v) => { const n = $(`[data-testid="${id}"]`); if (n) n.value = String(v); };
  set("dataset", c.dataset);
  set("learning-rate", c.learning_rate);
  set("activation", c.activations[0] ?? "tanh");
  set("regularization", c.regularization);
  set("reg-rate", c.reg_rate);
  set("loss-function", c.loss);
  set("optimizer", c.optimizer);
  set("batch-size", c.batch_size);
  set("noise", c.noise);
  set("train-percent", c.train_percent);
  set("lang", page.lang);
  $(".noise-value").textContent = c.noise;
  $(".ratio-value").textContent = `${c.train_percent}%`;
  $$('[data-testid="features"] input').forEach((b) => { b.checked = c.features.includes(b.value); });
  $(".layer-count").textContent = c.hidden.length;
  const layers = $(".layer-controls");
  layers.textContent = "";
  c.hidden.forEach((units, k) => {
    const div = document.createElement("div");
    div.className = "layer";
    const plus = document.createElement("button");
    plus.textContent = "+";
    plus.title = word("add_neuron");
    plus.dataset.testid = `add-neuron-${k + 1}`;
    plus.addEventListener("click", () => setHidden(k, units + 1));
    const minus = document.createElement("button");
    minus.textContent = "−";
    minus.title = word("remove_neuron");
    minus.dataset.testid = `remove-neuron-${k + 1}`;
    minus.addEventListener("click", () => setHidden(k, units - 1));
    const act = document.createElement("select");
    act.dataset.testid = `activation-${k + 1}`;
    act.title = word("layer_activation", { n: k + 1 });
    options(act, page.options.activations, (a) => word(`act.${a}`));
    act.value = c.activations[k];
    act.addEventListener("change", () => {
      const acts = [...c.activations];
      acts[k] = act.value;
      send({ type: "set", config: { activations: acts } });
    });
    const count = document.createElement("span");
    count.textContent = word("neurons", { n: units });
    const pair = document.createElement("div");
    pair.className = "pair";
    pair.append(plus, minus);
    div.append(pair, count, act);
    layers.appendChild(div);
  });
  const key = page.session;
  $('[data-testid="export-spec"]').href = withToken(`/api/sessions/${key}/export/spec`);
  $('[data-testid="export-onnx"]').href = withToken(`/api/sessions/${key}/export/onnx`);
  showModelExport(key);
}

// a model file holds one hidden activation and a classifier's or regressor's outputs: the
// server says when this network is not one, and the link says why instead of downloading
function showModelExport(key) {
  const link = $('[data-testid="export-model"]');
  const refusal = page.state && page.state.model_export;
  link.classList.toggle("disabled", !!refusal);
  link.setAttribute("aria-disabled", refusal ? "true" : "false");
  if (!refusal) {
    link.href = withToken(`/api/sessions/${key}/export/model`);
    link.removeAttribute("title");
    return;
  }
  link.removeAttribute("href");
  const values = refusal.reason === "activations"
    ? { activations: refusal.activations.map((a) => word(`act.${a}`)).join(", ") }
    : { activation: word(`act.${refusal.activation}`), loss: word(`loss.${refusal.loss}`) };
  link.title = word(`export_refused.${refusal.reason}`, values);
}

function setHidden(k, units) {
  const c = page.config;
  if (units < 1 || units > page.state.limits.neurons) return;
  const hidden = [...c.hidden];
  hidden[k] = units;
  send({ type: "set", config: { hidden } });
}

function draw() {
  const s = page.state;
  if (!s) return;
  $('[data-testid="epoch"]').textContent = s.epoch;
  const shown = (v) => (v === null ? "–" : v.toFixed(3));
  $('[data-testid="loss"]').textContent = shown(s.loss.test);
  $('[data-testid="train-loss"]').textContent = shown(s.loss.train);
  $('[data-testid="play"]').hidden = s.playing;
  $('[data-testid="pause"]').hidden = !s.playing;
  const canvas = $('[data-testid="heatmap"]');
  paintGrid(canvas, s.heatmaps.output, s.heatmaps.grid);
  if (page.points) drawPoints(canvas, page.points, page.classification);
  drawChart($('[data-testid="loss-chart"]'), page.history);
  const gradientView = $('[data-testid="gradient-view"]').checked;
  const exercise = exerciseView();
  $('[data-testid="network"]').classList.toggle("exercise", !!exercise);
  const centres = drawNetwork($('[data-testid="network"]'), s.network, {
    heatmaps: s.heatmaps, gradients: s.gradients.values, gradientView,
    nodeLabels: page.nodeLabels, edgeLabels: page.edgeLabels, path: page.path, selected: page.selected,
    exercise,
  }, { select });
  // each hidden layer's +/− and activation above its column
  $$(".layer-controls .layer").forEach((n, k) => { n.style.left = `${centres[k + 1]}px`; });
  const badge = $('[data-testid="gradient-badge"]');
  badge.hidden = !s.gradients.badge;
  if (s.gradients.badge) badge.textContent = word(`badge.${s.gradients.badge}`);
  const metrics = $('[data-testid="metrics"]');
  metrics.textContent = "";
  if (s.metrics.accuracy !== undefined) {
    const m = s.metrics.confusion;
    const head = m.map((_, j) => `<th>${word("predicted")} ${j}</th>`).join("");
    const rows = m.map((row, i) => `<tr><th>${word("actual")} ${i}</th>${row.map((v) => `<td>${v}</td>`).join("")}</tr>`).join("");
    metrics.innerHTML = `<div>${word("accuracy")} <b data-testid="accuracy">${(100 * s.metrics.accuracy).toFixed(1)}%</b></div>`
      + `<div>${word("confusion")}</div><table data-testid="confusion"><tr><th></th>${head}</tr>${rows}</table>`;
  }
  // a model file's note stays while its network is on the page
  const notice = page.notice && page.config.dataset === page.notice.dataset ? page.notice.text : "";
  $('[data-testid="message"]').textContent = s.diverged ? word("diverged", { message: s.diverged }) : notice;
  $(".phase-next").textContent = word(`phase.${page.phaseNext}`);
}

// Exercise mode (one-sample textbook examples): the server lists the quantities and where
// they sit; the learner's text goes back as typed, the server's check says right or wrong.
function exerciseView() {
  const items = page.state.exercise;
  const on = $('[data-testid="exercise"]').checked && !!items;
  $('[data-control="exercise"]').hidden = !items;
  $('[data-testid="check"]').hidden = !on;
  $('[data-testid="exercise-notes"]').hidden = !on;
  if (!on) return null;
  const notes = $('[data-testid="exercise-notes"]');
  if (!notes.childElementCount) notes.textContent = word("exercise_hint");
  return { items, answers: page.answers, results: page.results, onInput: typed };
}

function typed(name, input) {
  page.answers[name] = input.value;
  delete page.results[name];
  delete input.dataset.state;
  input.classList.remove("right", "wrong", "missing");
  input.removeAttribute("title");
}

function clearExercise(answers = true) {
  if (answers) page.answers = {};
  page.results = {};
  $('[data-testid="exercise-notes"]').textContent = "";
}

function checkAnswers() {
  const answers = {};
  for (const q of page.state.exercise || []) answers[q.name] = (page.answers[q.name] || "").trim();
  send({ type: "check", answers });
}

function showChecked(m) {
  page.results = m.results;
  const notes = $('[data-testid="exercise-notes"]');
  notes.textContent = "";
  const count = { right: 0, wrong: 0, missing: 0 };
  Object.values(m.results).forEach((r) => { count[r.state] += 1; });
  const summary = document.createElement("p");
  summary.dataset.testid = "exercise-summary";
  summary.textContent = word("exercise_result", count);
  notes.appendChild(summary);
  for (const [name, r] of Object.entries(m.results)) {
    if (r.state !== "wrong") continue;
    const p = document.createElement("p");
    p.className = "wrong";
    p.dataset.testid = `diagnosis-${name}`;
    p.textContent = `${name}: ${r.explanation}`;
    notes.appendChild(p);
  }
  draw();
}

function select(name) {
  page.selected = name;
  send({ type: "derive", name });
}

function showDerivation(d) {
  const panel = $('[data-testid="derivation"]');
  page.path = d.path;
  panel.querySelector(".body").innerHTML = d.html; // the server's MathML (chainrule explain)
  const notes = [word("derivation_samples", { n: d.samples })];
  if (d.optimizer !== "sgd" || d.regularization !== "none") notes.push(word("optimizer_note", { optimizer: word(`opt.${d.optimizer}`) }));
  panel.querySelector(".note").textContent = notes.join(" ");
  const edit = panel.querySelector(".edit");
  edit.hidden = false;
  panel.querySelector(".edit-label").textContent = word("edit_prompt", { name: d.name });
  const value = findValue(d.name);
  if (value !== null) panel.querySelector('[data-testid="edit-value"]').value = value;
  page.lastDerive = Date.now();
  draw();
}

function findValue(name) {
  for (const layer of page.state.network.layers) {
    for (const row of layer.weights) for (const w of row) if (w.name === name) return w.value;
    for (const b of layer.biases) if (b.name === name) return b.value;
  }
  return null;
}

function refreshDerivation() {
  if (page.selected) send({ type: "derive", name: page.selected });
}

function onMessage(event) {
  const m = JSON.parse(event.data);
  if (m.type === "welcome") {
    page.session = m.session;
    // a link's settings, else the server's starting ones (--example, --spec)
    const fromURL = urlConfig();
    const start = Object.keys(fromURL).filter((k) => k !== "lang").length ? fromURL : m.config;
    page.fallback = start === m.config ? null : m.config;
    send({ type: "init", config: { ...start, lang: page.lang } });
    return;
  }
  if (m.type === "error") {
    $('[data-testid="message"]').textContent = word("error", { message: m.error });
    if (!page.state && page.fallback) {
      // a link the server cannot rebuild (an uploaded file is not in the URL): the server's
      // starting settings instead, and the reason kept in view
      page.notice = { dataset: page.fallback.dataset, text: word("error", { message: m.error }) };
      send({ type: "init", config: { ...page.fallback, lang: page.lang } });
      page.fallback = null;
    }
    if (page.config) showConfig();
    return;
  }
  if (m.type === "derivation") { showDerivation(m); return; }
  if (m.type === "checked") { showChecked(m); return; }
  if (m.type === "pong") return;
  // the network or its settings moved on: the marks of the last check no longer hold
  if (Object.keys(page.results).length) clearExercise(false);
  const previous = page.state;
  if (previous && m.heatmaps && !m.heatmaps.neurons) m.heatmaps.neurons = previous.heatmaps.neurons;
  page.state = { ...(page.state || {}), ...m };
  if (m.config) {
    const changed = !page.config || JSON.stringify(page.config) !== JSON.stringify(m.config);
    page.config = m.config;
    page.history = m.history;
    page.points = m.points;
    page.classification = m.classification;
    if (changed && previous) { page.nodeLabels = {}; page.edgeLabels = {}; }
    if (previous && previous.config && previous.config.dataset !== m.config.dataset) clearExercise();
    buildControls();
    showConfig();
    writeURL();
    if (changed && page.selected && !findValue(page.selected)) { page.selected = null; page.path = null; }
  } else if (m.history_point) {
    const last = page.history[page.history.length - 1];
    if (!last || last[0] !== m.history_point[0]) page.history.push(m.history_point);
    if (page.history.length > 1000) page.history = page.history.filter((_, i) => i % 2 === 0);
  }
  if (m.type === "phase") showPhase(m);
  else if (m.type === "state" || m.type === "update") {
    if (m.type === "state") { page.nodeLabels = {}; page.edgeLabels = {}; $('[data-testid="phase-note"]').textContent = ""; page.phaseNext = "forward"; }
    if (m.type === "state" || Date.now() - page.lastDerive > 2000) refreshDerivation();
  }
  draw();
}

function showPhase(m) {
  const names = {};
  page.state.network.neurons.forEach((row, k) => row.forEach((n, j) => { names[`n${k}_${j}`] = n; }));
  const order = ["forward", "error", "backward", "update"];
  page.phaseNext = order[(order.indexOf(m.phase) + 1) % 4];
  if (m.phase === "forward") {
    page.nodeLabels = {};
    page.edgeLabels = {};
    for (const [id, v] of Object.entries(m.neurons)) page.nodeLabels[id] = [`net_${names[id]} = ${v.net}`, `out_${names[id]} = ${v.out}`];
  } else if (m.phase === "error") {
    page.nodeLabels = { ...page.nodeLabels };
  } else if (m.phase === "backward") {
    for (const [id, v] of Object.entries(m.neurons)) page.nodeLabels[id] = [...(page.nodeLabels[id] || []).slice(0, 2), `δ_${names[id]} = ${v.delta}`];
    page.edgeLabels = Object.fromEntries(Object.entries(m.partials).map(([w, g]) => [w, `∂E/∂${w} = ${g}`]));
  } else {
    page.edgeLabels = Object.fromEntries(Object.entries(m.updates).map(([w, [a, b]]) => [w, `${w}: ${a} → ${b}`]));
  }
  const values = { n: m.samples, loss: m.error ?? "" };
  $('[data-testid="phase-note"]').textContent = word(`phase_done.${m.phase}`, values);
  refreshDerivation();
}

function send(message) {
  if (page.ws && page.ws.readyState === WebSocket.OPEN) page.ws.send(JSON.stringify(message));
}

async function loadWords(lang) {
  const r = await fetch(withToken(lang ? `/api/options?lang=${encodeURIComponent(lang)}` : "/api/options"));
  page.options = await r.json();
  page.words = page.options.words;
  page.lang = page.options.lang;
  fillWords();
}

function connect() {
  const proto = location.protocol === "https:" ? "wss" : "ws";
  const ws = new WebSocket(withToken(`${proto}://${location.host}/ws?lang=${encodeURIComponent(page.lang)}`));
  page.ws = ws;
  ws.addEventListener("message", onMessage);
  ws.addEventListener("close", () => { $('[data-testid="message"]').textContent = word("disconnected"); });
}

function wire() {
  const click = (id, f) => $(`[data-testid="${id}"]`).addEventListener("click", f);
  click("play", () => send({ type: "play" }));
  click("pause", () => send({ type: "pause" }));
  click("step", () => send({ type: "step" }));
  click("reset", () => send({ type: "reset" }));
  click("regenerate", () => send({ type: "regenerate" }));
  click("phase", () => send({ type: "phase" }));
  click("add-layer", () => {
    const c = page.config;
    if (c.hidden.length < page.state.limits.hidden_layers) send({ type: "set", config: { hidden: [...c.hidden, 2], activations: [...c.activations, c.activations.at(-1) ?? "tanh"] } });
  });
  click("remove-layer", () => {
    const c = page.config;
    if (c.hidden.length > 0) send({ type: "set", config: { hidden: c.hidden.slice(0, -1), activations: c.activations.slice(0, -1) } });
  });
  click("edit-apply", () => {
    const value = Number($('[data-testid="edit-value"]').value);
    if (page.selected && Number.isFinite(value)) send({ type: "edit", name: page.selected, value });
  });
  $('[data-testid="gradient-view"]').addEventListener("change", draw);
  $('[data-testid="exercise"]').addEventListener("change", draw);
  click("check", checkAnswers);
  $$("select[data-field], input[type=range][data-field]").forEach((n) => n.addEventListener("change", () => {
    const field = n.dataset.field;
    if (field === "activation") {
      send({ type: "set", config: { activations: page.config.hidden.map(() => n.value) } });
      return;
    }
    send({ type: "set", config: { [field]: n.value } });
  }));
  $('[data-testid="lang"]').addEventListener("change", async (e) => {
    await loadWords(e.target.value);
    buildControls();
    send({ type: "set", config: { lang: page.lang } });
    if (Object.keys(page.results).length) checkAnswers(); // the diagnoses in the new language
  });
  $('[data-testid="upload"]').addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    const r = await fetch(withToken(`/api/sessions/${page.session}/upload?name=${encodeURIComponent(file.name)}`), { method: "POST", body: file });
    const reply = await r.json();
    if (!r.ok) { $('[data-testid="message"]').textContent = word("error", { message: reply.error }); return; }
    send({ type: "set", config: {} });
  });
  $('[data-testid="export-model"]').addEventListener("click", (e) => {
    if (!e.currentTarget.hasAttribute("href")) $('[data-testid="message"]').textContent = e.currentTarget.title;
  });
  $('[data-testid="open-model"]').addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    e.target.value = "";
    const r = await fetch(withToken(`/api/sessions/${page.session}/model?name=${encodeURIComponent(file.name)}`), { method: "POST", body: file });
    const reply = await r.json();
    const message = $('[data-testid="message"]');
    if (!r.ok) { message.textContent = word("error", { message: reply.error }); return; }
    page.notice = { dataset: reply.dataset, text: word("model_opened", { name: file.name, sizes: reply.sizes.join("-"), task: word(`task.${reply.task}`) }) };
    send({ type: "set", config: {} });
  });
}

async function main() {
  applyHides();
  await loadWords(params.get("lang") || "");
  wire();
  connect();
}

main();
