// Argument certainty: every view that lists agents and targets shows the argument model's calibrated
// probability of each as the same badge, and the views that list events offer one control that asks
// the API for "only the arguments the model is sure of" (`min_argument_probability`,
// `unscored_arguments`). The choice lives in the page's URL under the API's own parameter names, so a
// link reproduces the view and the list is exactly what the API answers for those parameters.
import { entityLink, h } from "./dom.js";

export const BOUNDS = ["0.5", "0.7", "0.9"];
export const EXPLAIN = "p is the argument model's calibrated probability that the entity fills that role; "
  + "calibrated on our tune split: of arguments shown at 0.9 or more, about 9 in 10 are right (lower bounds "
  + "are less exact; docs/LEARNED.md, “Argument probabilities”). “rules”: stated by the rules alone, never "
  + "judged by the model.";

// The certainty a URL asks for: { min, drop, error } (error: one line naming a value that was ignored).
export function certaintyFrom(params) {
  const raw = params.min_argument_probability;
  const n = Number(raw);
  const valid = raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 && n <= 1;
  const error = raw !== undefined && raw !== "" && !valid
    ? `Ignored min_argument_probability=“${raw}” in the link: not a number from 0 to 1.` : "";
  return { min: valid ? String(n) : "", drop: params.unscored_arguments === "drop", error };
}

// The API's parameters for a certainty (nothing when it asks for every argument).
export function certaintyParams(c) {
  return { min_argument_probability: c.min || undefined, unscored_arguments: c.drop ? "drop" : undefined };
}

// The query string of a view's URL: its own fields, then the certainty's (empty ones left out).
export function viewQuery(fields, c) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...fields, ...certaintyParams(c) })) {
    if (v !== undefined && v !== null && v !== "" && v !== false) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

// The control: a bound (any / ≥ 0.5 / ≥ 0.7 / ≥ 0.9, or the link's own) and "hide rule-only
// arguments"; calls onChange(certainty) on every change.
export function certaintyControl(c, onChange) {
  const bounds = BOUNDS.includes(c.min) || !c.min ? BOUNDS : [...BOUNDS, c.min].sort();
  const select = h("select", { name: "min_argument_probability", "aria-describedby": "certainty-help" },
    h("option", { value: "" }, "any"),
    bounds.map((b) => h("option", { value: b, selected: b === c.min }, `≥ ${b}`)));
  const drop = h("input", { type: "checkbox", name: "unscored_arguments", checked: c.drop,
    "aria-describedby": "certainty-help" });
  const changed = () => onChange({ min: select.value, drop: drop.checked, error: "" });
  select.addEventListener("change", changed);
  drop.addEventListener("change", changed);
  return h("fieldset", { class: "certainty", "data-testid": "certainty" },
    h("legend", {}, "Agents and targets the model is sure of"),
    h("label", { class: "field" }, "Argument certainty", select),
    h("label", { class: "check" }, drop, "Hide rule-only arguments"),
    h("p", { id: "certainty-help", class: "muted help" }, EXPLAIN),
    c.error ? h("p", { class: "msg msg-warn", "data-error": "invalid" }, c.error) : "");
}

// The badge of one agent or target: "p 0.93", or "rules" where no document that states it was judged;
// nothing for a location or law (never judged). `perDocument`: {document: probability} for its title.
export function probBadge(role, ref, perDocument = {}) {
  if (!ref || !("probability" in ref)) return "";
  if (ref.probability == null) {
    return h("span", { class: "prob prob-rules", "data-probability": "",
      title: "Not judged by the argument model: stated by the rules alone" }, "rules");
  }
  const each = Object.entries(perDocument).map(([d, p]) => `${d} ${p.toFixed(2)}`).join(", ");
  return h("span", { class: "prob", "data-probability": ref.probability,
    title: `The argument model's probability that this is the ${role}${each ? ` (by document: ${each})` : ""}` },
  `p ${ref.probability.toFixed(2)}`);
}

// Agents or targets as links with their badges, comma separated; `country` adds "(CN)" after a name,
// `judged` maps "role|entity id" to the event's Argument (for the per-document probabilities).
export function argumentRefs(refs, role, { country = false, judged = null } = {}) {
  return refs.map((r, i) => [i ? ", " : "", h("span", { class: "arg", "data-role": role, "data-entity": r.id },
    entityLink(r), country && r.country ? ` (${r.country})` : "",
    probBadge(role, r, judged?.get(`${role}|${r.id}`)?.probabilities))]);
}
