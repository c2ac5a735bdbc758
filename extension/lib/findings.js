/*
 * Small pure helpers about check results: scene names, verdict order, what a finding shows.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).findings = api;
})(globalThis, function () {
  "use strict";

  // The helper names scenes in Traditional or Simplified Chinese (or by an English id);
  // the UI shows them through _locales, so zh_CN users read 辱骂/威胁/骚扰/邮寄.
  const SCENE_KEYS = {
    辱罵: "insult", 辱骂: "insult", insult: "insult",
    威脅: "threat", 威胁: "threat", threat: "threat",
    騷擾: "harassment", 骚扰: "harassment", harassment: "harassment",
    郵寄: "mailing", 邮寄: "mailing", mailing: "mailing",
  };

  const VERDICT_RANK = { ok: 0, warn: 1, block: 2 };

  function sceneKey(scene) {
    return SCENE_KEYS[scene] || null;
  }

  function worseVerdict(a, b) {
    return (VERDICT_RANK[b] || 0) > (VERDICT_RANK[a] || 0) ? b : a;
  }

  /** The replacement text a finding suggests, or "" when it has none. */
  function suggestionText(finding) {
    const s = finding && finding.suggestion;
    if (typeof s === "string") return s;
    if (s && typeof s === "object") {
      for (const key of ["replacement", "text", "rewrite"]) {
        if (typeof s[key] === "string") return s[key];
      }
    }
    return "";
  }

  /** "A类 2 分，赔付 300 元" style cost line, built from the finding's penalty. */
  function penaltyParts(penalty) {
    if (!penalty || typeof penalty !== "object") return [];
    const parts = [];
    if (Number.isFinite(penalty.points) && penalty.points > 0) parts.push({ kind: "points", value: penalty.points });
    if (Number.isFinite(penalty.payout_yuan) && penalty.payout_yuan > 0) parts.push({ kind: "payout", value: penalty.payout_yuan });
    if (typeof penalty.extra === "string" && penalty.extra) parts.push({ kind: "extra", value: penalty.extra });
    return parts;
  }

  function ruleIds(findings) {
    return [...new Set((findings || []).map((f) => f.rule_id).filter(Boolean))];
  }

  return { sceneKey, worseVerdict, suggestionText, penaltyParts, ruleIds, VERDICT_RANK };
});
