// The per-finding decision log, field keys for 「此输入框不检查」, the verdict of a finding
// under either engine policy, and the caret offset in a contenteditable model.
const test = require("node:test");
const assert = require("node:assert/strict");
const { createDecisionLog } = require("../lib/decisions.js");
const fields = require("../lib/fields.js");
const F = require("../lib/findings.js");

const insult = { rule_id: "insult.curse", scene: "insult", severity: "ordinary", match: "傻逼" };
const threat = { rule_id: "threat.address", scene: "threat", severity: "serious", match: "去你家找你" };
const tone = { rule_id: "tone.dismissive", scene: "tone", severity: "advisory", match: "说了多少遍" };

function logWith() {
  const recorded = [];
  const log = createDecisionLog({ key: F.findingKey, record: (f, action) => recorded.push([f.rule_id, action]) });
  return { log, recorded };
}

test("a finding that goes away while the agent edits is recorded once as fixed", () => {
  const { log, recorded } = logWith();
  log.shown([insult, threat]);
  log.shown([insult, threat]); // the same answer again: nothing new
  log.shown([threat]);
  log.shown([]);
  assert.deepEqual(recorded, [["insult.curse", "fixed"], ["threat.address", "fixed"]]);
});

test("card actions decide one finding; the guard decides every open one, once", () => {
  const { log, recorded } = logWith();
  log.shown([insult, threat]);
  assert.equal(log.decide(insult, "ignored_once"), true);
  assert.equal(log.decide(insult, "ignored_once"), false);
  log.shown([threat]); // the ignored one is no longer shown: not "fixed"
  assert.equal(log.decideAll("sent_anyway"), 1);
  assert.equal(log.decideAll("sent_anyway"), 0);
  assert.deepEqual(recorded, [["insult.curse", "ignored_once"], ["threat.address", "sent_anyway"]]);
});

test("the kept draft goes with the first decision of a send only, never otherwise", () => {
  const recorded = [];
  const log = createDecisionLog({ key: F.findingKey, record: (f, action, extra) => recorded.push([f.rule_id, action, extra]) });
  log.shown([insult, threat]);
  log.decide(insult, "ignored_once");
  log.shown([insult, threat, tone]);
  assert.equal(log.decideAll("sent_anyway", { keptText: "草稿" }), 2);
  assert.deepEqual(recorded, [
    ["insult.curse", "ignored_once", undefined],
    ["threat.address", "sent_anyway", { keptText: "草稿" }],
    ["tone.dismissive", "sent_anyway", undefined],
  ]);
});

test("a new draft starts clean after reset", () => {
  const { log, recorded } = logWith();
  log.shown([insult]);
  log.decideAll("sent_anyway");
  log.reset();
  log.shown([insult]);
  assert.deepEqual(log.open(), [insult]);
  assert.equal(recorded.length, 1);
});

test("findings carry the verdict of the policy: four scenes block, 服务态度 warns", () => {
  assert.equal(F.findingVerdict(insult), "block");
  assert.equal(F.findingVerdict(threat), "block");
  assert.equal(F.findingVerdict(tone), "warn");
  assert.equal(F.findingVerdict({ ...tone, scene: "服务态度", severity: "advisory" }), "warn");
  // an explicit per-finding verdict wins
  assert.equal(F.findingVerdict({ ...insult, verdict: "warn" }), "warn");
  assert.equal(F.verdictOf([]), "ok");
  assert.equal(F.verdictOf([tone]), "warn");
  assert.equal(F.verdictOf([tone, insult]), "block");
});

test("threats can never be allowed away; the badge takes the worst scene", () => {
  assert.equal(F.isAllowable(insult), true);
  assert.equal(F.isAllowable(threat), false);
  assert.equal(F.isAllowable({ ...insult, allowable: false }), false);
  assert.equal(F.worstScene([tone, insult]), "insult");
  assert.equal(F.worstScene([insult, threat, tone]), "threat");
  assert.equal(F.worstScene([]), null);
  assert.equal(F.sceneKey("服务态度"), "tone");
  assert.equal(F.findingTerm({ ...insult, term: "傻逼" }), "傻逼");
  assert.equal(F.findingKey(insult), "insult.curse|傻逼");
});

test("field keys are stable across focus state and generated ids", () => {
  const a = fields.fieldKey({ path: "/chat", tag: "TEXTAREA", id: "editor", className: "im-input is-focused", label: "输入消息" });
  const b = fields.fieldKey({ path: "/chat", tag: "textarea", id: "editor", className: "im-input", label: "输入消息" });
  assert.equal(a, b);
  const generated = fields.fieldKey({ path: "/chat", tag: "div", id: "ed-1732912345", className: "editor x-1732912345" });
  assert.equal(generated, "/chat|div{editor}");
  assert.notEqual(fields.fieldKey({ path: "/a", tag: "input", name: "q" }), fields.fieldKey({ path: "/b", tag: "input", name: "q" }));
  assert.deepEqual(fields.toggled(["b"], "a", true), ["a", "b"]);
  assert.deepEqual(fields.toggled(["a", "b"], "a", false), ["b"]);
  assert.deepEqual(fields.toggled(undefined, "a", true), ["a"]);
});
