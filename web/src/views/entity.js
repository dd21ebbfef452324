// The entity page: who it is (names, ids, merges), its links as a graph, its events as a list and
// a timeline against the revisions of the laws involved, one set of filters over all three.
import { get, vocab } from "../api.js";
import { certaintyControl, certaintyFrom, certaintyParams, viewQuery } from "../certainty.js";
import { download, h } from "../dom.js";
import { eventTable } from "../eventlist.js";
import { EMPTY, filterForm, matches } from "../filters.js";
import { createGraph } from "../graph.js";
import { timeline } from "../timeline.js";
import { eventsCsv } from "../csv.js";
import { fail } from "../status.js";
import { exportMenu } from "./export.js";

function facts(p) {
  const dl = h("dl", { class: "facts" });
  const row = (k, ...v) => dl.append(h("dt", {}, k), h("dd", {}, ...v));
  row("Type", p.labels.filter((l) => l !== "Entity").join(" › ") || p.type);
  if (p.country) row("Country", p.country);
  if (p.aliases.length) row("Also named", p.aliases.join(", "));
  if (p.external_ids.length || p.wikidata) row("Ids", [...p.external_ids, p.wikidata ? `wikidata:${p.wikidata}` : null]
    .filter(Boolean).join(", "));
  row("Id", h("code", {}, p.id));
  row("Reported by", `${p.source_count ?? 0} document(s); ${p.event_count} event(s)`);
  return dl;
}

function merges(p) {
  if (!p.merges.length) return h("p", { class: "muted" }, "No merges: every report used one name.");
  return h("ul", { class: "merges", "aria-label": "Merges" }, p.merges.map((m) => {
    const note = h("p", { class: "flag-note", hidden: true, role: "note" },
      "To undo this merge, an operator runs ", h("code", {}, `enforcegraph resolve --split ${p.id}`),
      " (or pins the two apart in judgements.json); later ingests respect it.");
    return h("li", {}, h("span", {}, m), " ",
      h("button", { type: "button", class: "small", onclick: (e) => {
        note.hidden = false; e.target.disabled = true; e.target.textContent = "flagged";
      } }, "Flag as wrong"), note);
  }));
}

// A change of argument certainty reloads the page (the API answers for it): the other filters are
// carried over to that one render, and to no other.
let carried = null;

export async function entityView(id, params = {}) {
  const initial = carried?.id === id ? carried.filters : EMPTY;
  carried = null;
  const certainty = certaintyFrom(params);
  const args = certaintyParams(certainty);
  let profile, tl, network, types;
  try {
    [profile, tl, network, types] = await Promise.all([
      get(`/entities/${encodeURIComponent(id)}`, args),
      get(`/entities/${encodeURIComponent(id)}/timeline`, args),
      get(`/entities/${encodeURIComponent(id)}/network`, { hops: 1, ...args }),
      vocab().then((v) => v.eventTypes),
    ]);
  } catch (err) {
    return h("div", { class: "view" }, h("h1", {}, "Entity"), fail(err));
  }
  const known = new Map(tl.events.map((e) => [e.id, e]));
  let filters = { ...initial };
  const listBox = h("div", {});
  const timelineBox = h("div", {});
  const shownEvents = () => tl.events.filter((e) => matches(e, filters));
  const graph = createGraph({
    onEvent: (eid) => { location.hash = `#/event/${encodeURIComponent(eid)}`; },
    onOpen: (eid) => { location.hash = `#/entity/${encodeURIComponent(eid)}`; },
    onExpand: async (eid) => {
      try {
        const [more, moreTl] = await Promise.all([
          get(`/entities/${encodeURIComponent(eid)}/network`, { hops: 1, ...args }),
          get(`/entities/${encodeURIComponent(eid)}/timeline`, args)]);
        for (const e of moreTl.events) known.set(e.id, e);
        graph.add(more, profile.id);
        update();
      } catch (err) { fail(err); }
    },
  });
  // the API filtered the network by certainty (no link below the bound); the other filters apply here
  const keep = (node) => {
    const ev = known.get(node.id);
    return ev ? matches(ev, filters) : matches({ type: node.type, date: node.date, confidence: 1,
      source_count: 1e9, agents: [], targets: [] }, { ...filters, country: "", foreign: false });
  };
  function update() {
    graph.filter(keep, profile.id);
    const events = shownEvents();
    listBox.replaceChildren(eventTable(events));
    const revs = filters.type && filters.type !== "LawRevision" ? tl.revisions : tl.revisions;
    timelineBox.replaceChildren(timeline(events, revs, { title: `Timeline of ${profile.name}` }));
  }
  const page = h("div", { class: "view entity" },
    h("h1", {}, profile.name, h("span", { class: "muted kind" }, ` ${profile.type}`)),
    h("div", { class: "columns" },
      h("section", { "aria-labelledby": "who-h" }, h("h2", { id: "who-h" }, "Who"), facts(profile),
        h("h3", {}, "Merges"), merges(profile)),
      h("section", { "aria-labelledby": "links-h", class: "graph-section" },
        h("h2", { id: "links-h" }, "Links"),
        h("p", { class: "muted" }, "Select an entity to expand it by one hop (double-click opens it); select an event ",
          "to read its evidence."),
        h("div", { class: "graph-wrap" }, graph.container, graph.list))),
    filterForm(types, (f) => { filters = f; update(); }, filters),
    certaintyControl(certainty, (c) => {
      carried = { id, filters };
      location.hash = `#/entity/${encodeURIComponent(id)}${viewQuery({}, c)}`;
    }),
    h("section", { "aria-labelledby": "tl-h" }, h("h2", { id: "tl-h" }, "Timeline"), timelineBox),
    h("section", { "aria-labelledby": "ev-h" }, h("h2", { id: "ev-h" }, "Events",
      h("span", { class: "muted" }, ` (newest ${tl.events.length} of ${tl.event_count})`)), listBox),
    exportMenu(() => ({ entity: profile, events: shownEvents(), revisions: tl.revisions,
      nodes: graph.shown() }), profile.name),
  );
  // Cytoscape needs its container in the document to measure it
  requestAnimationFrame(() => {
    if (!graph.container.isConnected) return; // a newer page (another certainty, say) was shown instead
    graph.add(network, profile.id);
    update();
  });
  update();
  return page;
}

export { eventsCsv, download };
