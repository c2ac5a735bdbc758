// All HTTP to the helper goes through here (DESIGN.md: only the service worker talks to
// 127.0.0.1). A stopped helper must cost nothing: while the connection backs off, calls
// return {offline: true} at once instead of waiting for a refused connection.
import "../lib/connection.js";

const { createConnection } = globalThis.WBG.connection;

export const DEFAULT_PORT = 47615;
const TIMEOUT_MS = 4000;

export class HelperClient {
  constructor(storage) {
    this.storage = storage; // chrome.storage.local
    this.connection = createConnection({ hasToken: false });
    this.loaded = null;
    this.port = DEFAULT_PORT;
    this.token = "";
    this.onState = () => {}; // told whenever the connection state changes
    this.lastState = null;
  }

  notify() {
    const state = this.connection.state;
    if (state !== this.lastState) {
      this.lastState = state;
      this.onState(state);
    }
  }

  async load() {
    if (!this.loaded) {
      this.loaded = this.storage.get(["port", "token"]).then((saved) => {
        this.port = Number.isInteger(saved.port) ? saved.port : DEFAULT_PORT;
        this.token = typeof saved.token === "string" ? saved.token : "";
        this.connection.reset(Boolean(this.token));
      });
    }
    return this.loaded;
  }

  baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async setPort(port) {
    await this.load();
    this.port = port;
    await this.storage.set({ port });
    this.connection.reset(Boolean(this.token));
    this.notify();
  }

  async setToken(token) {
    await this.load();
    this.token = token;
    if (token) await this.storage.set({ token });
    else await this.storage.remove("token");
    this.connection.reset(Boolean(token));
    this.notify();
  }

  /**
   * One call. Resolves to {ok, status, json} when the helper answered, or
   * {offline: true} / {unpaired: true} without throwing.
   */
  async call(method, path, body, options = {}) {
    const reply = await this.request(method, path, body, options);
    this.notify();
    return reply;
  }

  async request(method, path, body, { auth = true, force = false, text = false } = {}) {
    await this.load();
    if (!force && !this.connection.mayTry(Date.now())) return { offline: true };
    if (auth && !this.token) {
      // No token: the helper cannot help yet; still learn whether it runs (for the popup).
      if (this.connection.state === "offline" && !force) return { offline: true };
      return { unpaired: true };
    }
    const headers = { Accept: text ? "text/html" : "application/json" };
    if (auth) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(this.baseUrl() + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: "no-store",
        credentials: "omit",
      });
    } catch (err) {
      this.connection.unreachable(Date.now(), err && err.name === "AbortError" ? "timeout" : "unreachable");
      return { offline: true };
    } finally {
      clearTimeout(timer);
    }
    // `text`: the caller wants the body as text (the evidence pack's HTML); errors stay JSON.
    const raw = await response.text().catch(() => "");
    let json = null;
    try {
      json = JSON.parse(raw);
    } catch (_) {
      json = null;
    }
    if (response.status === 401 && auth) {
      this.token = "";
      await this.storage.remove("token");
      this.connection.unauthorized();
      return { unpaired: true, status: 401, json };
    }
    this.connection.reachable(auth ? true : Boolean(this.token));
    return { ok: response.ok, status: response.status, json, ...(text ? { text: raw } : {}) };
  }

  get(path, opts) {
    return this.call("GET", path, undefined, opts);
  }

  post(path, body, opts) {
    return this.call("POST", path, body ?? {}, opts);
  }

  /** Find out where we stand now (the popup asks this): health, then the token. */
  async probe() {
    await this.load();
    const health = await this.get("/v1/health", { auth: false, force: true });
    if (health.offline) return this.status();
    // A degraded helper (database locked, read-only, corrupt…) says why, in Chinese.
    this.problems = health.json && Array.isArray(health.json.problems) ? health.json.problems : [];
    if (!this.token) {
      this.connection.reachable(false);
      this.notify();
      return this.status();
    }
    await this.get("/v1/stats/today", { force: true });
    return this.status();
  }

  status() {
    return {
      ...this.connection.snapshot(),
      port: this.port,
      paired: Boolean(this.token),
      problems: this.problems || [],
    };
  }
}
