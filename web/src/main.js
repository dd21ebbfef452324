// The single-page app: a hash router over the views, and the key form in the header.
import "./style.css";
import { keys } from "./api.js";
import { clear, show } from "./status.js";
import { searchView } from "./views/search.js";
import { entityView } from "./views/entity.js";
import { evidenceView } from "./views/evidence.js";
import { eventsView } from "./views/events.js";
import { pathsView } from "./views/paths.js";
import { questionsView } from "./views/questions.js";
import { screeningView } from "./views/screening.js";

const routes = [
  [/^#?\/?$/, () => searchView({})],
  [/^#\/search$/, (m, q) => searchView(q)],
  [/^#\/entity\/([^/?]+)$/, (m, q) => entityView(decodeURIComponent(m[1]), q)],
  [/^#\/events$/, (m, q) => eventsView(q)],
  [/^#\/event\/([^/?]+)$/, (m, q) => evidenceView(decodeURIComponent(m[1]), q)],
  [/^#\/paths$/, (m, q) => pathsView(q)],
  [/^#\/questions$/, (m, q) => questionsView(q)],
  [/^#\/screening$/, () => screeningView()],
];

let latest = 0;

// `main` says which URL its content answers (data-rendered, set when the content is shown) and is
// aria-busy while a newer one loads: a test (or a script) acts on the page only once they agree.
async function render() {
  const mine = ++latest; // a slower, older render must not replace a newer one
  const hash = location.hash;
  const [path, qs] = (hash || "#/").split("?");
  const params = Object.fromEntries(new URLSearchParams(qs || ""));
  const main = document.getElementById("main");
  clear();
  for (const [re, view] of routes) {
    const m = path.match(re);
    if (m) {
      main.setAttribute("aria-busy", "true");
      let content;
      try {
        content = await view(m, params);
      } finally {
        if (mine === latest) main.removeAttribute("aria-busy");
      }
      if (mine !== latest) return;
      main.replaceChildren(content);
      main.dataset.rendered = hash;
      for (const a of document.querySelectorAll("nav a")) {
        const here = a.getAttribute("href") === (path === "#" || path === "" ? "#/" : path);
        if (here) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
      }
      return;
    }
  }
  main.replaceChildren(document.createTextNode("No such page."));
  main.dataset.rendered = hash;
}

function setUpKeys() {
  const form = document.getElementById("keys");
  const read = document.getElementById("read-key");
  const write = document.getElementById("write-key");
  read.value = keys.read();
  write.value = keys.write();
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    keys.set(read.value.trim(), write.value.trim());
    render().then(() => show(keys.read() || keys.write() ? "Keys saved for this browser tab." : "Keys cleared."));
  });
}

setUpKeys();
window.addEventListener("hashchange", () => { render(); });
render();
