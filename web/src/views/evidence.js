// The evidence view: an event, every source that reports it with the date each gave (or, marked
// "inferred", the date its story suggests where its text gives none) and its confidence, each agent
// and target with the argument model's probability (a badge; "rules" where no document that states
// it was judged), and the article with the evidence sentence highlighted at its offsets.
import { get } from "../api.js";
import { argumentRefs } from "../certainty.js";
import { h } from "../dom.js";
import { fail } from "../status.js";

function article(doc, source) {
  const text = doc.text || "";
  const ok = source.start != null && source.end != null && source.end <= text.length && source.start < source.end;
  const body = ok
    ? [text.slice(0, source.start), h("mark", { id: "evidence-mark", tabindex: "-1", "data-start": source.start,
      "data-end": source.end }, text.slice(source.start, source.end)), text.slice(source.end)]
    : [text || "(the text of this document is not stored)"];
  return h("article", { class: "article", "aria-labelledby": "article-h", "data-document": doc.id },
    h("h3", { id: "article-h" }, doc.title || doc.id),
    h("p", { class: "muted" }, [doc.source, doc.published, doc.url ? h("span", {}, doc.url) : null]
      .filter(Boolean).flatMap((x, i) => (i ? [" · ", x] : [x]))),
    h("div", { class: "article-text" }, ...body.map((b) => (typeof b === "string"
      ? b.split(/\n{2,}/).flatMap((p, i) => (i ? [h("br"), h("br"), p] : [p])) : b))));
}

export async function evidenceView(id, params) {
  let ev;
  try {
    ev = await get(`/events/${encodeURIComponent(id)}`);
  } catch (err) {
    return h("div", { class: "view" }, h("h1", {}, "Evidence"), fail(err));
  }
  const dates = new Map((ev.reported_dates || []).map((r) => [r.document, r.value]));
  const inferred = new Map((ev.inferred_dates || []).map((r) => [r.document, r.value]));
  const dateOf = (docId) => (dates.has(docId) ? dates.get(docId)
    : inferred.has(docId) ? h("span", { class: "muted", title: "Not stated where the event is told: the date of "
      + "another event of the same story" }, `${inferred.get(docId)} (inferred)`) : "—");
  const guess = [...new Set(inferred.values())].sort();
  const chosen = ev.sources.find((s) => s.document === params.doc) || ev.sources[0];
  const articleBox = h("div", { "aria-live": "polite" });
  const show = async (source) => {
    try {
      const doc = await get(`/documents/${encodeURIComponent(source.document)}`);
      articleBox.replaceChildren(article(doc, source));
      articleBox.querySelector("mark")?.scrollIntoView({ block: "center" });
    } catch (err) { articleBox.replaceChildren(fail(err)); }
  };
  const judged = new Map((ev.arguments || []).map((a) => [`${a.role}|${a.entity.id}`, a]));
  const args = (label, refs, role) => (refs.length
    ? [h("dt", {}, label), h("dd", {}, argumentRefs(refs, role, { country: true, judged }))] : []);
  const page = h("div", { class: "view evidence" },
    h("p", {}, h("a", { href: "#", onclick: (e) => { e.preventDefault(); history.back(); } }, "← Back")),
    h("h1", {}, `${ev.type} ${ev.date || "(undated)"}`),
    h("dl", { class: "facts" },
      h("dt", {}, "Date"), h("dd", { "data-testid": "event-date" }, ev.date ? `${ev.date} (${ev.date_precision})`
        : guess.length ? `not given; the story suggests ${guess.join(" or ")} (inferred, unconfirmed)` : "not given"),
      ev.effective_date ? [h("dt", {}, "In force"), h("dd", {}, ev.effective_date)] : [],
      ...args("By", ev.agents, "agent"), ...args("Against", ev.targets, "target"),
      ...args("Where", ev.location ? [ev.location] : [], "location"), ...args("Under", ev.laws, "law"),
      ev.status ? [h("dt", {}, "Status"), h("dd", {}, ev.status)] : [],
      h("dt", {}, "Confidence"), h("dd", {}, ev.confidence == null ? "n/a" : ev.confidence.toFixed(2)),
      h("dt", {}, "Sources"), h("dd", {}, String(ev.source_count ?? ev.sources.length))),
    ev.alternatives?.length ? h("p", { class: "msg msg-warn" }, "Sources disagree: ",
      ev.alternatives.map((a) => `${a.field} ${a.value} (${a.documents.join(", ")})`).join("; ")) : "",
    h("h2", {}, "Every source"),
    h("table", { class: "sources", "data-testid": "sources" },
      h("thead", {}, h("tr", {}, ["Outlet", "Published", "Date it gave", "Confidence", "Sentence", ""]
        .map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ev.sources.map((s) => h("tr", { "data-document": s.document },
        h("td", {}, s.source || ""), h("td", {}, s.published || ""),
        h("td", {}, dateOf(s.document)),
        h("td", {}, s.confidence == null ? "" : s.confidence.toFixed(2)),
        h("td", { class: "sentence" }, s.evidence || ""),
        h("td", {}, h("button", { type: "button", class: "small", onclick: () => show(s),
          "aria-label": `Show in article: ${s.source || s.document}` }, "Show in article")))))),
    h("h2", {}, "Article"), articleBox);
  if (chosen) await show(chosen);
  else articleBox.append(h("p", { class: "muted" }, "No source is recorded for this event."));
  return page;
}
