// Options: the shop profile (platforms sold on, product categories) and the allowances
// (「以后不再提示」), both kept in the helper (GET/PUT /v1/shop/profile, /v1/allowances).
import { ask, el, errorMessage, platformName, t } from "../ui/common.js";

const $ = (id) => document.getElementById(id);

async function call(method, path, body) {
  const reply = method === "GET" ? await ask({ type: "api", path }) : await ask({ type: "apiWrite", method, path, body });
  if (!reply || reply.state !== "connected") return { ok: false, message: t("optHelperOffline") };
  if (reply.status >= 400) return { ok: false, message: errorMessage(reply) || String(reply.status) };
  return { ok: true, json: reply.json };
}

function say(id, text, error) {
  $(id).className = "message" + (error ? " error" : "");
  $(id).textContent = text || "";
}

function checkboxes(target, items, chosen, name) {
  target.textContent = "";
  for (const item of items) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.name = name;
    box.value = item.id;
    box.checked = chosen.includes(item.id);
    label.append(box, " " + item.label);
    target.append(label);
  }
}

function checked(target) {
  return [...target.querySelectorAll("input:checked")].map((box) => box.value);
}

export async function loadShop() {
  const got = await call("GET", "/v1/shop/profile");
  if (!got.ok) return say("shop-message", got.message, true);
  const { profile, known } = got.json;
  checkboxes($("shop-platforms"), known.platforms.map((p) => ({ id: p.id, label: platformName(p.id) })), profile.platforms, "platform");
  checkboxes($("shop-categories"), known.categories, profile.categories, "category");
}

async function saveShop() {
  const body = { platforms: checked($("shop-platforms")), categories: checked($("shop-categories")) };
  const saved = await call("PUT", "/v1/shop/profile", body);
  say("shop-message", saved.ok ? t("optSaved") : saved.message, !saved.ok);
}

function when(iso) {
  return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

function allowanceRow(a) {
  const row = el("tr");
  row.dataset.id = String(a.id);
  const term = el("input");
  term.value = a.term;
  term.className = "allow-term";
  const rule = el("input");
  rule.value = a.rule_id || "";
  rule.placeholder = t("optAllowAnyRule");
  rule.className = "allow-rule";
  const note = el("input");
  note.value = a.note || "";
  note.className = "allow-note";
  const save = el("button", "allow-save", t("optAllowSave"));
  save.addEventListener("click", async () => {
    const body = { term: term.value, rule_id: rule.value.trim() || null, note: note.value.trim() || null };
    const done = await call("PATCH", `/v1/allowances/${a.id}`, body);
    say("allow-message", done.ok ? t("optSaved") : done.message, !done.ok);
    if (done.ok) loadAllowances();
  });
  const remove = el("button", "link allow-remove", t("optRemove"));
  remove.addEventListener("click", async () => {
    const done = await call("DELETE", `/v1/allowances/${a.id}`);
    say("allow-message", done.ok ? "" : done.message, !done.ok);
    loadAllowances();
  });
  const termCell = el("td");
  termCell.append(term);
  // What it silences, as the card said before the click: a word, or a whole rule's sentences.
  if (a.silences) termCell.append(el("p", "hint allow-silences", t("allowScope", [a.silences.text])));
  termCell.append(el("p", "hint", t("optAllowBy", [a.added_by, when(a.created_at)])));
  const cells = [termCell, el("td"), el("td"), el("td")];
  cells[1].append(rule);
  cells[2].append(note);
  cells[3].append(save, " ", remove);
  row.append(...cells);
  return row;
}

export async function loadAllowances() {
  const got = await call("GET", "/v1/allowances");
  const list = $("allow-list");
  list.textContent = "";
  if (!got.ok) return say("allow-message", got.message, true);
  for (const a of got.json.allowances) list.append(allowanceRow(a));
  if (!got.json.allowances.length) {
    const row = el("tr");
    const cell = el("td", "hint", t("optAllowNone"));
    cell.colSpan = 4;
    row.append(cell);
    list.append(row);
  }
}

async function addAllowance() {
  const body = { term: $("allow-term").value, rule_id: $("allow-rule").value.trim() || null, note: $("allow-note").value.trim() || null };
  const done = await call("POST", "/v1/allowances", body);
  say("allow-message", done.ok ? t("optSaved") : done.message, !done.ok);
  if (!done.ok) return;
  for (const id of ["allow-term", "allow-rule", "allow-note"]) $(id).value = "";
  loadAllowances();
}

export function installShop() {
  $("shop-save").addEventListener("click", saveShop);
  $("allow-add").addEventListener("click", addAllowance);
  loadShop();
  loadAllowances();
}
