// The hub's dashboard: loads every panel from the JSON API for the filters in the URL, and again
// every few seconds. The body's data attributes say what is shown (data-state, data-query,
// data-loads), so a test or a script can wait for a view instead of guessing.
import { getJson } from './api.js';
import { Charts } from './charts.js';
import { apiParams, bucketFor, formState, readState, setOptions, showState, spanSeconds, toSearch } from './filters.js';
import { clockTime, count, rate, share } from './format.js';
import { showNodes, showObservations, showSessions, showSources } from './tables.js';

const REFRESH_MS = 5000;
const form = document.getElementById('filters');
const tables = {
  sources: document.getElementById('table-sources'),
  nodes: document.getElementById('table-nodes'),
  observations: document.getElementById('table-observations'),
  sessions: document.getElementById('table-sessions'),
};
const toolsSeen = new Set();
let state = readState(location.search);
let generation = 0;
let inFlight = null;
let timer = null;
let loads = 0;

const charts = new Charts({ onPort: (port) => change({ port: String(port) }) });

/** Applies a change of filters from the user: new URL (a history entry), new data at once. */
function change(patch) {
  state = { ...state, ...patch };
  if (patch.institution !== undefined && state.node && !nodeIn(state.node, state.institution)) state.node = '';
  const search = toSearch(state);
  history.pushState(null, '', search ? `?${search}` : location.pathname);
  showState(form, state);
  load();
}

let knownNodes = [];
function nodeIn(node, institution) {
  return !institution || knownNodes.some((n) => n.name === node && n.institution === institution);
}

async function load() {
  clearTimeout(timer);
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  const gen = ++generation;
  const view = { ...state };
  const params = apiParams(view);
  const signal = controller.signal;
  try {
    const [summary, nodes, series, ports, sources, latest, sessions] = await Promise.all([
      getJson('/api/summary', params, signal),
      getJson('/api/nodes', {}, signal),
      getJson('/api/timeseries', { ...params, bucket: bucketFor(view) }, signal),
      getJson('/api/top/ports', { ...params, limit: 12 }, signal),
      getJson('/api/top/sources', { ...params, limit: 12 }, signal),
      getJson('/api/observations', { ...params, limit: 20 }, signal),
      getJson('/api/sessions', { ...params, limit: 20 }, signal),
    ]);
    if (gen !== generation) return;
    render(view, { summary, nodes, series, ports, sources, latest, sessions });
    showError(null);
    setLive('live', `Live · updated ${clockTime(new Date())}`);
    document.body.dataset.query = toSearch(view);
    document.body.dataset.loads = String(++loads);
    document.body.dataset.state = 'ready';
  } catch (e) {
    if (e.name === 'AbortError' || gen !== generation) return;
    showError(e.message);
    setLive('error', e.status ? 'The hub refused the request' : 'Hub unreachable · retrying');
    document.body.dataset.state = 'error';
  } finally {
    if (gen === generation) {
      inFlight = null;
      timer = setTimeout(load, REFRESH_MS);
    }
  }
}

function render(view, data) {
  const now = Date.now();
  updateFilterOptions(data.nodes, data.summary, data.series);
  showCounters(data.summary, data.nodes, view);
  charts.showTimeseries(data.series, spanSeconds(view));
  charts.showPorts(data.ports.ports, view.port);
  showSources(tables.sources, data.sources.sources);
  showNodes(tables.nodes, data.nodes, data.summary, view, (node) => change({ node }), now);
  showObservations(tables.observations, data.latest);
  showSessions(tables.sessions, data.sessions);
  const c = data.summary.collector;
  document.getElementById('collector-stats').textContent = `Collector: ${count(c.batchesStored)} batches stored · `
    + `${count(c.batchesDuplicate)} duplicates · ${count(c.batchesRefused)} refused · `
    + `${count(c.connectionsOpen)} connections open · ${count(c.ingestQueue)} queued`;
}

function setCounter(id, value) {
  const node = document.getElementById(id);
  const text = count(value);
  if (node.textContent !== text && node.textContent !== '–') {
    node.parentElement.classList.remove('flash');
    void node.offsetWidth; // restart the animation
    node.parentElement.classList.add('flash');
  }
  node.textContent = text;
  node.dataset.value = String(value);
}

function showCounters(summary, nodes, view) {
  const t = summary.totals;
  setCounter('c-total', t.observations);
  setCounter('c-minute', t.lastMinute);
  setCounter('c-hour', t.lastHour);
  setCounter('c-probe', t.byKind.probe || 0);
  setCounter('c-backscatter', t.byKind.backscatter || 0);
  document.getElementById('c-rate').textContent = `${rate(t.lastMinute / 60)} per second`;
  document.getElementById('c-probe-share').textContent = share(t.byKind.probe || 0, t.observations) || '\u00a0';
  document.getElementById('c-backscatter-share').textContent = share(t.byKind.backscatter || 0, t.observations) || '\u00a0';
  document.getElementById('c-range').textContent = view.range === 'custom' ? 'in the chosen range' : `in the ${form.range.selectedOptions[0].text.toLowerCase()}`;
  const reporting = summary.institutions.reduce((n, i) => n + i.nodes.filter((x) => x.totals.observations > 0).length, 0);
  const registered = nodes.nodes.filter((n) => n.registered).length;
  setCounter('c-nodes', reporting);
  document.getElementById('c-nodes-hint').textContent = `of ${count(registered)} registered`;
}

function updateFilterOptions(nodes, summary, series) {
  knownNodes = nodes.nodes;
  const institutions = [...new Set(nodes.nodes.map((n) => n.institution))].sort();
  setOptions(form.institution, institutions.map((i) => ({ value: i })));
  const shown = nodes.nodes.filter((n) => !state.institution || n.institution === state.institution)
    .sort((a, b) => a.institution.localeCompare(b.institution) || a.name.localeCompare(b.name));
  setOptions(form.node, shown.map((n) => ({ value: n.name, group: state.institution ? undefined : n.institution })));
  Object.keys(summary.totals.byTool).forEach((t) => toolsSeen.add(t));
  series.buckets.forEach((b) => Object.keys(b.byTool).forEach((t) => toolsSeen.add(t)));
  setOptions(form.tool, [...toolsSeen].sort().map((t) => ({ value: t })));
}

function setLive(status, text) {
  document.getElementById('live').dataset.status = status;
  document.getElementById('live-text').textContent = text;
}

function showError(message) {
  const banner = document.getElementById('error');
  banner.hidden = !message;
  banner.textContent = message || '';
}

form.addEventListener('change', () => {
  const next = formState(form, state);
  if (next) change(next);
});
form.addEventListener('submit', (e) => e.preventDefault());
document.getElementById('f-clear').addEventListener('click', () => {
  change({ range: state.range, from: state.from, to: state.to, institution: '', node: '', port: '', tool: '', kind: '' });
});
window.addEventListener('popstate', () => {
  state = readState(location.search);
  showState(form, state);
  load();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') load();
});

showState(form, state);
load();
