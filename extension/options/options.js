// Options: which sites the extension checks, the helper's port, and (shop.js) the shop
// profile and allowances.
// Built-in sites can be switched off; other sites need an optional host permission, which
// the browser asks for here (a page where the user clicks), before the worker registers the
// content script for them.
import "../lib/sites.js";
import { ask, el, localize, t } from "../ui/common.js";
import { installShop } from "./shop.js";

const { normaliseHost, matchPatterns, BUILT_IN_HOSTS } = globalThis.WBG.sites;
const $ = (id) => document.getElementById(id);
let sites = [];

function say(key, error) {
  $("message").className = "message" + (error ? " error" : "");
  $("message").textContent = key ? t(key) : "";
}

async function save() {
  await ask({ type: "saveSites", sites });
  say("optSaved");
}

function render() {
  const list = $("sites");
  list.textContent = "";
  for (const site of sites) {
    const row = el("li");
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = site.enabled;
    box.addEventListener("change", () => {
      site.enabled = box.checked;
      save();
    });
    label.append(box, " " + site.host + " ");
    const builtIn = BUILT_IN_HOSTS.has(site.host);
    const local = site.host === "localhost" || site.host === "127.0.0.1";
    if (builtIn) label.append(el("span", "hint", local ? t("optLocal") : t("optBuiltIn")));
    row.append(label);
    if (!builtIn) {
      const remove = el("button", "link", t("optRemove"));
      remove.addEventListener("click", async () => {
        sites = sites.filter((s) => s !== site);
        await chrome.permissions.remove({ origins: matchPatterns(site.host) });
        await save();
        render();
      });
      row.append(" ", remove);
    }
    list.append(row);
  }
}

async function addSite() {
  const host = normaliseHost($("new-site").value);
  if (!host) return say("optBadHost", true);
  // Must run directly in the click handler: the browser shows its permission prompt.
  const granted = await chrome.permissions.request({ origins: matchPatterns(host) });
  if (!granted) return say("optDenied", true);
  if (!sites.some((s) => s.host === host)) sites.push({ host, platform: "", enabled: true });
  $("new-site").value = "";
  await save();
  render();
}

async function savePort() {
  const port = Number($("port").value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return say("portInvalid", true);
  await ask({ type: "setPort", port });
  say("optSaved");
}

localize();
$("add-site").addEventListener("click", addSite);
$("port-save").addEventListener("click", savePort);
installShop();
(async () => {
  sites = (await ask({ type: "getSites" })) || [];
  const { port } = await chrome.storage.local.get("port");
  $("port").value = port || 47615;
  render();
})();
