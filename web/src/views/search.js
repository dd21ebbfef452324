// Search: names, aliases and small typos (GET /entities), with suggestions while typing.
import { get, vocab } from "../api.js";
import { debounce, h } from "../dom.js";
import { fail, nothing } from "../status.js";

let counter = 0;

// An accessible combobox over /entities: typing lists suggestions; arrows move, Enter picks.
export function entityCombobox({ label, name, value = "", onPick, type }) {
  const id = `combo-${++counter}`;
  const list = h("ul", { id: `${id}-list`, role: "listbox", class: "suggestions", hidden: true,
    "aria-label": `${label} suggestions` });
  const input = h("input", {
    id, name, type: "text", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
    "aria-controls": list.id, autocomplete: "off", value, spellcheck: "false",
  });
  let items = [];
  let active = -1;
  const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; };
  const mark = () => {
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) input.setAttribute("aria-activedescendant", list.children[active].id);
    else input.removeAttribute("aria-activedescendant");
  };
  const pick = (item) => { input.value = item.name; input.dataset.id = item.id; close(); onPick?.(item); };
  const suggest = debounce(async () => {
    const q = input.value.trim();
    delete input.dataset.id;
    if (q.length < 2) { close(); return; }
    try {
      items = (await get("/entities", { q, limit: 8, type })).items;
    } catch { close(); return; }
    list.replaceChildren(...items.map((it, i) => h("li", {
      id: `${id}-opt-${i}`, role: "option", "aria-selected": "false",
      onmousedown: (e) => { e.preventDefault(); pick(it); },
    }, `${it.name}`, h("span", { class: "muted" }, ` ${it.type}${it.country ? ` · ${it.country}` : ""}`))));
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
    active = -1;
  }, 180);
  input.addEventListener("input", suggest);
  input.addEventListener("blur", () => setTimeout(close, 150));
  input.addEventListener("keydown", (e) => {
    if (list.hidden) return;
    if (e.key === "ArrowDown") { active = Math.min(active + 1, items.length - 1); mark(); e.preventDefault(); }
    else if (e.key === "ArrowUp") { active = Math.max(active - 1, 0); mark(); e.preventDefault(); }
    else if (e.key === "Enter" && active >= 0) { pick(items[active]); e.preventDefault(); }
    else if (e.key === "Escape") close();
  });
  const wrap = h("div", { class: "combo" }, h("label", { for: id }, label), input, list);
  wrap.input = input;
  return wrap;
}

function hitRow(it) {
  return h("li", { class: "hit" },
    h("a", { href: `#/entity/${encodeURIComponent(it.id)}` }, it.name),
    h("span", { class: "muted" }, ` ${it.type}${it.country ? ` · ${it.country}` : ""}`),
    it.aliases?.length ? h("span", { class: "muted" }, ` · also ${it.aliases.slice(0, 4).join(", ")}`) : "",
    it.source_count ? h("span", { class: "muted" }, ` · ${it.source_count} source(s)`) : "");
}

export async function searchView(params) {
  const results = h("section", { "aria-labelledby": "results-h" });
  const q = params.q || "";
  const typeSelect = h("select", { id: "search-type", name: "type" }, h("option", { value: "" }, "any"));
  const combo = entityCombobox({ label: "Name or alias", name: "q", value: q,
    onPick: (it) => { location.hash = `#/entity/${encodeURIComponent(it.id)}`; } });
  const form = h("form", { class: "search", role: "search", onsubmit: (e) => {
    e.preventDefault();
    const v = combo.input.value.trim();
    const t = typeSelect.value;
    location.hash = `#/search?q=${encodeURIComponent(v)}${t ? `&type=${encodeURIComponent(t)}` : ""}`;
  } }, combo, h("label", { for: "search-type" }, "Type"), typeSelect, h("button", { type: "submit" }, "Search"));
  vocab().then((v) => {
    for (const t of v.entityTypes) typeSelect.append(h("option", { value: t, selected: t === params.type }, t));
  }).catch(() => {});
  const page = h("div", { class: "view" },
    h("h1", {}, "Search people, firms, agencies and laws"),
    h("p", { class: "muted" }, "Names and aliases; case, accents and small typos are tolerated."),
    form, results);
  if (q) {
    results.append(h("h2", { id: "results-h" }, `Results for “${q}”`));
    try {
      const body = await get("/entities", { q, type: params.type, limit: 30 });
      results.append(body.items.length
        ? h("ul", { class: "hits", "data-testid": "results" }, body.items.map(hitRow))
        : nothing(`Nothing found for “${q}”.`));
    } catch (err) {
      results.append(fail(err));
    }
  } else {
    results.append(h("h2", { id: "results-h", class: "visually-hidden" }, "Results"));
  }
  return page;
}
