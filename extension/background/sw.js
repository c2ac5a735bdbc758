// The service worker: the only part of the extension that talks to the helper.
// Content scripts and extension pages send it messages; it answers from the helper or, when
// the helper is down, at once with {state: "offline"} so nothing in the page ever waits.
import "../lib/sites.js";
import "../lib/fields.js";
import { HelperClient } from "./helper.js";
import { ALARM, listenToNotifications, pollReminders, scheduleReminderPolls } from "./reminders.js";
import { loadSites, registerUserSites, saveSites } from "./sites.js";

const { siteFor, guessPlatform } = globalThis.WBG.sites;
const { toggled } = globalThis.WBG.fields;
const helper = new HelperClient(chrome.storage.local);
const PROFILE_TTL_MS = 5 * 60 * 1000;
const profileCache = new Map();
// GET endpoints the extension's own pages (popup, dashboard) may read through `api`.
const PAGE_READABLE = [
  /^\/v1\/stats\/today$/,
  /^\/v1\/complaints\?status=open$/,
  /^\/v1\/reminders\?day=today$/,
  /^\/v1\/contacts\/recent$/,
  /^\/v1\/orders\/recent$/,
  /^\/v1\/warnings\/recent(\?limit=\d+)?$/,
  /^\/v1\/warnings\/overruled(\?days=\d+)?$/,
  /^\/v1\/allowances$/,
  /^\/v1\/shop\/profile$/,
  /^\/v1\/team\/today$/,
];
// What the options page may change: allowances and the shop profile.
const PAGE_WRITABLE = [
  { method: "POST", path: /^\/v1\/allowances$/ },
  { method: "PATCH", path: /^\/v1\/allowances\/\d+$/ },
  { method: "DELETE", path: /^\/v1\/allowances\/\d+$/ },
  { method: "PUT", path: /^\/v1\/shop\/profile$/ },
];

/** 「此输入框不检查」: the fields switched off, per host, in chrome.storage.local. */
async function offFields(host) {
  const { offFields: all } = await chrome.storage.local.get("offFields");
  return (all && Array.isArray(all[host]) && all[host]) || [];
}

async function setFieldOff(host, field, off) {
  const { offFields: saved } = await chrome.storage.local.get("offFields");
  const all = saved && typeof saved === "object" ? saved : {};
  const list = toggled(all[host], String(field), Boolean(off));
  if (list.length) all[host] = list;
  else delete all[host];
  await chrome.storage.local.set({ offFields: all });
  return list;
}

function stateOf(reply) {
  if (reply.offline) return "offline";
  if (reply.unpaired) return "unpaired";
  return "connected";
}

async function siteProfile(url) {
  let key;
  try {
    const parsed = new URL(url);
    key = parsed.origin + parsed.pathname;
  } catch (_) {
    return null;
  }
  const cached = profileCache.get(key);
  if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached.profile;
  const reply = await helper.post("/v1/sites/match", { url: key });
  if (!reply.ok) return null; // not cached: ask again once the helper is back
  const profile = (reply.json && reply.json.profile) || null;
  profileCache.set(key, { profile, at: Date.now() });
  return profile;
}

async function hello(url) {
  const sites = await loadSites();
  let host = "";
  try {
    host = new URL(url).hostname;
  } catch (_) {
    /* about:blank frames report their parent's URL via match_origin_as_fallback */
  }
  const site = siteFor(sites, host);
  const enabled = Boolean(site && site.enabled);
  const profile = enabled ? await siteProfile(url) : null;
  const platform = (profile && profile.platform) || (site && site.platform) || guessPlatform(host);
  return { enabled, known: Boolean(site), host, platform, profile, offFields: await offFields(host), state: helper.connection.state };
}

function isExtensionPage(sender) {
  return typeof sender.url === "string" && sender.url.startsWith(chrome.runtime.getURL(""));
}

async function replyFor(reply) {
  return { state: stateOf(reply), status: reply.status ?? 0, json: reply.json ?? null };
}

// Known platform ids only: the helper refuses others, and a localhost page has none.
const PLATFORMS = new Set(["taobao", "tmall", "tmall_intl", "1688"]);

function contactBody(msg) {
  const body = { buyer: String(msg.buyer || ""), channel: msg.channel };
  if (PLATFORMS.has(msg.platform)) body.platform = msg.platform;
  return body;
}

const contentHandlers = {
  hello: (msg) => hello(msg.url),
  check: async (msg) => {
    const body = { text: msg.text };
    if (msg.platform) body.platform = msg.platform;
    return replyFor(await helper.post("/v1/check/message", body));
  },
  warning: async (msg) =>
    replyFor(
      await helper.post("/v1/warnings", {
        rule_ids: msg.rule_ids,
        verdict: msg.verdict,
        action: msg.action,
        platform: msg.platform || "unknown",
        site: msg.site || undefined,
        buyer: typeof msg.buyer === "string" && msg.buyer ? msg.buyer : undefined,
        kept_text: typeof msg.kept_text === "string" && msg.kept_text ? msg.kept_text : undefined,
      })
    ),
  fieldOff: (msg) => setFieldOff(String(msg.host || ""), msg.field, msg.off),
  allow: async (msg) => {
    const body = { term: String(msg.term || "") };
    if (msg.rule_id) body.rule_id = String(msg.rule_id);
    return replyFor(await helper.post("/v1/allowances", body));
  },
  contactCheck: async (msg) => replyFor(await helper.post("/v1/contacts/check", contactBody(msg))),
  contactAttempt: async (msg) => {
    const body = contactBody(msg);
    if (msg.outcome) body.outcome = msg.outcome;
    return replyFor(await helper.post("/v1/contacts/attempts", body));
  },
  // What the buyer said on the phone, recorded from the dial panel after the call.
  buyerMessage: async (msg) =>
    replyFor(await helper.post("/v1/buyer-messages", { buyer: msg.buyer, text: msg.text, source: "dial" })),
  snippet: async (msg) =>
    replyFor(await helper.post("/v1/snippets", { url: msg.url, html: msg.html, captured_at: msg.captured_at })),
};

const pageHandlers = {
  status: () => helper.probe(),
  pair: async (msg) => {
    const reply = await helper.post(
      "/v1/pair",
      { code: String(msg.code || ""), client: msg.client || "浏览器扩展" },
      { auth: false, force: true }
    );
    if (reply.ok && reply.json && reply.json.token) {
      await helper.setToken(reply.json.token);
      profileCache.clear();
      scheduleReminderPolls();
      return { ok: true, status: helper.status() };
    }
    return { ok: false, offline: Boolean(reply.offline), status: reply.status ?? 0, json: reply.json ?? null };
  },
  unpair: async () => {
    await helper.setToken("");
    return helper.status();
  },
  setPort: async (msg) => {
    const port = Number(msg.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false };
    await helper.setPort(port);
    profileCache.clear();
    return { ok: true, status: await helper.probe() };
  },
  api: async (msg) => {
    if (!PAGE_READABLE.some((re) => re.test(msg.path))) return { state: "error", status: 400, json: null };
    return replyFor(await helper.get(msg.path));
  },
  // The dashboard's 「举证材料」: one complaint's evidence pack as printable HTML.
  evidence: async (msg) => {
    const id = Number(msg.id);
    if (!Number.isSafeInteger(id) || id < 1) return { state: "error", status: 400, json: null };
    const path = `/v1/complaints/${id}/evidence?format=html`;
    const reply = await helper.call("GET", path, undefined, { text: true });
    return { ...(await replyFor(reply)), text: reply.ok ? reply.text : null };
  },
  activeSite: async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (!tab || !tab.url || !/^https?:/.test(tab.url)) return null;
    return hello(tab.url);
  },
  apiWrite: async (msg) => {
    const allowed = PAGE_WRITABLE.some((w) => w.method === msg.method && w.path.test(msg.path));
    if (!allowed) return { state: "error", status: 400, json: null };
    return replyFor(await helper.call(msg.method, msg.path, msg.method === "DELETE" ? undefined : msg.body || {}));
  },
  getSites: () => loadSites(),
  saveSites: async (msg) => {
    await saveSites(msg.sites);
    return registerUserSites();
  },
  pollReminders: () => pollReminders(helper),
};
// The popup's manual check before calling or texting a buyer, and 「恢复检查」 of a field.
pageHandlers.contactCheck = contentHandlers.contactCheck;
pageHandlers.fieldOff = contentHandlers.fieldOff;

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg.type !== "string") return false;
  let handler = contentHandlers[msg.type];
  if (!handler && isExtensionPage(sender)) handler = pageHandlers[msg.type];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(msg, sender))
    .then(sendResponse, (err) => {
      console.warn("Workbench Guard: message failed", msg.type, err);
      sendResponse({ state: "error", error: String(err) });
    });
  return true; // answer asynchronously
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) pollReminders(helper);
});

listenToNotifications(helper);

// The toolbar icon says where we stand, quietly: nothing when connected, a grey mark when the
// helper is not running, an amber one when pairing is needed.
const BADGES = {
  connected: { text: "", color: "#188038", title: "stateConnected" },
  offline: { text: "off", color: "#9aa0a6", title: "stateOffline" },
  unpaired: { text: "!", color: "#e37400", title: "stateUnpaired" },
};
helper.onState = (state) => {
  const badge = BADGES[state] || BADGES.offline;
  chrome.action.setBadgeText({ text: badge.text });
  chrome.action.setBadgeBackgroundColor({ color: badge.color });
  chrome.action.setTitle({ title: `${chrome.i18n.getMessage("extName")}：${chrome.i18n.getMessage(badge.title)}` });
};

chrome.runtime.onInstalled.addListener(() => {
  scheduleReminderPolls();
  registerUserSites();
});
chrome.runtime.onStartup.addListener(() => {
  scheduleReminderPolls();
  registerUserSites();
});

// For the end-to-end tests and the curious: the worker's state from DevTools or Playwright.
globalThis.wbg = { helper, pollReminders: () => pollReminders(helper) };
