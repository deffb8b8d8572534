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

  function drawOptimize(d) {
    const f = d.fold;
    const t = d.target;
    section("Search");
    table(["", ""], [
      ["method", d.method],
      ["target", t + (d.maximize ? " (higher is better)" : " (lower is better)")],
      ["folds", String(d.folds) + (d.folds > 1 ? " (the charts show the last one)" : "")],
      ["configurations evaluated", String(f.evaluated)],
      ["distinct strategies", String(f.strategies)],
      ["stopped", f.stop_reason],
      ["training bars / test bars", f.train_bars + " / " + f.test_bars],
    ]);

    section("Leaders", "The best distinct strategies in sample, each measured out of sample.");
    table(["strategy", "parameters", "in sample " + t, "out of sample " + t, "equivalent configs"],
      (f.leaders || []).map((l) => [String(l.strategy), Object.entries(l.parameters || {}).map(([k, v]) => k + "=" + v)
        .join(", "), fixed(l.in_sample ? l.in_sample[t] : null, 4), fixed(l.out_of_sample ? l.out_of_sample[t] : null, 4),
        String(l.equivalent_configs)]), [false, false, true, true, true]);

    if (d.stitched) {
      section("Walk-forward: the stitched out-of-sample curve",
        "Each fold's winner traded over that fold's test bars only, joined end to end (oos_equity.csv).");
      chart("stitched", [{ x: d.stitched.dates, y: d.stitched.equity, name: "out of sample", type: "scatter",
        mode: "lines" }], { yaxis: { title: "equity" } });
    }
    if (d.winner_equity) {
      section("The winner's equity", "In sample (the bars the search saw) and out of sample (equity.csv).");
      const w = d.winner_equity;
      chart("winner_equity", [
        { x: w.dates, y: w.train, name: "in sample", type: "scatter", mode: "lines" },
        { x: w.dates, y: w.test, name: "out of sample", type: "scatter", mode: "lines" }], { yaxis: { title: "equity" } });
    }
    if (d.out_of_sample && d.out_of_sample.x.length) {
      const o = d.out_of_sample;
      section("In sample against out of sample",
        (o.measured >= o.strategies ? "Every one of the " + o.measured + " distinct strategies"
          : o.measured + " of " + o.strategies + " distinct strategies (the leaders and a uniform sample; " +
            "out_of_sample = \"all\" in [optimize] measures every one)") +
        " measured out of sample (out_of_sample.csv). Points below the diagonal lost in the test what they showed " +
        "in training." + (o.note ? " " + o.note + "." : ""));
      const lo = Math.min(...o.x, ...o.y), hi = Math.max(...o.x, ...o.y);
      chart("is_vs_oos", [
        { x: o.x, y: o.y, text: o.trial.map((k) => "trial " + k), type: "scatter", mode: "markers", name: "strategy",
          marker: { size: 5, opacity: 0.6 } },
        { x: [lo, hi], y: [lo, hi], type: "scatter", mode: "lines", name: "out = in", line: { dash: "dot", color: "#888" } }],
      { xaxis: { title: "in sample " + t }, yaxis: { title: "out of sample " + t }, hovermode: "closest" });
    }
    if (d.heatmap) {
      const h = d.heatmap;
      section("The target over the two parameters", "The " + t + " of each grid cell (the best where configurations share one).");
      chart("heatmap", [{ type: "heatmap", x: h.x, y: h.y, z: h.z, colorscale: "Viridis", reversescale: !d.maximize,
        hovertemplate: h.x_name + "=%{x}, " + h.y_name + "=%{y}: %{z:.4f}<extra></extra>" }],
      { xaxis: { title: h.x_name }, yaxis: { title: h.y_name }, hovermode: "closest" });
    } else if (d.parameters.series.length <= 6) {
      d.parameters.series.forEach((p, i) => {
        section(t + " against " + p.name, d.parameters.note);
        chart("param_" + i, [{ x: p.x, y: d.parameters.y, type: "scatter", mode: "markers", marker: { size: 4, opacity: 0.5 },
          name: p.name }], { xaxis: { title: p.name }, yaxis: { title: t }, hovermode: "closest" });
      });
    } else {
      // Many parameters: one chart and a menu of them. Dozens of charts would take seconds to
      // open; the menu switches the chart to each parameter at once.
      const series = d.parameters.series;
      section(t + " against each parameter", "Choose the parameter in the menu above the chart. " + d.parameters.note);
      const buttons = series.map((p) => ({ method: "update", label: p.name,
        args: [{ x: [p.x] }, { "xaxis.title.text": p.name, "xaxis.type": "-" }] }));
      chart("parameters", [{ x: series[0].x, y: d.parameters.y, type: "scatter", mode: "markers",
        marker: { size: 4, opacity: 0.5 }, name: t }],
      { xaxis: { title: { text: series[0].name } }, yaxis: { title: t }, hovermode: "closest", margin: { t: 50 },
        updatemenus: [{ buttons: buttons, direction: "down", x: 0, xanchor: "left", y: 1.15, yanchor: "top" }] });
    }
    section("Best so far", "The best " + t + " among the configurations evaluated so far. " + d.best_so_far.note);
    chart("best_so_far", [{ x: d.best_so_far.evaluations, y: d.best_so_far.best, type: "scatter", mode: "lines",
      name: "best", line: { shape: "hv" } }], { xaxis: { title: "evaluations" }, yaxis: { title: t } });

    if (d.pbo_logits && d.pbo_logits.length) {
      const pbo = f.pbo || {};
      section("Probability of Backtest Overfitting: " + fixed(pbo.pbo, 3),
        "CSCV with S = " + pbo.blocks + " blocks over " + pbo.strategies + " strategies: for each of the " +
        pbo.combinations + " combinations, the logit of the in-sample winner's out-of-sample rank. PBO is the share " +
        "at or below 0 (the winner ranked in the bottom half out of sample).");
      chart("pbo_logits", [{ x: d.pbo_logits, type: "histogram", name: "logit", nbinsx: 50 }],
        { xaxis: { title: "logit" }, yaxis: { title: "combinations" }, hovermode: "closest",
          shapes: [{ type: "line", x0: 0, x1: 0, yref: "paper", y0: 0, y1: 1, line: { color: "#c0392b", dash: "dot" } }] });
    }
    const dsr = f.deflated_sharpe;
    if (dsr && dsr.probability !== undefined) {
      section("Deflated Sharpe Ratio: " + fixed(dsr.probability, 3),
        "The probability that the winner's true Sharpe ratio exceeds the best of as many strategies with no skill.");
      table(["input", "value"], [
        ["winner's per-period Sharpe", fixed(dsr.sharpe_per_period, 5)],
        ["expected maximum of the strategies' Sharpe ratios", fixed(dsr.expected_max_sharpe, 5)],
        ["distinct strategies (N)", String(dsr.strategies)],
        ["configurations", String(dsr.trials)],
        ["variance of the strategies' Sharpe ratios", String(dsr.sharpe_variance)],
        ["z", fixed(dsr.z, 3)]], [false, true]);
    }
  }

  function drawAblate(d) {
    const b = d.bootstrap || {};
    section("Each run's effect on the Sharpe ratio",
      "The change against the full pipeline with its " + Math.round((b.confidence || 0.95) * 100) + "% interval (" +
      (b.method || "bootstrap") + ", " + b.resamples + " resamples). An interval that excludes 0 is an effect.");
    const sharpe = d.effects.filter((e) => e.metric === "sharpe" && e.change !== null);
    chart("forest", [{ type: "scatter", mode: "markers", y: sharpe.map((e) => e.run), x: sharpe.map((e) => e.change),
      error_x: { type: "data", symmetric: false, array: sharpe.map((e) => e.ci_high - e.change),
        arrayminus: sharpe.map((e) => e.change - e.ci_low) }, name: "change of Sharpe", marker: { size: 9 } }],
    { xaxis: { title: "change of the Sharpe ratio", zeroline: true }, yaxis: { type: "category", automargin: true },
      hovermode: "closest", shapes: [{ type: "line", x0: 0, x1: 0, yref: "paper", y0: 0, y1: 1,
        line: { color: "#888", dash: "dot" } }] });
    table(["run", "Sharpe", "change", "interval"], sharpe.map((e) => [e.run, fixed(e.value, 3), fixed(e.change, 3),
      "[" + fixed(e.ci_low, 3) + ", " + fixed(e.ci_high, 3) + "]"]), [false, true, true, true]);
    section("Equity of every run", "The full pipeline, each optional module removed, and each alone (equity.csv).");
    chart("runs", d.runs.map((r) => ({ x: d.dates, y: r.equity, name: r.name, type: "scatter", mode: "lines" })),
      { yaxis: { title: "equity" } });
  }

  function drawCompare(d) {
    const common = d.common_bars || {};
    section("Equity", "A and B on their " + common.bars + " common bars, " + common.first + " to " + common.last +
      " (equity.csv).");
    chart("equity", [{ x: d.dates, y: d.a.equity, name: "A", type: "scatter", mode: "lines" },
      { x: d.dates, y: d.b.equity, name: "B", type: "scatter", mode: "lines" }], { yaxis: { title: "equity" } });
    section("Drawdown");
    chart("drawdown", [{ x: d.dates, y: d.a.drawdown.map((v) => (v === null ? null : -v)), name: "A", type: "scatter",
      mode: "lines" }, { x: d.dates, y: d.b.drawdown.map((v) => (v === null ? null : -v)), name: "B", type: "scatter",
      mode: "lines" }], { yaxis: { title: "below the peak", tickformat: ".0%" } });
    const s = d.sharpe_difference || {};
    section("The Sharpe difference, B - A", s.verdict || "");
    const test = (name, t) => (t ? [name, fixed(t.difference, 5), "[" + fixed(t.ci_low, 5) + ", " + fixed(t.ci_high, 5) +
      "]", fixed(t.p_value, 4)] : [name, "", "", ""]);
    table(["test", "difference per period", Math.round((s.confidence || 0.95) * 100) + "% interval", "p-value"],
      [test("Jobson-Korkie-Memmel", s.jobson_korkie_memmel), test("paired bootstrap", s.bootstrap)],
      [false, true, true, true]);
    table(["", ""], [["Sharpe of A per period", fixed(s.sharpe_a_per_period, 5)],
      ["Sharpe of B per period", fixed(s.sharpe_b_per_period, 5)], ["difference, annualised", fixed(s.difference_annualised, 4)],
      ["correlation of the returns", fixed(s.correlation, 4)], ["periods", String(s.periods)]], [false, true]);
    const w = d.rolling_correlation.window;
    section("Rolling correlation", "Of A's and B's per-period returns over the last " + w + " bars.");
    chart("rolling_correlation", [{ x: d.dates, y: d.rolling_correlation.values, name: "correlation", type: "scatter",
      mode: "lines" }], { yaxis: { title: "correlation", range: [-1, 1] } });
    section("Metrics");
    table(["metric", "A", "B", "B - A"], Object.entries(d.metrics).map(([k, v]) => [k, fixed(v.a, 4), fixed(v.b, 4),
      fixed(v.b_minus_a, 4)]), [false, true, true, true]);
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
    else if (data.kind === "optimize") drawOptimize(data);
    else if (data.kind === "ablate") drawAblate(data);
    else if (data.kind === "compare") drawCompare(data);
    else throw new Error("no drawing for a " + data.kind + " report");
    status.textContent = "";
    document.body.dataset.charts = String(charts);
    document.body.dataset.renderMs = String(Math.round(performance.now() - started));
  }).catch(fail);
})();
