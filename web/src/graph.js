// The link graph (Cytoscape.js): entities and events, edges typed by role. Selecting an entity
// expands it by one hop; selecting an event opens its evidence. A list beside it offers the same
// actions by keyboard.
import cytoscape from "cytoscape";
import { h } from "./dom.js";

const COLORS = {
  Company: "#2563eb", GovernmentBody: "#b91c1c", Person: "#7c3aed", Organization: "#0e7490",
  Law: "#a16207", Place: "#4b5563",
};

function palette() {
  const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches;
  return { text: dark ? "#e5e7eb" : "#111827", edge: dark ? "#6b7280" : "#9ca3af", event: dark ? "#f59e0b" : "#d97706" };
}

export function createGraph({ onEvent, onExpand, onOpen }) {
  const container = h("div", { class: "graph-canvas", "data-testid": "graph", role: "img",
    "aria-label": "Graph of the entity's links; the list beside it has the same nodes." });
  const list = h("ul", { class: "graph-nodes", "aria-label": "Nodes in the graph" });
  const nodes = new Map();
  let cy = null;
  // Cytoscape measures its container: create it once the container is in the document.
  function mount() {
    if (cy) return;
    cy = cytoscape({ container, minZoom: 0.2, maxZoom: 3, style: styles() });
    // follow the user's light or dark setting when it changes
    window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener("change", () => {
      if (container.isConnected) cy.style(styles());
    });
    cy.on("tap", "node", (e) => {
      const d = e.target.data();
      if (d.kind === "event") onEvent(d.id);
      else onExpand(d.id);
    });
    cy.on("dbltap", "node[kind = 'entity']", (e) => onOpen(e.target.id()));
  }

  function styles() {
    const p = palette();
    return [
      { selector: "node", style: { label: "data(label)", "font-size": 10, color: p.text, "text-wrap": "ellipsis",
        "text-max-width": 120, "text-valign": "bottom", "text-margin-y": 3, width: 22, height: 22 } },
      ...Object.entries(COLORS).map(([t, c]) => ({ selector: `node[type = "${t}"]`, style: { "background-color": c } })),
      { selector: "node[kind = 'event']", style: { shape: "diamond", "background-color": p.event, width: 18, height: 18 } },
      { selector: "node.center", style: { "border-width": 3, "border-color": p.text, width: 30, height: 30 } },
      { selector: "node.filtered, edge.filtered", style: { display: "none" } },
      { selector: "node.selected", style: { "overlay-opacity": 0.2, "overlay-color": p.event } },
      { selector: "edge", style: { width: 1.5, "line-color": p.edge, label: "data(type)", "font-size": 7,
        color: p.edge, "curve-style": "bezier", "target-arrow-shape": "triangle", "target-arrow-color": p.edge } },
    ];
  }

  function add(network, centerId) {
    mount();
    const fresh = [];
    for (const n of network.nodes) {
      if (nodes.has(n.id)) continue;
      nodes.set(n.id, n);
      fresh.push({ group: "nodes", data: { ...n }, classes: n.id === centerId ? "center" : "" });
    }
    for (const e of network.edges) {
      const id = `${e.source}|${e.type}|${e.target}`;
      if (cy.getElementById(id).length) continue;
      fresh.push({ group: "edges", data: { id, source: e.source, target: e.target, type: e.type } });
    }
    cy.add(fresh);
    cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70,
      padding: 20 }).run();
    cy.fit(undefined, 20);
  }

  // keep: (node) -> bool for event nodes; entities stay when linked to a kept event (or the center)
  function filter(keep, centerId) {
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass("filtered");
      const hidden = cy.nodes("[kind = 'event']").filter((n) => !keep(n.data()));
      hidden.addClass("filtered");
      hidden.connectedEdges().addClass("filtered");
      cy.nodes("[kind = 'entity']").forEach((n) => {
        if (n.id() !== centerId && n.connectedEdges().not(".filtered").length === 0) n.addClass("filtered");
      });
    });
    renderList();
  }

  function renderList() {
    if (!cy) return;
    const shown = cy.nodes().not(".filtered").map((n) => n.data())
      .sort((a, b) => (a.kind === b.kind ? a.label.localeCompare(b.label) : a.kind === "entity" ? -1 : 1));
    // an event's item names its drawn links ("AGENT id TARGET id"), so the list says what the drawing does
    const links = (id) => cy.getElementById(id).connectedEdges().not(".filtered")
      .map((e) => `${e.data("type")} ${e.data("target")}`).sort().join(" ");
    list.replaceChildren(...shown.map((d) => h("li", { "data-node": d.id, "data-kind": d.kind, "data-type": d.type,
      "data-links": d.kind === "event" ? links(d.id) : undefined },
      h("span", { class: `dot dot-${d.kind === "event" ? "event" : d.type}`, "aria-hidden": "true" }),
      d.kind === "event"
        ? h("a", { href: `#/event/${encodeURIComponent(d.id)}` }, d.label)
        : [h("a", { href: `#/entity/${encodeURIComponent(d.id)}` }, d.label),
          h("span", { class: "muted" }, ` ${d.type}${d.country ? ` · ${d.country}` : ""} `),
          h("button", { type: "button", class: "small", onclick: () => onExpand(d.id),
            "aria-label": `Expand ${d.label} by one hop` }, "expand")])));
  }

  function shown() {
    if (!cy) return [];
    return cy.nodes().not(".filtered").map((n) => n.data());
  }

  return { container, list, add, filter, renderList, shown };
}
