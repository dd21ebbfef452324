// An SVG timeline: events (a dot for a day, a bar for a month or year) and law revisions
// (adoption dashed, entry into force solid) on one axis. Every mark is a link to its evidence.
import { h, s } from "./dom.js";
import { span, ticks } from "./dates.js";

const W = 1100;
const LEFT = 110;
const RIGHT = 20;
const LANE = 22;

const label = (ev) => `${ev.type} ${ev.date}${ev.targets?.length ? ` against ${ev.targets.map((t) => t.name)
  .join(", ")}` : ""}${ev.agents?.length ? ` by ${ev.agents.map((a) => a.name).join(", ")}` : ""}`;

// events: Event[]; revisions: Event[] (LawRevision, date = adopted, effective_date = in force)
// labelOf(event): a short visible label beside each mark (none by default).
export function timeline(events, revisions, { title = "Timeline", labelOf = null } = {}) {
  const dated = events.filter((e) => e.date && e.type !== "LawRevision");
  const undated = events.filter((e) => !e.date);
  const marks = [];
  for (const r of revisions) {
    if (r.date) marks.push({ rev: r, kind: "adopted", date: r.date });
    if (r.effective_date) marks.push({ rev: r, kind: "in force", date: r.effective_date });
  }
  const wrap = h("figure", { class: "timeline", "data-testid": "timeline" });
  wrap.append(h("figcaption", {}, title));
  if (!dated.length && !marks.length) {
    wrap.append(h("p", { class: "muted" }, "No dated events match."));
    return wrap;
  }
  const spans = [...dated.map((e) => span(e.date)), ...marks.map((m) => span(m.date))];
  let lo = Math.min(...spans.map((x) => x[0]));
  let hi = Math.max(...spans.map((x) => x[1]));
  const pad = Math.max((hi - lo) * 0.04, 20 * 864e5);
  lo -= pad; hi += pad;
  const x = (t) => LEFT + ((t - lo) / (hi - lo)) * (W - LEFT - RIGHT);

  // stack overlapping events into lanes
  const sorted = [...dated].sort((a, b) => span(a.date)[0] - span(b.date)[0]);
  const laneEnd = [];
  const placed = sorted.map((ev) => {
    const [a, b] = span(ev.date);
    const x0 = x(a); const x1 = Math.max(x(b), x0 + 10);
    let lane = laneEnd.findIndex((end) => end < x0 - 4);
    if (lane < 0) { lane = laneEnd.length; laneEnd.push(0); }
    laneEnd[lane] = labelOf ? x1 + 8 + 7 * labelOf(ev).length : x1;
    return { ev, x0, x1, lane };
  });
  const lanes = Math.max(1, laneEnd.length);
  const revTop = 30 + lanes * LANE + 18;
  const revLanes = Math.max(1, revisions.length);
  const H = revTop + revLanes * 34 + 40;

  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "group",
    "aria-label": `${title}: ${dated.length} dated event(s), ${revisions.length} law revision(s)` });
  svg.append(s("text", { x: 8, y: 24, class: "lane-label" }, "Events"));
  svg.append(s("text", { x: 8, y: revTop + 14, class: "lane-label" }, "Law revisions"));
  for (const [t, text] of ticks(lo, hi).filter(([t]) => x(t) < W - RIGHT - 40)) {
    svg.append(s("line", { x1: x(t), x2: x(t), y1: 10, y2: H - 24, class: "tick" }));
    svg.append(s("text", { x: x(t) + 3, y: H - 8, class: "tick-label" }, text));
  }
  for (const { ev, x0, x1, lane } of placed) {
    const y = 30 + lane * LANE;
    const a = s("a", { href: `#/event/${encodeURIComponent(ev.id)}`, class: `mark ev-${ev.type}`,
      "aria-label": label(ev), "data-event": ev.id, "data-type": ev.type, "data-date": ev.date });
    a.append(s("title", {}, label(ev)));
    if (ev.date.length === 10) a.append(s("circle", { cx: (x0 + x1) / 2, cy: y, r: 6 }));
    else a.append(s("rect", { x: x0, y: y - 5, width: x1 - x0, height: 10, rx: 4 }));
    if (labelOf) a.append(s("text", { x: x1 + 4, y: y + 4, class: "mark-label" }, labelOf(ev)));
    svg.append(a);
  }
  revisions.forEach((r, i) => {
    const law = r.laws?.[0]?.name || "law";
    const y = revTop + i * 34;
    for (const m of marks.filter((mm) => mm.rev === r)) {
      const [a] = span(m.date);
      const a1 = s("a", { href: `#/event/${encodeURIComponent(r.id)}`, class: `rev rev-${m.kind === "adopted"
        ? "adopted" : "effective"}`, "aria-label": `${law} ${m.kind} ${m.date} (revision)`, "data-revision": r.id,
        "data-kind": m.kind, "data-date": m.date });
      a1.append(s("title", {}, `${law}: revision ${m.kind} ${m.date}`));
      a1.append(s("line", { x1: x(a), x2: x(a), y1: 14, y2: y + 20 }));
      const right = x(a) > W * 0.6;
      a1.append(s("text", { x: x(a) + (right ? -4 : 4), y: y + (m.kind === "adopted" ? 12 : 26),
        "text-anchor": right ? "end" : "start" }, `${law} ${m.kind} ${m.date}`));
      svg.append(a1);
    }
  });
  wrap.append(svg);
  const legend = h("p", { class: "legend muted" }, "Dot: a day; bar: a month or a year as precise as the sources. ",
    "Dashed line: a revision adopted; solid: in force.",
    undated.length ? ` ${undated.length} undated event(s) are in the list only.` : "");
  wrap.append(legend);
  return wrap;
}
