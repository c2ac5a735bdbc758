/*
 * Small pure helpers about check results: scene names, verdict order, what a finding shows and
 * offers (the in-place replacement, the whole suggested reply and its placeholders).
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
    服務態度: "tone", 服务态度: "tone", tone: "tone",
  };
  // Worst first: the badge takes the colour of the worst scene among the findings.
  const SCENE_RANK = { threat: 5, mailing: 4, harassment: 3, insult: 2, tone: 1 };

  const VERDICT_RANK = { ok: 0, warn: 1, block: 2 };

  // A placeholder in a suggested reply: 【写出具体方案】 (innermost, so a stray 【 is skipped).
  const PLACEHOLDER = /【[^【】\n]*】/;

  function sceneKey(scene) {
    return SCENE_KEYS[scene] || null;
  }

  function worseVerdict(a, b) {
    return (VERDICT_RANK[b] || 0) > (VERDICT_RANK[a] || 0) ? b : a;
  }

  /** The whole polite reply a finding suggests instead of the draft, or "" when none. */
  function suggestionText(finding) {
    const s = finding && finding.suggestion;
    return typeof s === "string" ? s : "";
  }

  /**
   * What stands in place of the finding's span alone (spell-checker style), or null when the
   * rule offers no in-place fix. "" is a real replacement: it deletes the span.
   */
  function replacementText(finding) {
    const r = finding && finding.replacement;
    return typeof r === "string" ? r : null;
  }

  /**
   * The first 【…】 placeholder in a suggested reply (brackets included), as UTF-16 offsets,
   * so the agent can type over it; null when the text has none (or an unclosed 【).
   */
  function firstPlaceholder(text) {
    if (typeof text !== "string") return null;
    const found = PLACEHOLDER.exec(text);
    return found ? { start: found.index, end: found.index + found[0].length } : null;
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

  /** What an allowance names: the engine's canonical `term`, else the matched text. */
  function findingTerm(finding) {
    return (finding && (finding.term || finding.match)) || "";
  }

  /**
   * Whether 「以后不再提示」 on this finding silences its whole rule: a pattern or slot
   * finding's term is its rule id (the helper's allowances then clear every sentence of the
   * rule's shapes), a lexicon finding's term is the word.
   */
  function allowsWholeRule(finding) {
    return Boolean(finding && finding.rule_id) && findingTerm(finding) === finding.rule_id;
  }

  /** One key per (rule, term) in a draft: decisions and 「忽略一次」 are per key. */
  function findingKey(finding) {
    return `${(finding && finding.rule_id) || ""}|${findingTerm(finding)}`;
  }

  /** Threats can never be allowed away (`allowable` false; a threat without the field too). */
  function isAllowable(finding) {
    if (finding && typeof finding.allowable === "boolean") return finding.allowable;
    return sceneKey(finding && finding.scene) !== "threat";
  }

  /**
   * The verdict one finding carries under the verdict policy: the engine's own per-finding
   * `verdict` when it gives one; 服务态度 (scene tone, severity advisory) only warns; a finding
   * in any of the four scenes blocks.
   */
  function findingVerdict(finding) {
    if (finding.verdict === "block" || finding.verdict === "warn") return finding.verdict;
    if (sceneKey(finding.scene) === "tone" || finding.severity === "advisory") return "warn";
    return "block";
  }

  /** The worst verdict among `findings` ("ok" when none). */
  function verdictOf(findings) {
    return (findings || []).reduce((worst, f) => worseVerdict(worst, findingVerdict(f)), "ok");
  }

  /** The scene key of the worst finding (for the badge colour), or null. */
  function worstScene(findings) {
    let best = null;
    for (const f of findings || []) {
      const key = sceneKey(f.scene);
      if (key && (!best || SCENE_RANK[key] > SCENE_RANK[best])) best = key;
    }
    return best;
  }

  return {
    sceneKey, worseVerdict, suggestionText, replacementText, firstPlaceholder, penaltyParts,
    findingTerm, allowsWholeRule, findingKey, isAllowable, findingVerdict, verdictOf, worstScene, VERDICT_RANK, SCENE_RANK,
  };
});
