// The site list (options page) and the content scripts for sites the user added.
// Built-in sites get the content script from the manifest; a site added in the options page
// needs an optional host permission (asked for by the options page, where the user can click)
// and a dynamically registered copy of the same content script.
import "../lib/sites.js";

const { mergeSites, matchPatterns, BUILT_IN_HOSTS } = globalThis.WBG.sites;
const SCRIPT_ID = "wbg-user-sites";

export async function loadSites() {
  const { sites } = await chrome.storage.local.get("sites");
  return mergeSites(sites);
}

export async function saveSites(sites) {
  await chrome.storage.local.set({ sites: mergeSites(sites) });
}

export async function registerUserSites() {
  const sites = await loadSites();
  const wanted = [];
  for (const site of sites) {
    if (!site.enabled || BUILT_IN_HOSTS.has(site.host)) continue;
    const origins = matchPatterns(site.host);
    if (await chrome.permissions.contains({ origins })) wanted.push(...origins);
  }
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (wanted.length) {
    const [declared] = chrome.runtime.getManifest().content_scripts;
    await chrome.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: wanted,
        js: declared.js,
        runAt: "document_start",
        allFrames: true,
        matchOriginAsFallback: true,
      },
    ]);
  }
  return { sites, registered: wanted };
}
