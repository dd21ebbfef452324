// The table of events the entity page and the events view share: date, type (a link to its evidence),
// agents and targets each with the argument model's probability badge, place, sources, confidence.
import { argumentRefs } from "./certainty.js";
import { entityLink, eventLink, h } from "./dom.js";

export function eventTable(events, empty = "No events match the filters.") {
  if (!events.length) return h("p", { class: "msg msg-info", "data-empty": "" }, empty);
  return h("table", { class: "events", "data-testid": "event-list" },
    h("caption", { class: "visually-hidden" }, "Events"),
    h("thead", {}, h("tr", {}, ["Date", "Event", "By", "Against", "Where", "Sources", "Confidence"]
      .map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, events.map((e) => h("tr", { "data-event": e.id },
      h("td", {}, e.date || "undated"),
      h("td", {}, eventLink(e, e.type)),
      h("td", {}, argumentRefs(e.agents || [], "agent")),
      h("td", {}, argumentRefs(e.targets || [], "target")),
      h("td", {}, e.location ? entityLink(e.location) : ""),
      h("td", {}, String(e.source_count ?? (e.sources || []).length)),
      h("td", {}, e.confidence == null ? "" : e.confidence.toFixed(2))))));
}
