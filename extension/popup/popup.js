// The popup: which of the three states we are in and the one next step, pairing, today's
// counts, the port for a helper started with --port, and a manual check before contacting
// a buyer.
import { ask, el, errorMessage, localize, platformName, t } from "../ui/common.js";

const $ = (id) => document.getElementById(id);
const COUNT_KEYS = ["checks", "warnings", "fixed", "ignored", "sent_anyway", "contacts_today", "open_complaints"];
const TITLES = { offline: "stateOffline", unpaired: "stateUnpaired", connected: "stateConnected" };

function showState(status) {
  const state = status && TITLES[status.state] ? status.state : "offline";
  $("state").dataset.state = state;
  $("state-title").textContent = t(TITLES[state]);
  $("state-next").textContent = t(TITLES[state] + "Next");
  $("pairing").hidden = state !== "unpaired";
  $("connected").hidden = state !== "connected";
  $("manual").hidden = state !== "connected";
  $("unpair").hidden = !(status && status.paired);
  if (status && document.activeElement !== $("port")) $("port").value = status.port;
  const problems = (state !== "offline" && status && status.problems) || [];
  $("problems").hidden = problems.length === 0;
  $("problems").textContent = problems.length ? t("helperDegraded") + problems.join("；") : "";
  if (state === "connected") showConnected();
}

async function showConnected() {
  const [site, stats] = await Promise.all([ask({ type: "activeSite" }), ask({ type: "api", path: "/v1/stats/today" })]);
  $("platform").textContent = site && site.enabled
    ? t("platformLabel", [platformName(site.platform || "taobao")])
    : site && site.known ? t("siteOff") : t("platformNone");
  $("platform").dataset.off = String(Boolean(site && site.known && !site.enabled));
  showOffFields(site);
  const counts = $("counts");
  counts.textContent = "";
  const json = stats && stats.json;
  for (const key of COUNT_KEYS) {
    if (!json || json[key] === undefined || json[key] === null) continue;
    counts.append(el("dt", null, t("count_" + key)), el("dd", null, String(json[key])));
  }
}

/** The fields of this site switched off with 「此输入框不检查」, each with 「恢复检查」. */
function showOffFields(site) {
  const fields = (site && site.enabled && site.offFields) || [];
  $("fields-off").hidden = !fields.length;
  const list = $("fields-off-list");
  list.textContent = "";
  for (const field of fields) {
    const row = el("li");
    row.dataset.field = field;
    const on = el("button", "link", t("fieldOnAgain"));
    on.addEventListener("click", async () => {
      await ask({ type: "fieldOff", host: site.host, field, off: false });
      showConnected();
    });
    row.append(el("code", null, field.split("|").pop()), " ", on);
    list.append(row);
  }
}

async function refresh() {
  showState(await ask({ type: "status" }));
}

async function pair() {
  const code = $("pair-code").value.replace(/\s/g, "");
  const message = $("pair-message");
  message.className = "message";
  message.textContent = "…";
  const reply = await ask({ type: "pair", code });
  if (reply && reply.ok) {
    message.textContent = t("pairDone");
    $("pair-code").value = "";
    showState(reply.status);
    return;
  }
  message.className = "message error";
  message.textContent = reply && reply.offline ? t("pairOffline") : errorMessage(reply) || t("pairOffline");
}

async function savePort() {
  const port = Number($("port").value);
  const message = $("port-message");
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    message.className = "message error";
    message.textContent = t("portInvalid");
    return;
  }
  const reply = await ask({ type: "setPort", port });
  message.className = "message";
  message.textContent = "";
  if (reply && reply.ok) showState(reply.status);
}

async function manualCheck() {
  const buyer = $("manual-buyer").value.trim();
  const out = $("manual-result");
  out.textContent = "";
  if (!buyer) return;
  const reply = await ask({ type: "contactCheck", buyer, channel: $("manual-channel").value });
  const json = reply && reply.json;
  if (!reply || reply.state !== "connected" || !json || !json.verdict) {
    out.className = "message error";
    out.textContent = errorMessage(reply) || t("contact_offline");
    return;
  }
  out.className = "message";
  const line = el("div", "verdict-" + json.verdict, t("contact_" + json.verdict));
  line.dataset.verdict = json.verdict;
  out.append(line);
  for (const reason of json.reasons || []) out.append(el("div", null, "· " + (reason.message || reason.rule_id)));
  if (json.next_allowed_at) {
    const when = new Date(json.next_allowed_at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
    out.append(el("div", "hint", t("nextAllowed", [when])));
  }
}

localize();
$("pair-submit").addEventListener("click", pair);
$("pair-code").addEventListener("keydown", (e) => e.key === "Enter" && pair());
$("port-save").addEventListener("click", savePort);
$("manual-submit").addEventListener("click", manualCheck);
$("unpair").addEventListener("click", async () => showState(await ask({ type: "unpair" })));
refresh();
// The helper may come up while the popup is open.
setInterval(refresh, 3000);
