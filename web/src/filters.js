// Event filters shared by the entity page's graph, list and timeline (and the questions view).
import { h } from "./dom.js";

export const EMPTY = { type: "", from: "", to: "", country: "", foreign: false, minSources: 1, minConfidence: 0 };

// May the partial date `d` (YYYY, YYYY-MM, YYYY-MM-DD) be on or after / on or before the bound?
export const mayBeFrom = (d, from) => d >= from.slice(0, d.length);
export const mayBeTo = (d, to) => d.slice(0, to.length) <= to;

// A target's home country differs from an acting authority's (the API's meaning of "foreign").
export function isForeign(ev) {
  const acting = new Set((ev.agents || []).map((a) => a.country).filter(Boolean));
  return (ev.targets || []).some((t) => t.country && acting.size && [...acting].some((c) => c !== t.country));
}

export function matches(ev, f) {
  if (f.type && ev.type !== f.type) return false;
  if ((f.from || f.to) && !ev.date) return false;
  if (f.from && !mayBeFrom(ev.date, f.from)) return false;
  if (f.to && !mayBeTo(ev.date, f.to)) return false;
  if (f.country) {
    const where = [...(ev.agents || []), ev.location].filter(Boolean).map((x) => x.country);
    if (!where.includes(f.country.toUpperCase())) return false;
  }
  if (f.foreign && !isForeign(ev)) return false;
  if ((ev.source_count ?? (ev.sources || []).length) < f.minSources) return false;
  if ((ev.confidence ?? 1) < f.minConfidence) return false;
  return true;
}

// The filter form; calls onChange(filters) whenever a field changes.
export function filterForm(eventTypes, onChange, initial = EMPTY) {
  const f = { ...initial };
  const field = (label, input) => h("label", { class: "field" }, label, input);
  const type = h("select", { name: "type" }, h("option", { value: "" }, "any"),
    eventTypes.map((t) => h("option", { value: t, selected: t === f.type }, t)));
  const from = h("input", { name: "from", type: "text", placeholder: "YYYY-MM-DD", size: 10,
    pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", value: f.from });
  const to = h("input", { name: "to", type: "text", placeholder: "YYYY-MM-DD", size: 10,
    pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", value: f.to });
  const country = h("input", { name: "country", type: "text", size: 3, maxlength: 2, placeholder: "CN",
    pattern: "[A-Za-z]{2}", value: f.country });
  const foreign = h("input", { name: "foreign", type: "checkbox", checked: f.foreign });
  const minSources = h("input", { name: "min-sources", type: "number", min: 1, max: 100, value: f.minSources });
  const minConfidence = h("input", { name: "min-confidence", type: "number", min: 0, max: 1, step: 0.05,
    value: f.minConfidence });
  const read = () => {
    const okDate = (el) => !el.value || el.checkValidity();
    Object.assign(f, {
      type: type.value,
      from: okDate(from) ? from.value.trim() : "",
      to: okDate(to) ? to.value.trim() : "",
      country: country.checkValidity() ? country.value.trim().toUpperCase() : "",
      foreign: foreign.checked,
      minSources: Math.max(1, Number(minSources.value) || 1),
      minConfidence: Math.min(1, Math.max(0, Number(minConfidence.value) || 0)),
    });
    onChange({ ...f });
  };
  const form = h("form", { class: "filters", "aria-label": "Filters", onsubmit: (e) => e.preventDefault() },
    h("fieldset", {}, h("legend", {}, "Filters (graph, list and timeline)"),
      field("Event type", type), field("From", from), field("To", to), field("Country", country),
      h("label", { class: "field check" }, foreign, "Foreign targets only"),
      field("Min. sources", minSources), field("Min. confidence", minConfidence),
      h("button", { type: "reset", onclick: () => setTimeout(read, 0) }, "Clear")));
  form.addEventListener("input", read);
  form.addEventListener("change", read);
  return form;
}
