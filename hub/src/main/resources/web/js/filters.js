// The view's filters: read from and written to the URL query string (so a view can be shared),
// shown in the filter form, and turned into the API's query parameters.

export const RANGES = {
  '15m': { seconds: 15 * 60, bucket: '15s' },
  '1h': { seconds: 3600, bucket: '1m' },
  '6h': { seconds: 6 * 3600, bucket: '5m' },
  '24h': { seconds: 86400, bucket: '15m' },
  '7d': { seconds: 7 * 86400, bucket: '2h' },
  '30d': { seconds: 30 * 86400, bucket: '6h' },
};
export const DEFAULT_RANGE = '1h';

// Bucket widths for a custom range: the first that keeps the chart under MAX_BUCKETS bars.
const WIDTHS = [['1s', 1], ['5s', 5], ['15s', 15], ['30s', 30], ['1m', 60], ['5m', 300], ['15m', 900],
  ['30m', 1800], ['1h', 3600], ['2h', 7200], ['6h', 21600], ['12h', 43200], ['1d', 86400], ['7d', 604800]];
const MAX_BUCKETS = 120;
const FIELDS = ['institution', 'node', 'port', 'tool', 'kind'];

/** The state of a URL query string; unknown or malformed values fall back to the defaults. */
export function readState(search) {
  const q = new URLSearchParams(search);
  const state = { range: DEFAULT_RANGE, from: '', to: '' };
  const from = q.get('from');
  const to = q.get('to');
  if (from && to && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to)) && Date.parse(from) < Date.parse(to)) {
    Object.assign(state, { range: 'custom', from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  } else if (RANGES[q.get('range')]) {
    state.range = q.get('range');
  }
  for (const f of FIELDS) state[f] = (q.get(f) || '').trim();
  if (!/^\d{1,5}$/.test(state.port) || Number(state.port) > 65535) state.port = '';
  return state;
}

/** The query string of a state, defaults left out, in a fixed order. */
export function toSearch(state) {
  const q = new URLSearchParams();
  if (state.range === 'custom') {
    q.set('from', state.from);
    q.set('to', state.to);
  } else if (state.range !== DEFAULT_RANGE) {
    q.set('range', state.range);
  }
  for (const f of FIELDS) if (state[f]) q.set(f, state[f]);
  return q.toString();
}

/** The API's filter parameters: a preset range is relative to the hub's clock ("-1h"). */
export function apiParams(state) {
  const p = state.range === 'custom'
    ? { from: state.from, to: state.to }
    : { from: `-${state.range}` };
  for (const f of FIELDS) if (state[f]) p[f] = state[f];
  return p;
}

export function spanSeconds(state) {
  return state.range === 'custom'
    ? (Date.parse(state.to) - Date.parse(state.from)) / 1000
    : RANGES[state.range].seconds;
}

export function bucketFor(state) {
  if (state.range !== 'custom') return RANGES[state.range].bucket;
  const span = spanSeconds(state);
  const fit = WIDTHS.find(([, s]) => span / s <= MAX_BUCKETS);
  return (fit || WIDTHS[WIDTHS.length - 1])[0];
}

function localInput(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Shows a state in the form: values, the custom range inputs, which filters are active. */
export function showState(form, state) {
  form.range.value = state.range;
  form.classList.toggle('custom', state.range === 'custom');
  if (state.range === 'custom') {
    form.from.value = localInput(state.from);
    form.to.value = localInput(state.to);
  }
  for (const f of FIELDS) {
    ensureOption(form[f], state[f]);
    form[f].value = state[f];
    form[f].dataset.active = String(state[f] !== '');
  }
}

/** Reads the state the user set in the form; null when the custom range is incomplete or reversed. */
export function formState(form, previous) {
  const state = { range: form.range.value, from: '', to: '' };
  if (state.range === 'custom') {
    const from = form.from.value ? new Date(form.from.value) : null;
    const to = form.to.value ? new Date(form.to.value) : null;
    if (!from || !to || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
      // Entering custom mode: start from the window the view showed so far.
      if (previous.range !== 'custom' && !form.from.value && !form.to.value) {
        const now = Date.now();
        Object.assign(state, { from: new Date(now - spanSeconds(previous) * 1000).toISOString(), to: new Date(now).toISOString() });
      } else {
        return null;
      }
    } else {
      // The inputs show whole seconds: keep the exact instants of inputs the user did not touch.
      const keep = (name) => previous.range === 'custom' && form[name].value === localInput(previous[name]);
      Object.assign(state, {
        from: keep('from') ? previous.from : from.toISOString(),
        to: keep('to') ? previous.to : to.toISOString(),
      });
    }
  }
  for (const f of FIELDS) state[f] = String(form[f].value || '').trim();
  if (state.port && (!/^\d{1,5}$/.test(state.port) || Number(state.port) > 65535)) return null;
  return state;
}

/** Makes sure a select can show a value it has no option for yet (a shared URL naming a node). */
function ensureOption(select, value) {
  if (select.tagName !== 'SELECT' || !value) return;
  if (![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
}

/** Fills a select with options (value, label, group), keeping its first "All …" option and its value. */
export function setOptions(select, items) {
  // Rebuilding unchanged options on every refresh would close a list the user has open.
  const signature = JSON.stringify(items);
  if (select.dataset.options === signature) return;
  select.dataset.options = signature;
  const value = select.value;
  const first = select.options[0];
  select.replaceChildren(first);
  const groups = new Map();
  for (const { value: v, label, group } of items) {
    const option = new Option(label || v, v);
    if (!group) {
      select.add(option);
      continue;
    }
    if (!groups.has(group)) {
      const g = document.createElement('optgroup');
      g.label = group;
      groups.set(group, g);
      select.append(g);
    }
    groups.get(group).append(option);
  }
  ensureOption(select, value);
  select.value = value;
}
