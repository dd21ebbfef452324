// The API client: every request goes to this page's own origin with the key the user entered.
// Errors become ApiError with a kind the views turn into one clear message.

const READ = "enforcegraph.readKey";
const WRITE = "enforcegraph.writeKey";

export class ApiError extends Error {
  constructor(kind, message, status) {
    super(message);
    this.kind = kind; // "nokey" | "badkey" | "forbidden" | "down" | "notfound" | "invalid" | "http"
    this.status = status;
  }
}

export const keys = {
  read: () => sessionStorage.getItem(READ) || "",
  write: () => sessionStorage.getItem(WRITE) || "",
  set(read, write) {
    for (const [name, value] of [[READ, read], [WRITE, write]]) {
      if (value) sessionStorage.setItem(name, value);
      else sessionStorage.removeItem(name);
    }
  },
};

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (Array.isArray(v)) v.forEach((x) => q.append(k, String(x)));
    else if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

async function request(method, path, { params, body, key, timeoutMs = 20000 } = {}) {
  if (!key) {
    throw new ApiError("nokey", method === "POST"
      ? "No write key: enter a write key at the top of the page (screening needs one)."
      : "No API key: enter your read key at the top of the page.");
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let resp;
  try {
    resp = await fetch(path + query(params), {
      method,
      headers: { "X-API-Key": key, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: controller.signal,
    });
  } catch {
    throw new ApiError("down", "The API does not answer: it may be down or unreachable. Try again shortly.");
  } finally {
    clearTimeout(timer);
  }
  if (resp.ok) return resp;
  let detail = "";
  try { detail = (await resp.json()).detail || ""; } catch { /* not JSON */ }
  if (resp.status === 401) throw new ApiError("badkey", "Wrong API key: the API does not know this key.", 401);
  if (resp.status === 403) {
    throw new ApiError("forbidden", "This needs a write key: enter one at the top of the page.", 403);
  }
  if (resp.status === 404) throw new ApiError("notfound", detail || "Nothing found.", 404);
  if (resp.status === 422) throw new ApiError("invalid", detail || "Invalid input.", 422);
  if (resp.status === 503 || resp.status === 502 || resp.status === 504) {
    throw new ApiError("down", "The graph database is unreachable: the API is up but cannot answer. Retry later.",
      resp.status);
  }
  throw new ApiError("http", `The API answered ${resp.status}${detail ? `: ${detail}` : ""}.`, resp.status);
}

export async function get(path, params) {
  return (await request("GET", path, { params, key: keys.read() || keys.write() })).json();
}

export async function getText(path, params) {
  return (await request("GET", path, { params, key: keys.read() || keys.write() })).text();
}

// Screening is a POST (write key) today; when it becomes a read, change this one line.
export async function screen(body) {
  return (await request("POST", "/screen", { body, key: keys.write(), timeoutMs: 60000 })).json();
}

let vocabulary = null;
// Event types, entity types: read from the API's own OpenAPI description (derived from the ontology).
export async function vocab() {
  if (!vocabulary) {
    let spec;
    try {
      const resp = await fetch("/openapi.json");
      spec = await resp.json();
    } catch {
      throw new ApiError("down", "The API does not answer: it may be down or unreachable. Try again shortly.");
    }
    const schemas = spec.components?.schemas || {};
    vocabulary = { eventTypes: schemas.EventType?.enum || [], entityTypes: schemas.EntityType?.enum || [] };
  }
  return vocabulary;
}
