// Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as time spans, for the timeline axis.

export function span(d) {
  if (!d) return null;
  const [y, m, day] = d.split("-").map(Number);
  if (day) { const t = Date.UTC(y, m - 1, day); return [t, t + 864e5]; }
  if (m) return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1)];
  return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
}

export function ticks(lo, hi) {
  const out = [];
  const years = (hi - lo) / (365 * 864e5);
  const start = new Date(lo);
  if (years > 2.5) {
    const step = years > 25 ? 5 : years > 12 ? 2 : 1;
    for (let y = start.getUTCFullYear(); Date.UTC(y, 0, 1) <= hi; y += step) {
      const t = Date.UTC(y, 0, 1);
      if (t >= lo) out.push([t, String(y)]);
    }
  } else {
    const step = years > 1 ? 3 : 1;
    for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); Date.UTC(y, m, 1) <= hi; m += step) {
      const t = Date.UTC(y, m, 1);
      if (t >= lo) out.push([t, new Date(t).toISOString().slice(0, 7)]);
    }
  }
  return out;
}
