// Screening: a pasted or uploaded watchlist (CSV: name, country, optional id) against the graph;
// each firm's match, events, exposure score and reasons; the result as CSV.
import { screen } from "../api.js";
import { download, entityLink, eventLink, h } from "../dom.js";
import { parseCsv, toCsv } from "../csv.js";
import { fail, nothing } from "../status.js";

const MAX_ITEMS = 100;

// Rows of name, country, id; a header row (name, country, id in any order) is recognised.
export function watchlist(text) {
  const rows = parseCsv(text);
  if (!rows.length) return { items: [], problems: ["The watchlist is empty."] };
  let cols = { name: 0, country: 1, id: 2 };
  const head = rows[0].map((c) => c.toLowerCase());
  if (head.includes("name") || head.includes("id")) {
    cols = { name: head.indexOf("name"), country: head.indexOf("country"), id: head.indexOf("id") };
    rows.shift();
  }
  const items = [];
  const problems = [];
  rows.forEach((r, i) => {
    const name = cols.name >= 0 ? r[cols.name] || "" : "";
    const country = cols.country >= 0 ? (r[cols.country] || "").toUpperCase() : "";
    const id = cols.id >= 0 ? r[cols.id] || "" : "";
    if (!name && !id) { problems.push(`Line ${i + 1}: needs a name or an id.`); return; }
    if (country && !/^[A-Z]{2}$/.test(country)) {
      problems.push(`Line ${i + 1}: country “${country}” is not a two-letter ISO code; left out.`);
    }
    items.push({ ...(name ? { name } : {}), ...(id ? { id } : {}),
      ...(/^[A-Z]{2}$/.test(country) ? { country } : {}) });
  });
  if (items.length > MAX_ITEMS) problems.push(`Only the first ${MAX_ITEMS} items are screened.`);
  return { items: items.slice(0, MAX_ITEMS), problems };
}

export function resultsCsv(results) {
  return toCsv(["name", "country", "id", "matched_entity", "matched_id", "match_confidence", "match_method",
    "direct_events", "peer_events", "score", "level", "reasons", "notes"], results.map((r) => [
    r.query.name, r.query.country, r.query.id, r.match?.entity.name, r.match?.entity.id, r.match?.confidence,
    r.match?.method, r.direct_events.length, r.peer_event_count, r.score, r.level,
    r.reasons.map((x) => `${x.points} pts: ${x.reason}`).join(" | "), r.notes.join(" | ")]));
}

function resultRow(r) {
  return h("tr", { "data-name": r.query.name || r.query.id },
    h("td", {}, r.query.name || r.query.id, r.query.country ? h("span", { class: "muted" }, ` ${r.query.country}`) : ""),
    h("td", {}, r.match ? [entityLink(r.match.entity), h("span", { class: "muted" },
      ` ${r.match.method} ${r.match.confidence.toFixed(2)}`)] : h("span", { class: "muted" }, "no match")),
    h("td", {}, r.direct_events.length ? h("ul", {}, r.direct_events.map((e) => h("li", {}, eventLink(e)))) : "none"),
    h("td", {}, String(r.peer_event_count)),
    h("td", { class: `score level-${r.level}`, "data-score": r.score }, `${r.score} (${r.level})`),
    h("td", {}, h("ul", { class: "reasons" }, r.reasons.map((x) => h("li", {}, `${x.points} pts: ${x.reason}`)),
      r.notes.map((n) => h("li", { class: "muted" }, n)))));
}

export async function screeningView() {
  const text = h("textarea", { id: "watchlist", name: "watchlist", rows: 7, cols: 60, spellcheck: "false",
    placeholder: "name,country,id\nFalkenried Consulting,DE,\nMintz Group,US," });
  const file = h("input", { id: "watchlist-file", type: "file", accept: ".csv,text/csv,text/plain" });
  file.addEventListener("change", async () => { if (file.files[0]) text.value = await file.files[0].text(); });
  const juris = h("input", { id: "jurisdictions", name: "countries", size: 12, placeholder: "CN, RU",
    pattern: "\\s*[A-Za-z]{2}(\\s*,\\s*[A-Za-z]{2})*\\s*" });
  const since = h("input", { id: "since", name: "since", size: 10, placeholder: "YYYY-MM-DD",
    pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" });
  const results = h("section", { "aria-labelledby": "screen-h" });
  const form = h("form", { class: "screening", onsubmit: async (e) => {
    e.preventDefault();
    results.replaceChildren(h("h2", { id: "screen-h" }, "Results"));
    const { items, problems } = watchlist(text.value);
    if (problems.length) results.append(h("ul", { class: "msg msg-warn" }, problems.map((p) => h("li", {}, p))));
    if (!items.length) return;
    const countries = juris.value.split(",").map((c) => c.trim().toUpperCase()).filter(Boolean);
    try {
      const body = await screen({ items, ...(countries.length ? { countries } : {}),
        ...(since.value.trim() ? { since: since.value.trim() } : {}) });
      if (!body.items.length) { results.append(nothing("Nothing to show.")); return; }
      results.append(
        h("p", {}, h("button", { type: "button", onclick: () => download("screening.csv", resultsCsv(body.items),
          "text/csv") }, "Download CSV")),
        h("table", { class: "screen-results", "data-testid": "screen-results" },
          h("caption", { class: "visually-hidden" }, "Screening results"),
          h("thead", {}, h("tr", {}, ["Watchlist item", "Match", "Direct events", "Peer events", "Score", "Reasons"]
            .map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, body.items.map(resultRow))));
    } catch (err) { results.append(fail(err)); }
  } },
  h("label", { for: "watchlist" }, "Watchlist (CSV: name, country, optional id — one firm a line)"), text,
  h("div", { class: "row" }, h("label", { for: "watchlist-file" }, "or upload a CSV file"), file),
  h("div", { class: "row" }, h("label", { for: "jurisdictions" }, "Jurisdictions (optional)"), juris,
    h("label", { for: "since" }, "Since (optional)"), since),
  h("button", { type: "submit" }, "Screen"));
  return h("div", { class: "view" }, h("h1", {}, "Screen a watchlist"),
    h("p", { class: "muted" }, "Screening needs a write key for now: enter it at the top of the page."), form, results);
}
