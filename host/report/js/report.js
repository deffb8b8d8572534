// Draws a Mosaic report from the JSON in #mosaic-data with plotly.js, which the page carries
// gzip-compressed in #mosaic-chart-library. Nothing is fetched: the page works offline.
// It writes nothing to the console: a problem is shown on the page and in
// document.body.dataset.error, and a finished page sets document.body.dataset.charts.
"use strict";

(function () {
  const started = performance.now();
  const data = JSON.parse(document.getElementById("mosaic-data").textContent);
  const report = document.getElementById("report");
  const status = document.getElementById("status");
  const plotConfig = { responsive: true, displaylogo: false, showLink: false, scrollZoom: false };
  let charts = 0;

  function element(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function section(title, note) {
    report.appendChild(element("h2", {}, title));
    if (note) report.appendChild(element("p", { class: "note" }, note));
  }

  function table(head, rows, numeric) {
    const t = element("table");
    const tr = element("tr");
    head.forEach((h) => tr.appendChild(element("th", {}, h)));
    t.appendChild(tr);
    rows.forEach((row) => {
      const r = element("tr");
      row.forEach((cell, i) => r.appendChild(element("td", numeric && numeric[i] ? { class: "num" } : {}, cell)));
      t.appendChild(r);
    });
    report.appendChild(t);
  }

  function fixed(x, digits) {
    return x === null || x === undefined || Number.isNaN(x) ? "" : Number(x).toFixed(digits);
  }

  function chart(id, traces, layout) {
    const div = element("div", { id: id, class: "chart" });
    report.appendChild(div);
    const base = { margin: { l: 60, r: 20, t: 30, b: 40 }, hovermode: "x unified" };
    Plotly.newPlot(div, traces, Object.assign(base, layout), plotConfig);
    charts += 1;
  }

  function header(h) {
    const rows = [
      ["command", "mosaic " + h.command],
      ["folder", h.folder],
      ["data", h.data + (h.bars ? " (" + h.bars + " bars, " + h.first + " to " + h.last + ")" : "")],
      ["written", h.written],
      ["report built", h.report_built],
    ];
    table(["", ""], rows);
    const plugins = (h.plugins || []).map((p) => [p.name, p.version, p.id, p.library, p.sha256 || "(library not found)"]);
    if (plugins.length) table(["module", "version", "id", "library", "sha256"], plugins);
    const details = element("details");
    details.appendChild(element("summary", {}, "config.toml"));
    details.appendChild(element("pre", {}, h.config));
    report.appendChild(details);
  }

  function drawRun(d) {
    const m = d.metrics;
    section("Metrics", "As in metrics.json; the formulas are in docs/metrics.md.");
    const keys = ["total_return", "cagr", "ann_volatility", "sharpe", "sortino", "max_drawdown", "calmar",
      "hit_rate", "exposure", "turnover", "periods"];
    table(["metric", "value"], keys.filter((k) => k in m).map((k) => [k, String(fixed(m[k], 4))]), [false, true]);

    section("Equity", d.benchmark ? "Against the equal-weight buy-and-hold of the universe (benchmark.csv)." : "");
    const equity = [{ x: d.dates, y: d.equity, name: "strategy", type: "scatter", mode: "lines" }];
    if (d.benchmark) equity.push({ x: d.dates, y: d.benchmark, name: "equal-weight buy-and-hold", type: "scatter",
      mode: "lines", line: { dash: "dot" } });
    chart("equity", equity, { yaxis: { title: "equity" } });

    section("Drawdown");
    chart("drawdown", [{ x: d.dates, y: d.drawdown.map((v) => (v === null ? null : -v)), name: "drawdown",
      type: "scatter", mode: "lines", fill: "tozeroy", line: { color: "#c0392b" } }],
      { yaxis: { title: "below the peak", tickformat: ".0%" } });

    section("Monthly returns", "Equity at each month's last bar over that of the month before.");
    const years = [...new Set(d.monthly.map((r) => r.year))].sort();
    const z = years.map(() => new Array(12).fill(null));
    d.monthly.forEach((r) => { z[years.indexOf(r.year)][r.month - 1] = r.value; });
    chart("monthly", [{ type: "heatmap", x: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
      "Nov", "Dec"], y: years.map(String), z: z, zmid: 0, colorscale: [[0, "#c0392b"], [0.5, "#f7f7f7"], [1, "#1e8449"]], hovertemplate: "%{y} %{x}: %{z:.2%}<extra></extra>" }],
      { yaxis: { type: "category", autorange: "reversed" }, hovermode: "closest" });

    const w = d.rolling_sharpe.window;
    section("Rolling Sharpe ratio", "Over the last " + w + " bars (6 months of the run's periods per year).");
    chart("rolling_sharpe", [{ x: d.dates, y: d.rolling_sharpe.values, name: "Sharpe", type: "scatter", mode: "lines" }],
      { yaxis: { title: "Sharpe" } });

    if (d.weights) {
      const short = d.weights.values.some((col) => col.some((v) => v !== null && v < 0));
      section("Weights", short ? "Held weights per asset (lines: the book has short positions)."
        : "Held weights per asset, stacked.");
      chart("weights", d.weights.assets.map((a, i) => Object.assign({ x: d.dates, y: d.weights.values[i], name: a,
        type: "scatter", mode: "lines" }, short ? {} : { stackgroup: "w" })), { yaxis: { title: "weight" } });
    }

    section("Modules", "The run's one call of each module: its latency and the SLA verdict (modules.json).");
    table(["module", "version", "status", "latency ms", "max ms", "SLA", "confidence"],
      d.modules.map((r) => [r.name, r.version, r.status, fixed(r.latency_ms, 3), fixed(r.max_latency_ms, 1), r.sla,
        fixed(r.confidence, 3)]), [false, false, false, true, true, false, true]);
  }

  async function loadLibrary() {
    const packed = document.getElementById("mosaic-chart-library").textContent;
    const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    const code = await new Response(stream).text();
    const script = document.createElement("script");
    script.textContent = code;
    document.head.appendChild(script);
    if (typeof Plotly === "undefined") throw new Error("the chart library did not load");
  }

  function fail(e) {
    status.textContent = "The report could not be drawn: " + (e && e.message ? e.message : e);
    status.className = "error";
    document.body.dataset.error = status.textContent;
  }

  header(data.header);
  loadLibrary().then(() => {
    if (data.kind === "run") drawRun(data);
    else throw new Error("no drawing for a " + data.kind + " report");
    status.textContent = "";
    document.body.dataset.charts = String(charts);
    document.body.dataset.renderMs = String(Math.round(performance.now() - started));
  }).catch(fail);
})();
