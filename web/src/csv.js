// CSV in and out (RFC 4180 quoting), for watchlists and exports.

export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      if (row.some((f) => f.trim())) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim())) rows.push(row);
  return rows.map((r) => r.map((f) => f.trim()));
}

const cell = (v) => {
  const t = v === null || v === undefined ? "" : String(v);
  // a leading =, +, - or @ would be a formula in a spreadsheet: quote it as text
  const safe = /^[=+\-@]/.test(t) ? `'${t}` : t;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(header, rows) {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export function eventsCsv(events) {
  return toCsv(["id", "type", "date", "date_precision", "agents", "targets", "location", "laws", "sources",
    "confidence", "evidence"], events.map((e) => [e.id, e.type, e.date, e.date_precision,
    (e.agents || []).map((a) => a.name).join("; "), (e.targets || []).map((t) => t.name).join("; "),
    e.location?.name, (e.laws || []).map((l) => l.name).join("; "), e.source_count ?? (e.sources || []).length,
    e.confidence, e.sources?.[0]?.evidence]));
}
