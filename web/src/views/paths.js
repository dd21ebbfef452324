// Paths: how two entities are linked, each hop with the sentence that reports its event.
import { get } from "../api.js";
import { eventLink, h } from "../dom.js";
import { fail, nothing } from "../status.js";
import { entityCombobox } from "./search.js";

function pathItem(p) {
  const byEvent = new Map();
  for (const s of p.evidence || []) {
    if (!byEvent.has(s.event)) byEvent.set(s.event, []);
    byEvent.get(s.event).push(s);
  }
  const edgeOf = (a, b) => p.edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
  return h("li", { class: "path" }, h("ol", { class: "hops" }, p.nodes.map((n, i) => {
    const role = i ? edgeOf(p.nodes[i - 1].id, n.id)?.type : null;
    if (n.kind === "event") {
      const sources = byEvent.get(n.id) || [];
      return h("li", { class: "hop hop-event" }, role ? h("span", { class: "role" }, role) : "",
        eventLink({ id: n.id, type: n.type, date: n.date }, n.label),
        h("ul", { class: "evidence-list" }, sources.map((s) => h("li", {},
          h("q", {}, s.evidence || ""), h("span", { class: "muted" }, ` — ${s.source || s.document}${s.published
            ? `, ${s.published}` : ""}`)))));
    }
    return h("li", { class: "hop" }, role ? h("span", { class: "role" }, role) : "",
      h("a", { href: `#/entity/${encodeURIComponent(n.id)}` }, n.label),
      h("span", { class: "muted" }, ` ${n.type}${n.country ? ` · ${n.country}` : ""}`));
  })));
}

export async function pathsView(params) {
  const from = entityCombobox({ label: "From", name: "from", value: params.fromName || "" });
  const to = entityCombobox({ label: "To", name: "to", value: params.toName || "" });
  if (params.from) from.input.dataset.id = params.from;
  if (params.to) to.input.dataset.id = params.to;
  const hops = h("select", { id: "max-hops", name: "max_hops" },
    [1, 2, 3, 4].map((n) => h("option", { value: n, selected: String(n) === (params.max_hops || "3") }, String(n))));
  const results = h("section", { "aria-labelledby": "paths-h" }, h("h2", { id: "paths-h" }, "Paths"));
  const resolve = async (combo) => {
    if (combo.input.dataset.id) return combo.input.dataset.id;
    const q = combo.input.value.trim();
    if (!q) return null;
    const items = (await get("/entities", { q, limit: 1 })).items;
    return items[0]?.id || null;
  };
  const form = h("form", { class: "search", onsubmit: async (e) => {
    e.preventDefault();
    try {
      const [a, b] = [await resolve(from), await resolve(to)];
      if (!a || !b) { results.replaceChildren(nothing("Pick two entities (type a name, then choose a suggestion).")); return; }
      location.hash = `#/paths?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b)}&max_hops=${hops.value}` +
        `&fromName=${encodeURIComponent(from.input.value)}&toName=${encodeURIComponent(to.input.value)}`;
    } catch (err) { results.replaceChildren(fail(err)); }
  } }, from, to, h("label", { for: "max-hops" }, "At most hops"), hops, h("button", { type: "submit" }, "Find links"));
  const page = h("div", { class: "view" }, h("h1", {}, "How are two entities linked?"), form, results);
  if (params.from && params.to) {
    try {
      const body = await get("/paths", { from: params.from, to: params.to, max_hops: params.max_hops || 3, limit: 20 });
      results.append(body.items.length ? h("ol", { class: "paths", "data-testid": "paths" }, body.items.map(pathItem))
        : nothing(`No link within ${params.max_hops || 3} hop(s).`));
    } catch (err) { results.append(fail(err)); }
  }
  return page;
}
