// Formatting of numbers, times and ages for the dashboard (the browser's locale and time zone).

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const clockShort = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const dayTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', hour12: false });

export function count(n) {
  return n == null ? '–' : integer.format(n);
}

export function rate(n) {
  return n == null ? '–' : decimal.format(n);
}

export function share(part, whole) {
  return whole > 0 ? percent.format(part / whole) : '';
}

/** An API instant (ISO-8601 text) as a Date, or null. */
export function instant(text) {
  if (text == null) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A time of day when it is today, the date and time otherwise. */
export function when(text) {
  const d = instant(text);
  if (!d) return '–';
  const now = new Date();
  return d.toDateString() === now.toDateString() ? clock.format(d) : dayTime.format(d);
}

export function fullTime(text) {
  const d = instant(text);
  return d ? full.format(d) : '';
}

/** How long ago, in the largest sensible unit, and how fresh that is (fresh, stale, old). */
export function age(text, now = Date.now()) {
  const d = instant(text);
  if (!d) return { text: 'never', freshness: 'old' };
  const s = Math.max(0, Math.round((now - d.getTime()) / 1000));
  const freshness = s < 300 ? 'fresh' : s < 3600 ? 'stale' : 'old';
  if (s < 60) return { text: `${s} s ago`, freshness };
  if (s < 3600) return { text: `${Math.floor(s / 60)} min ago`, freshness };
  if (s < 86400) return { text: `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`, freshness };
  return { text: `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h ago`, freshness };
}

/** A label for a time bucket that fits its width and the span of the chart. */
export function bucketLabel(ms, bucketSeconds, spanSeconds) {
  const d = new Date(ms);
  if (bucketSeconds >= 86400) return day.format(d);
  if (spanSeconds > 86400) return dayTime.format(d);
  return bucketSeconds < 60 ? clock.format(d) : clockShort.format(d);
}

export function clockTime(d) {
  return clock.format(d);
}
