// The manifest, the files it names, the locales and the strings the code asks for agree.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { DEFAULT_SITES } = require("../lib/sites.js");

const ROOT = path.join(__dirname, "..");
const read = (file) => fs.readFileSync(path.join(ROOT, file), "utf8");
const manifest = JSON.parse(read("manifest.json"));
const locales = {
  zh_CN: JSON.parse(read("_locales/zh_CN/messages.json")),
  en: JSON.parse(read("_locales/en/messages.json")),
};

function sourceFiles(dir = ROOT) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "tests" && entry.name !== "_locales") found.push(...sourceFiles(full));
    else if (/\.(js|html)$/.test(entry.name)) found.push(full);
  }
  return found;
}

test("manifest v3 with the pinned key, zh_CN default and only the permissions we use", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.ok(manifest.key.startsWith("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyEwVF"));
  assert.equal(manifest.default_locale, "zh_CN");
  assert.deepEqual([...manifest.permissions].sort(), ["alarms", "notifications", "scripting", "storage"]);
  assert.equal(manifest.background.type, "module");
});

test("every file the manifest names exists", () => {
  const [cs] = manifest.content_scripts;
  const files = [
    manifest.background.service_worker,
    manifest.action.default_popup,
    manifest.options_page,
    ...cs.js,
    ...Object.values(manifest.icons),
  ];
  for (const file of files) assert.ok(fs.existsSync(path.join(ROOT, file)), file);
});

test("content scripts run in all frames, at document_start, on every default site", () => {
  const [cs] = manifest.content_scripts;
  assert.equal(cs.all_frames, true);
  assert.equal(cs.match_about_blank, true);
  assert.equal(cs.run_at, "document_start");
  for (const site of DEFAULT_SITES) {
    const pattern = site.host === "localhost" || site.host === "127.0.0.1" ? `http://${site.host}/*` : `https://${site.host}/*`;
    assert.ok(cs.matches.includes(pattern), pattern);
    assert.ok(manifest.host_permissions.includes(pattern), pattern);
  }
  assert.ok(manifest.host_permissions.includes("http://127.0.0.1/*"), "the helper");
});

test("both locales have the same messages", () => {
  assert.deepEqual(Object.keys(locales.en).sort(), Object.keys(locales.zh_CN).sort());
  for (const [key, entry] of Object.entries(locales.zh_CN)) {
    assert.ok(entry.message, key);
    assert.deepEqual(Object.keys(entry.placeholders || {}), Object.keys(locales.en[key].placeholders || {}), key);
  }
});

test("every message key named in the code exists", () => {
  const used = new Set();
  // A literal followed by "+" is a prefix of a computed key (scene_ + id); those are not checked.
  const patterns = [/\bt\("([A-Za-z0-9_]+)"(?!\s*\+)/g, /getMessage\("([A-Za-z0-9_]+)"(?!\s*\+)/g, /data-i18n(?:-placeholder)?="([A-Za-z0-9_]+)"/g, /__MSG_([A-Za-z0-9_]+)__/g];
  for (const file of [...sourceFiles(), path.join(ROOT, "manifest.json")]) {
    const text = fs.readFileSync(file, "utf8");
    for (const re of patterns) for (const m of text.matchAll(re)) used.add(m[1]);
  }
  assert.ok(used.size > 50, `found only ${used.size} keys`);
  for (const key of used) assert.ok(locales.zh_CN[key], `missing message ${key}`);
});

test("every computed message key exists", () => {
  const families = {
    contact_: ["allow", "warn", "block", "offline", "checking"],
    outcome_: ["answered", "unanswered", "busy", "sent", "failed"],
    count_: ["checks", "warnings", "sent_anyway", "contacts_today", "open_complaints"],
    action_: ["edited", "sent_anyway", "replaced", "cancelled"],
    verdict_: ["warn", "block"],
    channel_: ["call", "sms", "im"],
    platform_: ["taobao", "tmall", "tmall_intl", "1688"],
    state: ["Offline", "OfflineNext", "Unpaired", "UnpairedNext", "Connected", "ConnectedNext"],
  };
  for (const [prefix, names] of Object.entries(families)) {
    for (const name of names) assert.ok(locales.zh_CN[prefix + name], prefix + name);
  }
});

test("scenes are shown in Simplified Chinese in zh_CN", () => {
  const scenes = ["insult", "threat", "harassment", "mailing"].map((s) => locales.zh_CN["scene_" + s].message);
  assert.deepEqual(scenes, ["辱骂", "威胁", "骚扰", "邮寄"]);
});
