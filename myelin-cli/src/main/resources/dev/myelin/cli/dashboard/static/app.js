// The dashboard page: the runs table, live curves of the ticked runs (one EventSource per run), and the opened
// run's confusion matrix, trials, text samples and pictures. All data comes from the server's read-only JSON API.
'use strict';

const $ = id => document.getElementById(id);
const api = (run, tail = '') => '/api/runs/' + encodeURIComponent(run) + tail;

const state = {
  runs: [],                 // rows of /api/runs
  sort: { key: 'modified', asc: false },
  ticked: new Set(),        // runs whose curves are drawn
  histories: new Map(),     // run -> {columns, rows, problems}, kept current by server-sent events
  streams: new Map(),       // run -> EventSource
  open: null,               // the run shown below the curves
};
const charts = {
  loss: echarts.init($('loss-chart')),
  metric: echarts.init($('metric-chart')),
};

// The table's columns: where each value comes from in a row of /api/runs.
const COLUMNS = [
  { key: 'name', label: 'run', get: r => r.name },
  { key: 'status', label: 'status', get: r => r.status },
  { key: 'kind', label: 'kind', get: r => r.kind },
  { key: 'data', label: 'data', get: r => r.settings.data },
  { key: 'model', label: 'model', get: r => r.settings.model },
  { key: 'optimizer', label: 'optimizer', get: r => r.settings.optimizer ?? r.settings.strategy },
  { key: 'lr', label: 'lr', get: r => r.settings.lr },
  { key: 'batch_size', label: 'batch', get: r => r.settings.batch_size },
  { key: 'epochs_run', label: 'epochs', get: r => r.metrics.epochs_run ?? r.settings.epochs },
  { key: 'loss', label: 'loss', get: r => r.metrics.loss },
  { key: 'val_loss', label: 'val loss', get: r => r.metrics.val_loss },
  { key: 'val_metric', label: 'val metric', get: r => r.metrics.val_metric },
  { key: 'test', label: 'test', get: testScore },
  { key: 'modified', label: 'modified', get: r => r.modified, show: v => new Date(v).toLocaleString() },
];

function testScore(r) {
  const m = r.metrics;
  if (r.kind === 'tune') return Object.entries(m).find(([k]) => k.startsWith('best_') && k !== 'best_trial')?.[1];
  return m.test_accuracy ?? m.test_r2 ?? m.test_mse ?? m.test_loss;
}

function show(v) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return String(v);
}

function el(tag, props = {}, children = []) {
  const e = Object.assign(document.createElement(tag), props);
  for (const c of children) e.append(c);
  return e;
}

async function getJson(url, pending) {
  const response = await (pending ?? fetch(url, { cache: 'no-store' }));
  if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
  return response.json();
}

// ---- the runs table ----

async function loadRuns() {
  try {
    const data = await getJson('/api/runs', window.firstRuns); // the request index.html sent, the first time
    window.firstRuns = null;
    $('root').textContent = data.root;
    $('connection').textContent = '';
    state.runs = data.runs;
  } catch (e) {
    $('connection').textContent = 'server not reachable';
    return;
  }
  if (state.open === null && state.runs.length > 0) { // the first time: the run in the address, or the latest
    const wanted = new URLSearchParams(location.hash.slice(1)).get('run');
    const recent = [...state.runs].sort((a, b) => b.modified - a.modified);
    const open = state.runs.find(r => r.name === wanted) ?? recent[0];
    const curves = open.kind === 'train' ? open : recent.find(r => r.kind === 'train'); // a search has no curves of its own
    if (curves) tick(curves.name, true);
    openRun(open.name);
  } else {
    // an opened run that is still going gets its trials, samples and pictures again with the table
    const current = state.runs.find(r => r.name === state.open);
    if (current && (current.status === 'training' || current.status === 'running')) openRun(current.name);
  }
  renderTable();
}

function renderTable() {
  const head = el('tr', {}, [el('th', { textContent: '' })]);
  for (const c of COLUMNS) {
    const sorted = state.sort.key === c.key;
    head.append(el('th', {
      textContent: c.label, className: sorted ? 'sorted' + (state.sort.asc ? ' asc' : '') : '',
      onclick: () => { state.sort = { key: c.key, asc: sorted ? !state.sort.asc : true }; renderTable(); },
    }));
  }
  $('runs').tHead.replaceChildren(head);
  const column = COLUMNS.find(c => c.key === state.sort.key);
  const rows = [...state.runs].sort((a, b) => compare(column.get(a), column.get(b)) * (state.sort.asc ? 1 : -1));
  $('runs').tBodies[0].replaceChildren(...rows.map(runRow));
}

function compare(a, b) {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function runRow(r) {
  const box = el('input', { type: 'checkbox', checked: state.ticked.has(r.name), title: 'overlay its curves', disabled: r.kind !== 'train' });
  box.onclick = e => { e.stopPropagation(); tick(r.name, box.checked); };
  const tr = el('tr', { className: r.name === state.open ? 'focus' : '', onclick: () => openRun(r.name) }, [el('td', {}, [box])]);
  tr.dataset.run = r.name;
  for (const c of COLUMNS) {
    const v = c.get(r);
    const td = el('td', { textContent: c.show && v !== undefined ? c.show(v) : show(v), className: typeof v === 'number' ? 'num' : '' });
    if (c.key === 'status') td.className = 'status-' + v;
    tr.append(td);
  }
  return tr;
}

// ---- live curves: one server-sent event stream per ticked run ----

function tick(run, on) {
  if (on && !state.ticked.has(run)) {
    state.ticked.add(run);
    const source = new EventSource(api(run, '/events'));
    source.addEventListener('history', e => { state.histories.set(run, JSON.parse(e.data)); drawCurves(); });
    source.addEventListener('gone', () => { source.close(); });
    state.streams.set(run, source);
  } else if (!on && state.ticked.has(run)) {
    state.ticked.delete(run);
    state.streams.get(run)?.close();
    state.streams.delete(run);
    state.histories.delete(run);
    drawCurves();
  }
}

// One colour per run (training solid, validation dashed), from ECharts' own palette.
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];

function seriesOf(run, history, column, dashed, color) {
  const x = history.columns.indexOf('epoch'), y = history.columns.indexOf(column);
  if (y < 0 || history.rows.every(r => r[y] === null)) return null;
  return {
    name: run + (dashed ? ' val' : ''), type: 'line', showSymbol: true, symbolSize: 5, connectNulls: false, color,
    symbol: dashed ? 'emptyCircle' : 'circle',
    lineStyle: { type: dashed ? 'dashed' : 'solid' },
    data: history.rows.map(r => [r[x], r[y]]),
  };
}

function drawCurves() {
  const draw = (chart, title, pairs) => {
    const series = [];
    let i = 0;
    for (const [run, h] of state.histories) {
      const color = PALETTE[i++ % PALETTE.length];
      for (const [column, dashed] of pairs) {
        const s = seriesOf(run, h, column, dashed, color);
        if (s) series.push(s);
      }
    }
    chart.setOption({
      title: { text: title, left: 'center', textStyle: { fontSize: 13 } }, animation: false,
      tooltip: { trigger: 'axis' }, legend: { type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 20, top: 35, bottom: 55 },
      xAxis: { type: 'value', name: 'epoch', minInterval: 1 }, yAxis: { type: 'value', scale: true },
      series,
    }, true);
  };
  draw(charts.loss, 'loss', [['loss', false], ['val_loss', true]]);
  draw(charts.metric, 'metric (accuracy or mse)', [['metric', false], ['val_metric', true]]);
}

// ---- the opened run ----

async function openRun(run) {
  state.open = run;
  history.replaceState(null, '', '#run=' + encodeURIComponent(run));
  let d;
  try {
    d = await getJson(api(run));
  } catch (e) {
    $('run-title').textContent = run + ': ' + e.message;
    return;
  }
  if (state.open !== run) return; // another run was opened meanwhile
  $('run').hidden = false;
  $('run-title').textContent = run + ' (' + d.kind + ', ' + d.status + ')';
  $('problems').replaceChildren(...d.problems.map(p => el('li', { textContent: p })));
  $('run-facts').textContent = Object.entries({ ...d.settings, ...d.metrics }).map(([k, v]) => k + ' = ' + show(v)).join('   ');
  drawConfusion(d.summary?.test);
  drawTrials(d.trials);
  $('text-wrap').hidden = !d.text_samples;
  $('text-samples').textContent = d.text_samples ?? '';
  // the page draws the curves and the confusion matrix itself; the other pictures are shown as the run wrote them
  const pictures = d.pictures.filter(p => p !== 'curves.png' && !(p === 'confusion.png' && d.summary?.test?.confusion_matrix));
  $('pictures-wrap').hidden = pictures.length === 0;
  $('pictures').replaceChildren(...pictures.map(p =>
    el('img', { src: api(run, '/files/' + encodeURIComponent(p)) + '?t=' + d.modified, alt: p, title: p })));
  renderTable();
}

function drawConfusion(test) {
  const m = test?.confusion_matrix;
  $('confusion-wrap').hidden = !m;
  if (!m) return;
  const chart = echarts.getInstanceByDom($('confusion-chart')) ?? echarts.init($('confusion-chart'));
  const classes = test.classes?.length === m.length ? test.classes : m.map((_, i) => String(i));
  const cells = [], max = Math.max(1, ...m.flat());
  m.forEach((row, t) => row.forEach((n, p) => cells.push([p, t, n])));
  chart.setOption({
    animation: false, tooltip: { formatter: c => 'true ' + classes[c.value[1]] + ', predicted ' + classes[c.value[0]] + ': ' + c.value[2] },
    grid: { left: 90, right: 20, top: 10, bottom: 80 },
    xAxis: { type: 'category', data: classes, name: 'predicted', nameLocation: 'middle', nameGap: 55, axisLabel: { rotate: 45 } },
    yAxis: { type: 'category', data: classes, name: 'true', nameLocation: 'middle', nameGap: 75, inverse: true },
    visualMap: { min: 0, max, show: false, inRange: { color: ['#f7fbff', '#08306b'] } },
    series: [{ type: 'heatmap', data: cells, label: { show: m.length <= 12 } }],
  }, true);
}

function drawTrials(t) {
  $('tuning').hidden = !t;
  if (!t) return;
  const better = (a, b) => t.higherIsBetter ? a > b : a < b;
  const done = [...t.trials].sort((a, b) => a.number - b.number);
  let best = null;
  const bestSoFar = done.map(tr => {
    if (tr.score !== null && (best === null || better(tr.score, best))) best = tr.score;
    return [tr.number, best];
  });
  init('best-chart').setOption({
    title: { text: t.scoreName + ' per trial and best so far', left: 'center', textStyle: { fontSize: 13 } }, animation: false,
    tooltip: {}, grid: { left: 60, right: 20, top: 35, bottom: 40 },
    xAxis: { type: 'value', name: 'trial', minInterval: 1 }, yAxis: { type: 'value', scale: true },
    series: [{ type: 'scatter', name: t.scoreName, data: done.filter(tr => tr.score !== null).map(tr => [tr.number, tr.score]) },
      { type: 'line', step: 'end', name: 'best so far', showSymbol: false, data: bestSoFar }],
  }, true);

  // parallel coordinates: one axis per hyperparameter (categories for words), the score last
  const axes = [...t.parameters, t.scoreName].map((p, i) => {
    const values = i < t.parameters.length ? done.map(tr => tr.config[p]) : [];
    const words = values.some(v => typeof v !== 'number' && v !== undefined);
    return words ? { dim: i, name: p, type: 'category', data: [...new Set(values.map(String))] } : { dim: i, name: p, scale: true };
  });
  init('parallel-chart').setOption({
    title: { text: 'parallel coordinates', left: 'center', textStyle: { fontSize: 13 } }, animation: false,
    parallel: { left: 40, right: 60, top: 50, bottom: 20 }, parallelAxis: axes,
    visualMap: { show: false, dimension: t.parameters.length,
      min: Math.min(...done.map(tr => tr.score ?? Infinity)), max: Math.max(...done.map(tr => tr.score ?? -Infinity)),
      inRange: { color: t.higherIsBetter ? ['#d94e5d', '#eac736', '#50a3ba'] : ['#50a3ba', '#eac736', '#d94e5d'] } },
    series: [{ type: 'parallel', lineStyle: { width: 2, opacity: .6 },
      data: done.filter(tr => tr.score !== null).map(tr => [...t.parameters.map(p => axes[t.parameters.indexOf(p)].type === 'category'
        ? String(tr.config[p]) : tr.config[p]), tr.score]) }],
  }, true);

  // one scatter of the score against each hyperparameter
  $('param-charts').replaceChildren(...t.parameters.map(p => el('div', { className: 'chart small', id: 'param-' + p })));
  t.parameters.forEach((p, i) => {
    const words = axes[i].type === 'category';
    const logScale = !words && done.every(tr => tr.config[p] > 0) && Math.max(...done.map(tr => tr.config[p])) / Math.min(...done.map(tr => tr.config[p])) > 100;
    init('param-' + p).setOption({
      title: { text: p, left: 'center', textStyle: { fontSize: 12 } }, animation: false, tooltip: {},
      grid: { left: 55, right: 15, top: 30, bottom: 35 },
      xAxis: words ? { type: 'category', data: axes[i].data } : { type: logScale ? 'log' : 'value', scale: true },
      yAxis: { type: 'value', scale: true, name: t.scoreName },
      series: [{ type: 'scatter', data: done.filter(tr => tr.score !== null).map(tr => [words ? String(tr.config[p]) : tr.config[p], tr.score]) }],
    }, true);
  });
}

function init(id) {
  return echarts.getInstanceByDom($(id)) ?? echarts.init($(id));
}

// The runs table refreshes every few seconds (new runs, finished runs); curves come by server-sent events.
window.dashboard = { state, charts };
loadRuns().then(() => { window.dashboard.tableShownAt = performance.now(); });
setInterval(loadRuns, 5000);
