// Drawing only: the network as SVG, heatmaps and the loss chart on canvas. Every number
// drawn here was computed by the server (chainrule's engine); nothing is derived.

const SVG = "http://www.w3.org/2000/svg";
const BLUE = [8, 119, 189];
const ORANGE = [245, 147, 34];
const WHITE = [232, 234, 235];

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

// byte 0…255 ↦ value −1…1 ↦ orange…white…blue
export function colour(byte) {
  const v = byte / 127.5 - 1;
  const [a, b] = v < 0 ? [ORANGE, WHITE] : [WHITE, BLUE];
  const t = v < 0 ? v + 1 : v;
  return a.map((c, i) => Math.round(c + (b[i] - c) * t));
}

function decode(b64) {
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export function paintGrid(canvas, b64, cells) {
  const bytes = decode(b64);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(cells, cells);
  for (let i = 0; i < bytes.length; i++) {
    const [r, g, b] = colour(bytes[i]);
    image.data.set([r, g, b, 255], 4 * i);
  }
  const tmp = document.createElement("canvas");
  tmp.width = tmp.height = cells;
  tmp.getContext("2d").putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tmp, 0, 0, canvas.width, canvas.height);
}

function gridURL(b64, cells) {
  const c = document.createElement("canvas");
  c.width = c.height = cells;
  paintGrid(c, b64, cells);
  return c.toDataURL();
}

export const DOMAIN = 1.2;
const ROW = 17; // px of one answer box

// Exercise mode: an input beside each quantity (data-testid answer-NAME) at its anchor,
// a neuron (below it) or an edge (at its handle); the server's check sets data-state.
function drawAnswers(svg, exercise, places) {
  const groups = {};
  exercise.items.forEach((q) => { (groups[q.anchor] = groups[q.anchor] || []).push(q.name); });
  const layer = el("g", { class: "answers" }, svg);
  for (const [anchor, names] of Object.entries(groups)) {
    const at = places[anchor];
    if (!at) continue;
    const fo = el("foreignObject", { x: at[0], y: at[1], width: at[2], height: ROW * names.length + 2 }, layer);
    const div = document.createElement("div"); // an HTML element: foreignObject holds it
    div.className = "answers";
    fo.appendChild(div);
    for (const name of names) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.maxLength = 40;
      input.dataset.testid = `answer-${name}`;
      input.dataset.name = name;
      input.value = exercise.answers[name] ?? "";
      const result = exercise.results[name];
      if (result) {
        input.dataset.state = result.state;
        input.classList.add(result.state);
        if (result.explanation) input.title = result.explanation;
      }
      input.addEventListener("input", () => exercise.onInput(name, input));
      label.append(name, input);
      div.appendChild(label);
    }
  }
}

export function drawPoints(canvas, points, classification) {
  const ctx = canvas.getContext("2d");
  const s = canvas.width / (2 * DOMAIN);
  points.x.forEach(([x1, x2], n) => {
    const label = points.label[n];
    const byte = classification ? (label >= 0.5 ? 255 : 0) : Math.max(0, Math.min(255, (label + 1) * 127.5));
    const [r, g, b] = colour(byte);
    ctx.beginPath();
    ctx.arc((x1 + DOMAIN) * s, (DOMAIN - x2) * s, 3, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fill();
    ctx.lineWidth = points.test[n] ? 1.5 : 0.8;
    ctx.strokeStyle = points.test[n] ? "#000" : "#fff";
    ctx.stroke();
  });
}

export function drawChart(canvas, history) {
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (history.length < 2) return;
  const top = Math.max(...history.map((h) => Math.max(h[1], h[2])), 1e-9);
  const last = history[history.length - 1][0] || 1;
  [[1, "#9aa5b1"], [2, "#1d2430"]].forEach(([col, stroke]) => {
    ctx.beginPath();
    history.forEach((h, i) => {
      const x = (h[0] / last) * (canvas.width - 2) + 1;
      const y = canvas.height - 2 - (h[col] / top) * (canvas.height - 4);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.strokeStyle = stroke;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  });
}

// The network: columns of inputs and layers; every weight an edge with a handle
// (data-testid weight-wN) on its second half, every neuron a box showing
// its heatmap; the names are chainrule explain's (w1…, b1…, h1, o1).
export function drawNetwork(svg, net, view, handlers) {
  svg.textContent = "";
  const width = svg.clientWidth || 640;
  const height = svg.clientHeight || 480;
  const columns = [net.inputs.map((label) => ({ label }))].concat(
    net.layers.map((layer, k) => net.neurons[k].map((name, j) => ({ name, k, j }))),
  );
  const box = 38;
  const x = (c) => 30 + (c * (width - 120)) / Math.max(1, columns.length - 1);
  const exercise = view.exercise || null;
  const ys = columns.map((col) => col.map((_, j) => {
    const step = exercise ? (height - 40) / col.length : Math.min(box + 50, (height - 40) / col.length);
    return height / 2 + (j - (col.length - 1) / 2) * step;
  }));
  const edges = el("g", { class: "edges" }, svg);
  const handles = el("g", { class: "handles" }, svg);
  const nodes = el("g", { class: "nodes" }, svg);
  const gradients = view.gradients || {};
  const places = {}; // where each anchor's answer boxes go
  const gmax = Math.max(1e-12, ...Object.values(gradients).map((g) => (g === null ? 0 : Math.abs(g))));
  net.layers.forEach((layer, k) => {
    layer.weights.forEach((row, j) => row.forEach((w, i) => {
      const x1 = x(k) + box / 2, y1 = ys[k][i], x2 = x(k + 1) - box / 2, y2 = ys[k + 1][j];
      let stroke = w.value >= 0 ? "rgb(8,119,189)" : "rgb(245,147,34)";
      let widthPx = Math.max(0.6, Math.min(7, Math.abs(w.value) * 2.2));
      if (view.gradientView && w.name in gradients) {
        const g = Math.abs(gradients[w.name]) / gmax;
        // √(|∂E/∂w| / the largest): light grey (small) to crimson (the largest)
        const t = Math.sqrt(g);
        const mix = (a, b) => Math.round(a + (b - a) * t);
        stroke = `rgb(${mix(214, 194)},${mix(218, 24)},${mix(224, 91)})`;
        widthPx = 0.6 + 5 * t * t;
      }
      const line = el("line", { x1, y1, x2, y2, class: "edge", stroke, "stroke-width": widthPx, "data-edge": w.name }, edges);
      const hit = el("line", { x1, y1, x2, y2, class: "hit", "data-edge": w.name }, edges);
      // handles of edges into one neuron spread along their edges, so none hides another
      // (in exercise mode nearer the source, clear of the answer boxes under each neuron)
      const t = exercise ? 0.1 + (0.2 * (i + 0.5)) / row.length : 0.45 + (0.45 * (i + 0.5)) / row.length;
      const hx = x1 + (x2 - x1) * t, hy = y1 + (y2 - y1) * t;
      const handle = el("g", { class: "handle", "data-testid": `weight-${w.name}`, "data-name": w.name, tabindex: 0 }, handles);
      el("circle", { cx: hx, cy: hy, r: 5 }, handle);
      const tip = `${w.name} = ${w.value === null ? "–" : w.value.toPrecision(6)}`;
      el("title", {}, handle).textContent = tip;
      el("title", {}, hit).textContent = tip; // hovering the edge shows it too
      [line, hit, handle].forEach((n) => n.addEventListener("click", () => handlers.select(w.name)));
      handle.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") handlers.select(w.name); });
      places[w.name] = [hx + 4, hy - 2 * ROW - 4, 120]; // above the edge
      const label = view.edgeLabels && view.edgeLabels[w.name];
      if (label) {
        const t = el("text", { x: hx + 6, y: hy - 4, class: "grad", "data-testid": `edge-value-${w.name}` }, handles);
        t.textContent = label;
      }
    }));
  });
  columns.forEach((col, c) => col.forEach((node, j) => {
    const g = el("g", { class: "node" }, nodes);
    const cx = x(c), cy = ys[c][j];
    if (c === 0) {
      el("rect", { x: cx - box / 2, y: cy - 13, width: box, height: 26, rx: 4 }, g);
      el("text", { x: cx, y: cy + 4, "text-anchor": "middle", class: "name" }, g).textContent = node.label;
      return;
    }
    const id = `n${node.k}_${node.j}`;
    g.setAttribute("data-testid", `neuron-${id}`);
    g.setAttribute("data-node", id);
    el("rect", { x: cx - box / 2, y: cy - box / 2, width: box, height: box, rx: 3 }, g);
    const map = view.heatmaps && view.heatmaps.neurons[id];
    if (map) el("image", { href: gridURL(map, view.heatmaps.neuron_grid), x: cx - box / 2 + 1, y: cy - box / 2 + 1, width: box - 2, height: box - 2 }, g);
    el("text", { x: cx, y: cy - box / 2 - 4, "text-anchor": "middle", class: "name" }, g).textContent = node.name;
    const bias = net.layers[node.k].biases[node.j];
    if (bias) {
      el("title", {}, g).textContent = `${bias.name} = ${bias.value === null ? "–" : bias.value.toPrecision(6)}`;
      g.setAttribute("data-bias", bias.name);
      g.addEventListener("click", () => handlers.select(bias.name));
    }
    places[id] = [cx - 75, cy + box / 2 + 3, 150];
    const lines = (view.nodeLabels && view.nodeLabels[id]) || [];
    lines.forEach((text, n) => {
      const t = el("text", { x: cx, y: cy + box / 2 + 12 + 11 * n, "text-anchor": "middle", class: "value", "data-testid": `value-${id}-${n}` }, g);
      t.textContent = text;
    });
  }));
  if (exercise) drawAnswers(svg, exercise, places);
  const centres = columns.map((_, c) => x(c));
  if (view.path) {
    const onPath = new Set(view.path.edges);
    svg.querySelectorAll("line.edge").forEach((line) => line.classList.add(onPath.has(line.dataset.edge) ? "path" : "faded"));
    const nodesOn = new Set(view.path.nodes);
    svg.querySelectorAll("g.node[data-node]").forEach((g) => g.classList.toggle("path", nodesOn.has(g.dataset.node)));
    const sel = svg.querySelector(`[data-name="${view.selected}"]`);
    if (sel) sel.classList.add("selected");
  }
  return centres;
}
