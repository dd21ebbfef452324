// Events: GET /events as a list - by type, dates and country, and by how sure the argument model is of
// each agent and target - with every field in the URL (the API's parameter names), so a link
// reproduces the list; the API filters, the page only shows what it answered, page by page.
import { get, vocab } from "../api.js";
import { certaintyControl, certaintyFrom, certaintyParams, viewQuery } from "../certainty.js";
import { h } from "../dom.js";
import { eventTable } from "../eventlist.js";
import { fail } from "../status.js";

const PAGE = 50;
const DATE = "\\d{4}(-\\d{2}(-\\d{2})?)?";

export async function eventsView(params) {
  let types = [];
  try {
    types = (await vocab()).eventTypes;
  } catch (err) {
    return h("div", { class: "view" }, h("h1", {}, "Events"), fail(err));
  }
  const certainty = certaintyFrom(params);
  const field = (label, input) => h("label", { class: "field" }, label, input);
  const type = h("select", { name: "type" }, h("option", { value: "" }, "any"),
    types.map((t) => h("option", { value: t, selected: t === params.type }, t)));
  const from = h("input", { name: "from", size: 10, placeholder: "YYYY-MM-DD", pattern: DATE, value: params.from || "" });
  const to = h("input", { name: "to", size: 10, placeholder: "YYYY-MM-DD", pattern: DATE, value: params.to || "" });
  const country = h("input", { name: "country", size: 3, maxlength: 2, placeholder: "CN", pattern: "[A-Za-z]{2}",
    value: params.country || "" });
  let chosen = certainty;
  const go = () => {
    location.hash = `#/events${viewQuery({ type: type.value, from: from.value.trim(), to: to.value.trim(),
      country: country.value.trim().toUpperCase() }, chosen)}`;
  };
  const form = h("form", { class: "filters", "aria-label": "Event filters", onsubmit: (e) => {
    e.preventDefault();
    if (form.reportValidity()) go();
  } },
  h("fieldset", {}, h("legend", {}, "Events"), field("Event type", type), field("From", from), field("To", to),
    field("Country", country), h("button", { type: "submit" }, "List")),
  certaintyControl(certainty, (c) => { chosen = c; if (form.checkValidity()) go(); }));
  const results = h("section", { "aria-labelledby": "events-h" }, h("h2", { id: "events-h" }, "Events, newest first"));
  const page = h("div", { class: "view" }, h("h1", {}, "Enforcement events"), form, results);
  const query = { type: params.type, from: params.from, to: params.to, country: params.country,
    ...certaintyParams(certainty), limit: PAGE };
  const shown = [];
  const more = async (cursor) => {
    const body = await get("/events", { ...query, cursor });
    shown.push(...body.items);
    const table = eventTable(shown, "No events match.");
    const next = body.next ? h("button", { type: "button", onclick: async (e) => {
      e.target.disabled = true;
      try { await more(body.next); } catch (err) { results.append(fail(err)); }
    } }, "More events") : "";
    results.replaceChildren(results.firstChild, table, next);
  };
  try {
    await more(undefined);
  } catch (err) {
    results.append(fail(err));
  }
  return page;
}
