// The dashboard: a tab the agent leaves open all day. Open complaints with a countdown to the
// evidence deadline, seen orders whose buyer can still complain, today's reminders, recent
// contacts per buyer against the caps, and the last warnings with what was done. Refreshes itself; countdowns tick every second.
import { ask, el, localize, platformName, t } from "../ui/common.js";
import { evidenceButton } from "./evidence.js";

const REFRESH_MS = 30000;
const TZ = { timeZone: "Asia/Shanghai", hour12: false };
let deadlines = []; // [{node, at}] for the ticking countdowns

function list(id) {
  return document.querySelector(`#${id} .list`);
}

function fill(id, items, render) {
  const target = list(id);
  target.textContent = "";
  if (!items || !items.length) {
    target.append(el("li", "empty", t("dashEmpty")));
    return;
  }
  for (const item of items) target.append(render(item));
}

function when(iso, options = { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" }) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString("zh-CN", { ...TZ, ...options });
}

function remaining(ms) {
  const minutes = Math.floor(ms / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return t("unitDays", [String(days)]) + " " + t("unitHours", [String(hours)]);
  if (hours > 0) return t("unitHours", [String(hours)]) + " " + t("unitMinutes", [String(minutes % 60)]);
  return t("unitMinutes", [String(Math.max(minutes, 0))]);
}

function tick() {
  const now = Date.now();
  for (const { node, at, row } of deadlines) {
    const left = at - now;
    node.textContent = left <= 0 ? t("dashOverdue") : t("dashRemaining", [remaining(left)]);
    row.className = left <= 0 || left < 6 * 3600e3 ? "urgent" : left < 24 * 3600e3 ? "soon" : "calm";
  }
}

function renderComplaint(c) {
  const row = el("li");
  row.id = `complaint-${c.id}`;
  const main = el("div", "main");
  const title = [c.type_label || c.type, c.case_id && `#${c.case_id}`].filter(Boolean).join(" ");
  main.append(el("div", null, title || `#${c.id}`));
  const meta = [
    c.platform_name || (c.platform && platformName(c.platform)),
    c.buyer && c.buyer.masked,
    c.order_id && t("dashOrder", [c.order_id]),
  ].filter(Boolean).join(" · ");
  if (meta) main.append(el("div", "muted", meta));
  if (c.notice) main.append(el("div", "muted", c.notice));
  row.append(main);
  if (c.evidence_due_at) {
    const big = el("span", "big");
    row.append(big, el("span", "muted", t("dashDeadline", [when(c.evidence_due_at)])));
    deadlines.push({ node: big, at: new Date(c.evidence_due_at).getTime(), row });
  }
  row.append(evidenceButton(c.id));
  return row;
}

/** A seen order whose buyer complaint window is still open, with the days left. */
function renderOrder(o) {
  const row = el("li", o.days_left <= 3 ? "soon" : "calm");
  row.dataset.order = o.order_id;
  const main = el("div", "main");
  main.append(el("div", null, [platformName(o.platform), t("dashOrder", [o.order_id])].join(" · ")));
  const meta = [o.buyer_masked, o.trade_status].filter(Boolean).join(" · ");
  if (meta) main.append(el("div", "muted", meta));
  row.append(main);
  row.append(el("span", "big", t("dashRemaining", [t("unitDays", [String(o.days_left)])])));
  row.append(el("span", "muted", t("dashWindowEnds", [when(o.complaint_window_ends_at)])));
  return row;
}

function renderReminder(r) {
  const row = el("li");
  row.append(el("span", "big", when(r.at, { hour: "2-digit", minute: "2-digit" })));
  const main = el("div", "main" + (r.acknowledged_at || r.state === "acknowledged" ? " done" : ""));
  main.append(el("div", null, r.title || ""));
  if (r.body) main.append(el("div", "muted", r.body));
  row.append(main);
  return row;
}

function capTag(cap) {
  const over = cap.count >= cap.limit;
  const near = cap.count >= cap.limit - 1;
  const key = "cap_" + String(cap.rule_id).replace(/[^A-Za-z0-9_]/g, "_");
  const label = chrome.i18n.getMessage(key) || cap.rule_id;
  return el("span", "tag " + (over ? "over" : near ? "near" : "ok"), `${label} ${cap.count}/${cap.limit}`);
}

function renderContact(c) {
  const row = el("li");
  const main = el("div", "main");
  main.append(el("div", null, (c.buyer && c.buyer.masked) || ""));
  if (c.last_attempt && c.last_attempt.at) {
    const outcome = c.last_attempt.outcome ? chrome.i18n.getMessage("outcome_" + c.last_attempt.outcome) : "";
    main.append(el("div", "muted", t("dashLastContact", [when(c.last_attempt.at)]) + (outcome ? ` · ${outcome}` : "")));
  }
  row.append(main);
  for (const cap of c.caps || []) row.append(capTag(cap));
  if (c.opted_out) row.append(el("span", "tag over", t("dashOptedOut")));
  for (const r of c.restrictions || []) {
    // The buyer's own limit, in the buyer's words, and when it was said.
    const tag = el("span", "tag near restriction", t("dashRestricted", [r.excerpt || ""]));
    tag.title = r.at ? t("dashRestrictedSince", [when(r.at)]) : "";
    row.append(tag);
  }
  return row;
}

/** "辱骂、威胁" from rule ids such as insult.curse and threat.address (the scene is the prefix). */
function scenesOf(ruleIds) {
  const names = (ruleIds || []).map((id) => chrome.i18n.getMessage("scene_" + String(id).split(".")[0]) || id);
  return [...new Set(names)].join("、");
}

function renderWarning(w) {
  const row = el("li");
  row.append(el("span", "muted", when(w.at, { hour: "2-digit", minute: "2-digit" })));
  const main = el("div", "main");
  const line = el("div", null, scenesOf(w.rule_ids));
  line.title = (w.rule_ids || []).join(" ");
  main.append(line);
  main.append(el("div", "muted", [w.platform && platformName(w.platform), w.site].filter(Boolean).join(" · ")));
  row.append(main, el("span", "tag " + w.verdict, t("verdict_" + w.verdict)), el("span", "tag " + w.action, t("action_" + w.action)));
  return row;
}

/** A rule the agents overruled this week: scene, what it flags, how often ignored / sent anyway. */
function renderOverruled(r) {
  const row = el("li");
  row.dataset.rule = r.rule_id;
  const main = el("div", "main");
  const scene = chrome.i18n.getMessage("scene_" + (r.scene || String(r.rule_id).split(".")[0])) || r.scene || "";
  main.append(el("div", null, [scene, r.message].filter(Boolean).join("：") || r.rule_id));
  main.append(el("div", "muted", r.rule_id));
  row.append(main, el("span", "tag warn", t("dashOverruledCounts", [String(r.ignored), String(r.sent_anyway)])));
  return row;
}

/** Team mode (a shared database): the section shows; agents first, then buyers near a cap. */
function teamRows(j) {
  document.getElementById("team").hidden = !j.team;
  return j.team ? [...j.agents.map((agent) => ({ agent })), ...j.near_cap.map((buyer) => ({ buyer }))] : [];
}

function renderTeam({ agent: a, buyer: b }) {
  const row = el("li");
  if (a) {
    row.append(el("div", "main", t("dashTeamAgent", [a.agent, a.contacts, a.buyers, a.warnings, a.sent_anyway].map(String))));
    return row;
  }
  row.dataset.buyer = b.buyer.masked;
  row.append(el("div", "main", [b.buyer.masked, b.last_agent && t("dashTeamLast", [b.last_agent])].filter(Boolean).join(" · ")));
  for (const cap of b.caps) row.append(capTag(cap));
  return row;
}

const SOURCES = [
  ["complaints", "/v1/complaints?status=open", (j) => j.complaints, renderComplaint],
  ["orders", "/v1/orders/recent", (j) => (j.orders || []).filter((o) => o.window_open), renderOrder],
  ["reminders", "/v1/reminders?day=today", (j) => j.reminders, renderReminder],
  ["contacts", "/v1/contacts/recent", (j) => j.buyers, renderContact],
  ["warnings", "/v1/warnings/recent", (j) => j.warnings, renderWarning],
  ["overruled", "/v1/warnings/overruled", (j) => j.rules, renderOverruled],
  ["team", "/v1/team/today", teamRows, renderTeam],
];

async function refresh() {
  const status = await ask({ type: "status" });
  const state = (status && status.state) || "offline";
  document.getElementById("dash-state").dataset.state = state;
  const banner = document.getElementById("banner");
  banner.hidden = state === "connected";
  banner.textContent = state === "unpaired" ? t("dashUnpaired") : t("dashOffline");
  if (state !== "connected") return;
  deadlines = [];
  await Promise.all(
    SOURCES.map(async ([id, path, pick, render]) => {
      const reply = await ask({ type: "api", path });
      if (reply && reply.status === 503 && reply.json && reply.json.error) {
        // The helper runs but its database does not answer (a team database outage): say so.
        banner.hidden = false;
        banner.textContent = reply.json.error.message;
      }
      if (!reply || reply.state !== "connected" || !reply.json || reply.status >= 400) return;
      fill(id, pick(reply.json) || [], render);
    })
  );
  tick();
  document.getElementById("updated").textContent = t("dashUpdated", [when(new Date().toISOString(), { hour: "2-digit", minute: "2-digit", second: "2-digit" })]);
  if (location.hash) document.querySelector(location.hash)?.scrollIntoView({ block: "center" });
}

localize();
for (const [id] of SOURCES) fill(id, [], null);
refresh();
setInterval(refresh, REFRESH_MS);
setInterval(tick, 1000);
