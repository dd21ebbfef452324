// "Export what is on screen": the filtered events as JSON or CSV (built here), and as RDF
// (Turtle, JSON-LD) from the API's export of exactly those events.
import { getText } from "../api.js";
import { download, h } from "../dom.js";
import { eventsCsv } from "../csv.js";
import { fail } from "../status.js";

const slug = (name) => (name || "export").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export function exportMenu(current, name) {
  const base = slug(name);
  const rdf = async (format, ext, type) => {
    const { events } = current();
    if (!events.length) { fail({ kind: "notfound", message: "Nothing on screen to export." }); return; }
    try {
      const text = await getText("/export", { format, event: events.slice(0, 500).map((e) => e.id) });
      download(`${base}.${ext}`, text, type);
    } catch (err) { fail(err); }
  };
  return h("section", { class: "export", "aria-labelledby": "export-h" },
    h("h2", { id: "export-h" }, "Export what is on screen"),
    h("div", { class: "buttons" },
      h("button", { type: "button", onclick: () => download(`${base}.json`,
        JSON.stringify(current(), null, 2), "application/json") }, "JSON"),
      h("button", { type: "button", onclick: () => download(`${base}.csv`, eventsCsv(current().events),
        "text/csv") }, "CSV"),
      h("button", { type: "button", onclick: () => rdf("turtle", "ttl", "text/turtle") }, "RDF Turtle"),
      h("button", { type: "button", onclick: () => rdf("jsonld", "jsonld", "application/ld+json") }, "RDF JSON-LD")));
}
