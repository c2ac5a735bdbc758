// Site list handling and the small helpers about findings.
const test = require("node:test");
const assert = require("node:assert/strict");
const sites = require("../lib/sites.js");
const findings = require("../lib/findings.js");

test("hosts typed by a user are normalised or refused", () => {
  assert.equal(sites.normaliseHost(" https://Work.Example.com/chat?x=1 "), "work.example.com");
  assert.equal(sites.normaliseHost("qn.taobao.com"), "qn.taobao.com");
  assert.equal(sites.normaliseHost("localhost"), "localhost");
  assert.equal(sites.normaliseHost("not a host"), null);
  assert.equal(sites.normaliseHost(""), null);
  assert.equal(sites.normaliseHost(42), null);
});

test("saved sites merge over the defaults; built-ins can be switched off, not lost", () => {
  const merged = sites.mergeSites([
    { host: "qn.taobao.com", enabled: false },
    { host: "work.example.com", platform: "tmall" },
    { host: "bad host" },
  ]);
  const byHost = Object.fromEntries(merged.map((s) => [s.host, s]));
  assert.equal(byHost["qn.taobao.com"].enabled, false);
  assert.equal(byHost["myseller.taobao.com"].enabled, true);
  assert.equal(byHost["work.example.com"].platform, "tmall");
  assert.equal(merged.length, sites.DEFAULT_SITES.length + 1);
});

test("a page belongs to its site and its subdomains", () => {
  const list = sites.mergeSites([]);
  assert.equal(sites.siteFor(list, "air.1688.com").platform, "1688");
  assert.equal(sites.siteFor(list, "localhost").host, "localhost");
  assert.equal(sites.siteFor(list, "evil-taobao.com"), null);
  assert.equal(sites.guessPlatform("x.tmall.com"), "tmall");
  assert.equal(sites.guessPlatform("air.1688.com"), "1688");
  assert.equal(sites.guessPlatform("example.com"), "");
});

test("scenes in Traditional, Simplified or English map to one key", () => {
  for (const [scene, key] of [["辱罵", "insult"], ["辱骂", "insult"], ["威脅", "threat"], ["骚扰", "harassment"], ["郵寄", "mailing"]]) {
    assert.equal(findings.sceneKey(scene), key);
  }
  assert.equal(findings.sceneKey("其他"), null);
});

test("suggestions, penalties and rule ids", () => {
  assert.equal(findings.suggestionText({ suggestion: "您好" }), "您好");
  assert.equal(findings.suggestionText({ suggestion: { replacement: "请" } }), "");
  assert.equal(findings.suggestionText({ suggestion: null }), "");
  assert.deepEqual(findings.penaltyParts({ points: 2, payout_yuan: 300, extra: "" }), [
    { kind: "points", value: 2 },
    { kind: "payout", value: 300 },
  ]);
  assert.equal(findings.worseVerdict("warn", "block"), "block");
  assert.equal(findings.worseVerdict("block", "ok"), "block");
});

test("the in-place replacement: a string (even empty, which deletes) or null", () => {
  assert.equal(findings.replacementText({ replacement: "在旺旺上联系您" }), "在旺旺上联系您");
  assert.equal(findings.replacementText({ replacement: "" }), "");
  assert.equal(findings.replacementText({ replacement: null }), null);
  assert.equal(findings.replacementText({ suggestion: "亲，您好！" }), null);
  assert.equal(findings.replacementText(null), null);
});

test("the first 【…】 placeholder of a suggested reply, in UTF-16 offsets", () => {
  const reply = "亲，您好！我们会【写出具体方案】，预计【时间】内处理好。";
  const span = findings.firstPlaceholder(reply);
  assert.deepEqual(span, { start: 8, end: 16 });
  assert.equal(reply.slice(span.start, span.end), "【写出具体方案】");
  // offsets count UTF-16 code units, as the editors do: an emoji before shifts by two
  const withEmoji = "😊" + reply;
  const shifted = findings.firstPlaceholder(withEmoji);
  assert.equal(withEmoji.slice(shifted.start, shifted.end), "【写出具体方案】");
  assert.deepEqual(shifted, { start: 10, end: 18 });
  assert.equal(findings.firstPlaceholder("亲，您好！感谢您的理解！"), null);
  assert.equal(findings.firstPlaceholder("只有开头【没有结尾"), null);
  assert.deepEqual(findings.firstPlaceholder("【】空的也算"), { start: 0, end: 2 });
  // a stray 【 before the real placeholder is skipped
  const stray = "型号【A款，请填【订单号】";
  const inner = findings.firstPlaceholder(stray);
  assert.equal(stray.slice(inner.start, inner.end), "【订单号】");
  // a placeholder never spans lines
  assert.equal(findings.firstPlaceholder("【第一行\n第二行】"), null);
  assert.equal(findings.firstPlaceholder(undefined), null);
});
