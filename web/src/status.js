// One place for the messages a user must see: no key, wrong key, API down, nothing found.
import { h } from "./dom.js";

const box = () => document.getElementById("status");

export function show(message, kind = "info") {
  const el = box();
  el.replaceChildren(message ? h("p", { class: `msg msg-${kind}` }, message) : "");
}

export function clear() { show(""); }

export function fail(err) {
  const kind = err && err.kind;
  const text = err && err.message ? err.message : String(err);
  show(text, kind === "notfound" ? "info" : "error");
  return h("p", { class: `msg msg-${kind === "notfound" ? "info" : "error"}`, "data-error": kind || "other" }, text);
}

export function nothing(what) {
  return h("p", { class: "msg msg-info", "data-empty": "" }, what);
}
