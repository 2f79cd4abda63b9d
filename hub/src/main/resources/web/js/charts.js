// The dashboard's charts (Chart.js, served by the hub from its WebJar). Each chart is made once and
// its data replaced on every refresh, without animation so a live view does not flicker.
import { bucketLabel, count, instant } from './format.js';

const KIND_ORDER = ['probe', 'backscatter', 'other', 'unknown'];
const TOOL_PALETTE = ['#2a5bd7', '#e8871e', '#1f9d55', '#9b51e0', '#d64545', '#0e9f9a', '#b7791f', '#4c51bf', '#d53f8c', '#718096'];
// Tools the sensor names get fixed colours, so a tool keeps its colour whatever else is shown.
const KNOWN_TOOLS = ['nmap', 'zmap', 'masscan', 'mirai', 'hping3', 'unicornscan', 'zgrab', 'shodan'];
const SERVICES = {
  21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'dns', 80: 'http', 110: 'pop3', 123: 'ntp', 135: 'msrpc',
  139: 'netbios', 143: 'imap', 161: 'snmp', 389: 'ldap', 443: 'https', 445: 'smb', 993: 'imaps', 1433: 'mssql',
  1521: 'oracle', 1883: 'mqtt', 2323: 'telnet-alt', 3306: 'mysql', 3389: 'rdp', 5060: 'sip', 5432: 'postgres',
  5555: 'adb', 5900: 'vnc', 6379: 'redis', 7547: 'cwmp', 8080: 'http-alt', 8443: 'https-alt', 9200: 'elastic',
  11211: 'memcached', 27017: 'mongodb',
};

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function kindColor(kind) {
  return css(`--${kind}`) || css('--other');
}

export function toolColor(tool) {
  if (tool === 'unknown') return css('--other');
  const known = KNOWN_TOOLS.indexOf(tool);
  if (known >= 0) return TOOL_PALETTE[known];
  let h = 0;
  for (const c of tool) h = (h * 31 + c.codePointAt(0)) >>> 0;
  return TOOL_PALETTE[h % TOOL_PALETTE.length];
}

export function portLabel(p) {
  const protocol = p.protocol.toLowerCase();
  const service = protocol === 'tcp' || protocol === 'udp' ? SERVICES[p.port] : undefined;
  return `${p.port}/${protocol}${service ? ` ${service}` : ''}`;
}

function ordered(keys, order) {
  return [...keys].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });
}

function baseOptions() {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { position: 'top', align: 'end', labels: { boxWidth: 10, boxHeight: 10, usePointStyle: true } },
      tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${count(c.parsed.y ?? c.parsed.x)}` } },
    },
    scales: {
      x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 16 } },
      y: { beginAtZero: true, grid: { color: css('--line') }, ticks: { precision: 0 } },
    },
  };
}

export class Charts {
  constructor({ onPort }) {
    const Chart = window.Chart;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = css('--muted');
    Chart.defaults.borderColor = css('--line');

    const stacked = () => {
      const o = baseOptions();
      o.scales.x.stacked = true;
      o.scales.y.stacked = true;
      return o;
    };
    this.kinds = new Chart(document.getElementById('chart-kinds'), { type: 'bar', data: { labels: [], datasets: [] }, options: stacked() });
    this.tools = new Chart(document.getElementById('chart-tools'), { type: 'bar', data: { labels: [], datasets: [] }, options: stacked() });

    const bars = baseOptions();
    bars.indexAxis = 'y';
    bars.interaction = { mode: 'nearest', axis: 'y', intersect: false };
    bars.plugins.legend = { display: false };
    bars.plugins.tooltip.callbacks = {
      label: (c) => `${count(c.parsed.x)} observations`,
      afterLabel: (c) => {
        const p = this.portRows[c.dataIndex];
        return p ? `${count(p.sources)} sources · ${count(p.nodes)} nodes` : '';
      },
    };
    bars.scales = {
      x: { beginAtZero: true, grid: { color: css('--line') }, ticks: { precision: 0 } },
      y: { grid: { display: false }, ticks: { autoSkip: false, font: { family: 'ui-monospace, "DejaVu Sans Mono", monospace', size: 12 } } },
    };
    bars.onClick = (event, elements) => {
      if (elements.length) onPort(this.portRows[elements[0].index].port);
    };
    bars.onHover = (event, elements) => {
      event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
    };
    this.portRows = [];
    this.ports = new Chart(document.getElementById('chart-ports'), { type: 'bar', data: { labels: [], datasets: [] }, options: bars });
  }

  /** Both time charts from one /api/timeseries answer. */
  showTimeseries(series, spanSeconds) {
    const labels = series.buckets.map((b) => bucketLabel(instant(b.start).getTime(), series.bucketSeconds, spanSeconds));
    const kinds = new Set();
    const tools = new Map();
    for (const b of series.buckets) {
      Object.keys(b.byKind).forEach((k) => kinds.add(k));
      for (const [t, n] of Object.entries(b.byTool)) tools.set(t, (tools.get(t) || 0) + n);
    }
    if (kinds.size === 0) ['probe', 'backscatter'].forEach((k) => kinds.add(k));
    this.kinds.data.labels = labels;
    this.kinds.data.datasets = ordered(kinds, KIND_ORDER).map((k) => ({
      label: k,
      data: series.buckets.map((b) => b.byKind[k] || 0),
      backgroundColor: kindColor(k),
      borderRadius: 2,
      categoryPercentage: 0.9,
      barPercentage: 0.95,
    }));
    this.kinds.update('none');

    const byTotal = [...tools.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
    this.tools.data.labels = labels;
    this.tools.data.datasets = byTotal.map((t) => ({
      label: t,
      data: series.buckets.map((b) => b.byTool[t] || 0),
      backgroundColor: toolColor(t),
      borderRadius: 2,
      categoryPercentage: 0.9,
      barPercentage: 0.95,
    }));
    this.tools.update('none');
  }

  /** The top ports chart from one /api/top/ports answer. */
  showPorts(ports, selectedPort) {
    this.portRows = ports;
    this.ports.data.labels = ports.map(portLabel);
    this.ports.data.datasets = [{
      label: 'observations',
      data: ports.map((p) => p.observations),
      backgroundColor: ports.map((p) => (String(p.port) === selectedPort ? css('--backscatter') : css('--accent'))),
      borderRadius: 3,
      barPercentage: 0.8,
    }];
    this.ports.update('none');
    document.getElementById('ports-empty').hidden = ports.length > 0;
  }
}
