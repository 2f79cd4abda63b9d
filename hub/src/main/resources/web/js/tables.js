// The dashboard's tables. Every value goes in as text (node names, tools and addresses come from
// the network and are never parsed as HTML).
import { age, count, fullTime, when } from './format.js';

export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'title') e.title = v;
    else if (k === 'onclick') e.addEventListener('click', v);
    else if (k === 'style') Object.assign(e.style, v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function body(table, rows, columns, emptyText) {
  const tbody = table.tBodies[0];
  if (rows.length === 0) {
    tbody.replaceChildren(el('tr', {}, el('td', { class: 'empty', colspan: String(columns) }, emptyText)));
  } else {
    tbody.replaceChildren(...rows);
  }
}

function ageCell(instantText, now) {
  const a = age(instantText, now);
  return el('span', { class: `age ${a.freshness}`, title: fullTime(instantText) }, a.text);
}

/** Top sources: one row per prefix, with a bar for its share of the largest. */
export function showSources(table, sources) {
  const max = Math.max(1, ...sources.map((s) => s.observations));
  const rows = sources.map((s) => el('tr', { dataset: { prefix: s.prefix } },
    el('td', { class: 'mono' }, s.prefix),
    el('td', { class: 'num' }, count(s.observations),
      el('span', { class: 'share', style: { width: `${Math.max(2, Math.round((48 * s.observations) / max))}px` } })),
    el('td', { class: 'num' }, count(s.addresses)),
    el('td', { class: 'num' }, count(s.ports)),
    el('td', { class: 'num' }, count(s.nodes)),
    el('td', { title: fullTime(s.lastSeen) }, when(s.lastSeen))));
  body(table, rows, 6, 'No sources in this view');
}

/**
 * Nodes grouped by institution: registered nodes from /api/nodes (with their last batch), with
 * their totals in the current view from /api/summary.
 */
export function showNodes(table, nodes, summary, view, onNode, now) {
  const selectedNode = view.node;
  const totals = new Map();
  for (const inst of summary.institutions) {
    for (const n of inst.nodes) totals.set(`${inst.institution}\u0000${n.node}`, n.totals);
  }
  const byInstitution = new Map();
  for (const n of nodes.nodes) {
    if ((view.institution && n.institution !== view.institution) || (view.node && n.name !== view.node)) continue;
    if (!byInstitution.has(n.institution)) byInstitution.set(n.institution, []);
    byInstitution.get(n.institution).push(n);
  }
  const instTotals = new Map(summary.institutions.map((i) => [i.institution, i.totals]));
  const rows = [];
  for (const institution of [...byInstitution.keys()].sort()) {
    const t = instTotals.get(institution);
    const members = byInstitution.get(institution).sort((a, b) => a.name.localeCompare(b.name));
    rows.push(el('tr', { class: 'institution', dataset: { institution } },
      el('td', { colspan: '2' }, institution, el('span', { class: 'muted' }, ` · ${members.length} node${members.length === 1 ? '' : 's'}`)),
      el('td', { class: 'num' }, count(t ? t.observations : 0)),
      el('td', { colspan: '4' }),
      el('td', { class: 'num' }, count(t ? t.sessions : 0))));
    for (const n of members) {
      const nt = totals.get(`${institution}\u0000${n.name}`);
      const tools = nt ? Object.entries(nt.byTool).sort((a, b) => b[1] - a[1]).slice(0, 3) : [];
      rows.push(el('tr', {
        class: 'node',
        dataset: { node: n.name, selected: String(n.name === selectedNode) },
        title: `Show only ${n.name}`,
        onclick: () => onNode(n.name === selectedNode ? '' : n.name),
      },
      el('td', {}, n.name, n.registered ? null : el('span', { class: 'muted' }, ' (not registered)')),
      el('td', { class: 'mono muted' }, n.overlayAddress || '–'),
      el('td', { class: 'num' }, count(nt ? nt.observations : 0)),
      el('td', {}, ...tools.map(([tool]) => el('span', { class: 'badge tool' }, tool)), tools.length ? null : el('span', { class: 'muted' }, '–')),
      el('td', { title: nt ? fullTime(nt.firstSeen) : '' }, nt && nt.firstSeen ? when(nt.firstSeen) : '–'),
      el('td', {}, nt && nt.lastSeen ? ageCell(nt.lastSeen, now) : el('span', { class: 'muted' }, 'none in range')),
      el('td', {}, n.lastBatch ? ageCell(n.lastBatch, now) : el('span', { class: 'muted' }, 'never')),
      el('td', { class: 'num' }, count(nt ? nt.sessions : 0))));
    }
  }
  body(table, rows, 8, nodes.nodes.length ? 'No node matches this view' : 'No nodes registered yet');
}

function endpoint(address, port) {
  if (port === null || port === undefined) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The newest observations, one row each. */
export function showObservations(table, answer) {
  const rows = answer.observations.map((o) => el('tr', {},
    el('td', { title: fullTime(o.time) }, when(o.time)),
    el('td', {}, o.node),
    el('td', { class: 'mono' }, endpoint(o.src, o.srcPort)),
    el('td', { class: 'mono' }, endpoint(o.dst, o.dstPort)),
    el('td', {}, o.protocol),
    el('td', { class: 'mono' }, o.tcpFlags || (o.icmpType !== null && o.icmpType !== undefined ? `type ${o.icmpType}/${o.icmpCode}` : '')),
    el('td', { class: 'num' }, o.ttl ?? ''),
    el('td', {}, el('span', { class: 'badge tool' }, o.tool || 'unknown')),
    el('td', {}, el('span', { class: `badge ${o.kind || ''}` }, o.kind || 'unknown'))));
  body(table, rows, 9, 'No observations in this view');
}

/**
 * Relayed sessions, one row each. The first bytes arrive escaped by the hub (\xNN, \r, \n) and go
 * in as text like every other value: what an attacker sent is shown, never interpreted.
 */
export function showSessions(table, answer) {
  const rows = answer.sessions.map((s) => el('tr', { dataset: { app: s.application || 'unknown' } },
    el('td', { title: fullTime(s.time) }, when(s.time)),
    el('td', {}, s.node),
    el('td', { class: 'mono' }, endpoint(s.src, s.srcPort)),
    el('td', { class: 'num' }, s.dstPort ?? ''),
    el('td', {}, el('span', { class: 'badge' }, s.application || 'unknown')),
    el('td', {}, el('span', { class: 'badge tool' }, s.tool || 'unknown')),
    el('td', { class: 'num' }, bytes(s.bytesIn)),
    el('td', { class: 'num' }, bytes(s.bytesOut)),
    el('td', { class: 'num' }, duration(s.durationMillis)),
    el('td', {}, s.end),
    el('td', { class: 'mono preview', title: `${s.firstBytesLength} bytes, hex ${s.previewHex}` }, s.preview)));
  body(table, rows, 11, 'No relayed sessions in this view');
}

function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function duration(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
