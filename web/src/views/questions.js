// The signature question as a form: which (foreign) firms suffered an event of a kind after a
// law's revision, as a list and on the timeline with the revision. Each firm (as the event's target)
// and each acting authority carry the argument model's badge; the certainty control asks the API to
// count only the arguments it is sure of (a firm the model doubts is a target is then no answer).
import { get, vocab } from "../api.js";
import { argumentRefs, certaintyControl, certaintyFrom, certaintyParams, probBadge, viewQuery } from "../certainty.js";
import { entityLink, eventLink, h } from "../dom.js";
import { fail, nothing } from "../status.js";
import { timeline } from "../timeline.js";

export async function questionsView(params) {
  let types = [];
  let laws = [];
  const results = h("section", { "aria-labelledby": "answer-h" });
  try {
    types = (await vocab()).eventTypes;
    laws = (await get("/entities", { type: "Law", limit: 100 })).items;
  } catch (err) {
    return h("div", { class: "view" }, h("h1", {}, "Questions"), fail(err));
  }
  const law = h("input", { id: "q-law", name: "law", list: "q-laws", value: params.law ?? "Counter-Espionage Law",
    required: true, size: 30 });
  const lawList = h("datalist", { id: "q-laws" }, laws.map((l) => h("option", { value: l.name })));
  const type = h("select", { id: "q-type", name: "event_type" },
    types.filter((t) => t !== "LawRevision").map((t) => h("option", { value: t, selected: t === (params.event_type || "Raid") }, t)));
  const basis = params.basis || "adopted";
  const radio = (value, label) => h("label", { class: "check" }, h("input", { type: "radio", name: "basis", value,
    checked: basis === value }), label);
  const foreign = h("input", { id: "q-foreign", type: "checkbox", name: "foreign", checked: params.foreign !== "false" });
  const certainty = certaintyFrom(params);
  let chosen = certainty;
  // the question as the form states it now, with a certainty: a change of either asks again
  const ask = (c) => {
    const b = form.querySelector("input[name=basis]:checked").value;
    location.hash = `#/questions${viewQuery({ law: law.value.trim(), event_type: type.value, basis: b,
      foreign: String(foreign.checked) }, c)}`;
  };
  const form = h("form", { class: "question", onsubmit: (e) => {
    e.preventDefault();
    ask(chosen);
  } },
  h("p", { class: "sentence-form" }, "Which ", h("label", { class: "check" }, foreign, "foreign"), " firms suffered a ",
    h("label", { for: "q-type", class: "visually-hidden" }, "Event type"), type, " after the ",
    h("label", { for: "q-law", class: "visually-hidden" }, "Law"), law, lawList, " was revised?"),
  h("fieldset", {}, h("legend", {}, "Measured from the revision's"), radio("adopted", "adoption"),
    radio("effective", "entry into force")),
  h("button", { type: "submit" }, "Ask"));
  const control = certaintyControl(certainty, (c) => { chosen = c; if (law.value.trim()) ask(c); });
  const page = h("div", { class: "view" }, h("h1", {}, "The signature question"), form, control, results);
  if (params.law) {
    results.append(h("h2", { id: "answer-h" }, "Answer"));
    try {
      const body = await get("/questions/targeted-after-law", { law: params.law, event_type: params.event_type || "Raid",
        basis: params.basis || "adopted", foreign: params.foreign !== "false", ...certaintyParams(certainty), limit: 200 });
      for (const r of body.revisions) {
        results.append(h("p", { class: "muted" }, `${r.law.name}: latest revision adopted ${r.adopted || "?"}, in force `,
          `${r.effective || "?"}; measured from ${r.basis_date || "?"}.`));
      }
      if (!body.items.length) {
        results.append(nothing(body.revisions.length ? "No firm matches." : `No revision of “${params.law}” is known.`));
        return page;
      }
      results.append(h("ul", { class: "answers", "data-testid": "answers" }, body.items.map((it) => h("li", {
        "data-firm": it.firm.name }, entityLink(it.firm), h("span", { class: "muted" }, ` ${it.firm.country || ""}`),
      h("ul", {}, it.events.map((ev) => h("li", { "data-event": ev.id }, eventLink(ev),
        h("span", { class: "arg", "data-role": "target", "data-entity": ev.target.id }, " as target ",
          probBadge("target", ev.target)),
        ev.agents.length ? [" by ", argumentRefs(ev.agents, "agent")] : "",
        ev.sources[0]?.evidence ? [": ", h("q", {}, ev.sources[0].evidence)] : "")))))));
      const events = body.items.flatMap((it) => it.events.map((ev) => ({ ...ev, targets: [it.firm] })));
      const revisions = body.revisions.filter((r) => r.revision).map((r) => ({ id: r.revision, type: "LawRevision",
        date: r.adopted, effective_date: r.effective, laws: [r.law] }));
      results.append(timeline(events, revisions, { title: "The answer on the timeline",
        labelOf: (ev) => ev.targets[0]?.name || ev.type }));
    } catch (err) { results.append(fail(err)); }
  }
  return page;
}
