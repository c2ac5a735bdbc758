/*
 * Which pages the extension works on. The defaults are the workbench sites from DOMAIN.md;
 * the options page can add or switch off sites. localhost / 127.0.0.1 are local staging and
 * test pages (see docs/extension.md).
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).sites = api;
})(globalThis, function () {
  "use strict";

  const DEFAULT_SITES = [
    { host: "myseller.taobao.com", platform: "taobao", enabled: true },
    { host: "qn.taobao.com", platform: "taobao", enabled: true },
    { host: "healthcenter.taobao.com", platform: "taobao", enabled: true },
    { host: "air.1688.com", platform: "1688", enabled: true },
    // the 1688 chat iframe (rules/sites/1688_chat.toml)
    { host: "def.1688.com", platform: "1688", enabled: true },
    { host: "localhost", platform: "", enabled: true },
    { host: "127.0.0.1", platform: "", enabled: true },
  ];
  const BUILT_IN_HOSTS = new Set(DEFAULT_SITES.map((s) => s.host));

  /** A bare host name from what a user typed ("https://x.com/a" -> "x.com"), or null. */
  function normaliseHost(input) {
    if (typeof input !== "string") return null;
    let value = input.trim().toLowerCase();
    if (!value) return null;
    if (!/^[a-z]+:\/\//.test(value)) value = "https://" + value;
    let host;
    try {
      host = new URL(value).hostname;
    } catch (_) {
      return null;
    }
    return /^[a-z0-9.-]+$/.test(host) && host.includes(".") || host === "localhost" ? host : null;
  }

  /** The saved list merged over the defaults (built-in sites cannot be deleted, only disabled). */
  function mergeSites(saved) {
    const byHost = new Map(DEFAULT_SITES.map((s) => [s.host, { ...s }]));
    for (const s of Array.isArray(saved) ? saved : []) {
      const host = normaliseHost(s && s.host);
      if (!host) continue;
      const base = byHost.get(host) || { host, platform: "", enabled: true };
      byHost.set(host, {
        ...base,
        platform: typeof s.platform === "string" ? s.platform : base.platform,
        enabled: s.enabled !== false,
      });
    }
    return [...byHost.values()];
  }

  function siteFor(sites, hostname) {
    const host = (hostname || "").toLowerCase();
    return sites.find((s) => host === s.host || host.endsWith("." + s.host)) || null;
  }

  /** The platform a host belongs to when no site profile says so. */
  function guessPlatform(hostname) {
    const host = (hostname || "").toLowerCase();
    if (host === "1688.com" || host.endsWith(".1688.com")) return "1688";
    if (host.endsWith("tmall.hk")) return "tmall_intl";
    if (host === "tmall.com" || host.endsWith(".tmall.com")) return "tmall";
    if (host === "taobao.com" || host.endsWith(".taobao.com")) return "taobao";
    return "";
  }

  /** Match patterns for a site the user added (needs an optional host permission). */
  function matchPatterns(host) {
    return [`https://${host}/*`, `https://*.${host}/*`];
  }

  return { DEFAULT_SITES, BUILT_IN_HOSTS, normaliseHost, mergeSites, siteFor, guessPlatform, matchPatterns };
});
