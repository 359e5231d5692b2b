/* Bureau dashboard: logs in through GraphQL, then draws the monitoring reports with ECharts.
   Each chart container gets data-ready="true" and data-values (JSON of the figures drawn). */
/* global echarts, document, window, fetch, sessionStorage */
(function () {
  "use strict";
  const TOKEN_KEY = "talent-dashboard-token";
  const $ = (id) => document.getElementById(id);
  const pct = (x) => (x === null || x === undefined ? "—" : (x * 100).toFixed(1) + "%");
  const charts = {};

  async function gql(query, variables) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const res = await fetch("/graphql", {
      method: "POST",
      headers: Object.assign({ "content-type": "application/json" }, token ? { authorization: "Bearer " + token } : {}),
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors && body.errors.length) {
      const error = new Error(body.errors[0].message);
      error.code = body.errors[0].extensions && body.errors[0].extensions.code;
      throw error;
    }
    return body.data;
  }

  function chartOf(id) {
    if (!charts[id]) charts[id] = echarts.init($(id));
    return charts[id];
  }

  function done(id, values) {
    const el = $(id);
    el.dataset.values = JSON.stringify(values);
    el.dataset.ready = "true";
  }

  function empty(id, message) {
    if (charts[id]) { charts[id].dispose(); delete charts[id]; }
    $(id).innerHTML = '<div class="empty">' + message + "</div>";
    done(id, []);
  }

  function drawRetention(stats) {
    const id = "chart-retention";
    const rows = stats.rows.filter((r) => r.retentionRate !== null);
    if (!rows.length) return empty(id, "暂无就业数据");
    chartOf(id).setOption({
      tooltip: { trigger: "axis", valueFormatter: pct },
      grid: { left: 50, right: 70, bottom: 90, top: 20 },
      xAxis: { type: "category", data: rows.map((r) => r.label), axisLabel: { rotate: 35, interval: 0, fontSize: 10 } },
      yAxis: { type: "value", max: 1, axisLabel: { formatter: (v) => v * 100 + "%" } },
      series: [{
        name: "留泉率", type: "bar", data: rows.map((r) => r.retentionRate), itemStyle: { color: "#2f7ed8" },
        markLine: { symbol: "none", lineStyle: { type: "dashed", color: "#c0392b" }, label: { formatter: "目标 " + pct(stats.target) }, data: [{ yAxis: stats.target }] },
      }],
    }, true);
    done(id, rows.map((r) => ({ label: r.label, employed: r.employed, employedInCity: r.employedInCity, retentionRate: r.retentionRate, target: stats.target })));
  }

  function drawTrend(trend) {
    const id = "chart-trend";
    if (!trend.length) return empty(id, "暂无历年数据");
    chartOf(id).setOption({
      tooltip: { trigger: "axis", valueFormatter: pct },
      legend: { data: ["留泉率", "目标"] },
      xAxis: { type: "category", data: trend.map((t) => String(t.year) + "届") },
      yAxis: { type: "value", max: 1, axisLabel: { formatter: (v) => v * 100 + "%" } },
      series: [
        { name: "留泉率", type: "line", data: trend.map((t) => t.retentionRate), label: { show: true, formatter: (p) => pct(p.value) } },
        { name: "目标", type: "line", data: trend.map((t) => t.target), lineStyle: { type: "dashed" } },
      ],
    }, true);
    done(id, trend);
  }

  function drawFit(fit) {
    const id = "chart-fit";
    if (!fit.graduates) return empty(id, "暂无毕业生数据");
    const clusters = fit.clusters.filter((c) => c.graduates > 0);
    chartOf(id).setOption({
      title: { text: "契合度 " + pct(fit.fitRate) + "（目标 " + pct(fit.target) + "）", left: "center", textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis", valueFormatter: pct },
      grid: { left: 90, right: 30, top: 40, bottom: 20 },
      xAxis: { type: "value", max: 1, axisLabel: { formatter: (v) => v * 100 + "%" } },
      yAxis: { type: "category", data: clusters.map((c) => c.name) },
      series: [{ name: "占毕业生比例", type: "bar", data: clusters.map((c) => c.share), itemStyle: { color: "#16a085" } }],
    }, true);
    done(id, { graduates: fit.graduates, fitted: fit.fitted, fitRate: fit.fitRate, target: fit.target, clusters: clusters });
  }

  function drawCompliance(q) {
    const id = "chart-compliance";
    if (!q) return empty(id, "本账号无权查看企业实习比例");
    if (!q.total.enterprises) return empty(id, "暂无规模以上企业");
    const rows = q.byDistrict;
    chartOf(id).setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["低于下限", "达标", "超过上限"] },
      grid: { left: 40, right: 20, bottom: 60, top: 40 },
      xAxis: { type: "category", data: rows.map((r) => r.label), axisLabel: { rotate: 30, interval: 0, fontSize: 10 } },
      yAxis: { type: "value", name: "企业数", minInterval: 1 },
      series: [
        { name: "低于下限", type: "bar", stack: "s", data: rows.map((r) => r.below), itemStyle: { color: "#e74c3c" } },
        { name: "达标", type: "bar", stack: "s", data: rows.map((r) => r.within), itemStyle: { color: "#27ae60" } },
        { name: "超过上限", type: "bar", stack: "s", data: rows.map((r) => r.above), itemStyle: { color: "#f39c12" } },
      ],
    }, true);
    done(id, { total: q.total, byDistrict: rows });
  }

  function drawSupply(s) {
    const id = "chart-supply";
    if (!s.rows.length) return empty(id, "暂无供需数据");
    chartOf(id).setOption({
      tooltip: { trigger: "axis" },
      legend: { data: ["供给（毕业生）", "需求（岗位招收人数）"] },
      grid: { left: 50, right: 20, bottom: 80, top: 40 },
      xAxis: { type: "category", data: s.rows.map((r) => r.label), axisLabel: { rotate: 30, interval: 0, fontSize: 10 } },
      yAxis: { type: "value", name: "人" },
      series: [
        { name: "供给（毕业生）", type: "bar", data: s.rows.map((r) => r.supply), itemStyle: { color: "#8e44ad" } },
        { name: "需求（岗位招收人数）", type: "bar", data: s.rows.map((r) => r.demand), itemStyle: { color: "#d35400" } },
      ],
    }, true);
    done(id, { rows: s.rows, total: s.total });
  }

  async function load() {
    const year = Number($("year").value);
    const internYear = Number($("internYear").value);
    for (const id of ["chart-retention", "chart-trend", "chart-fit", "chart-compliance", "chart-supply"]) $(id).dataset.ready = "false";
    const data = await gql(
      "query($y: Int!) { retentionStats(year: $y, groupBy: SCHOOL) { target rows { label employed employedInCity retentionRate } } " +
      "retentionTrend { year employed employedInCity retentionRate target } " +
      "majorIndustryFit(year: $y) { graduates fitted fitRate target clusters { name graduates share } } " +
      "supplyDemand(year: $y, groupBy: MAJOR_CATEGORY) { rows { label supply demand gap } total { supply demand gap } } }",
      { y: year },
    );
    drawRetention(data.retentionStats);
    drawTrend(data.retentionTrend);
    drawFit(data.majorIndustryFit);
    drawSupply(data.supplyDemand);
    let compliance = null;
    try {
      compliance = (await gql("query($y: Int!) { quotaCompliance(year: $y) { total { enterprises below within above } byDistrict { label enterprises below within above } } }", { y: internYear })).quotaCompliance;
    } catch (err) {
      if (err.code !== "FORBIDDEN") throw err;
    }
    drawCompliance(compliance);
  }

  async function showBoard() {
    const me = (await gql("{ me { email role } }")).me;
    $("who").textContent = me.email;
    $("login").hidden = true;
    $("board").hidden = false;
    const trend = (await gql("{ retentionTrend { year } }")).retentionTrend;
    const years = trend.length ? trend.map((t) => t.year) : [new Date().getFullYear() - 1];
    $("year").innerHTML = years.map((y) => '<option value="' + y + '">' + y + "届</option>").join("");
    $("year").value = String(years[years.length - 1]);
    if (!$("internYear").value) $("internYear").value = String(new Date().getFullYear());
    await load();
  }

  $("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("login-error").textContent = "";
    const form = new window.FormData($("login"));
    try {
      const data = await gql("mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }", { e: form.get("email"), p: form.get("password") });
      sessionStorage.setItem(TOKEN_KEY, data.login.token);
      await showBoard();
    } catch (err) {
      $("login-error").textContent = "登录失败：" + err.message;
    }
  });
  $("year").addEventListener("change", () => load().catch((err) => window.alert(err.message)));
  $("internYear").addEventListener("change", () => load().catch((err) => window.alert(err.message)));
  $("logout").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    window.location.reload();
  });
  window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));
  if (sessionStorage.getItem(TOKEN_KEY)) showBoard().catch(() => sessionStorage.removeItem(TOKEN_KEY));
})();
