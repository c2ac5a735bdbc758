/*
 * What the agent decided about each warning in a draft, recorded once per finding: fixed by
 * editing (it went away), replaced, rewritten, ignored once, allowed always, sent anyway or
 * cancelled at the guard. One log per editor; `reset()` when the draft is gone.
 *
 * Pure: `record(finding, action, extra)` is injected (the content script sends it to the
 * helper with the rule id, verdict and the buyer the page shows; the text only as
 * `extra.keptText`, when the agent ticked 「保存这条消息原文」 at the guard).
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).decisions = api;
})(globalThis, function () {
  "use strict";

  function createDecisionLog({ key, record }) {
    let pending = new Map(); // key -> finding shown and not decided yet
    let decided = new Set(); // keys decided in this draft (not recorded again)

    /** The findings the agent sees now; those gone since last time were fixed by editing. */
    function shown(findings) {
      const now = new Map();
      for (const f of findings) now.set(key(f), f);
      for (const [k, f] of pending) {
        if (!now.has(k)) {
          pending.delete(k);
          decided.add(k);
          record(f, "fixed");
        }
      }
      for (const [k, f] of now) {
        if (!pending.has(k) && !decided.has(k)) pending.set(k, f);
      }
    }

    /** One finding decided by a card action (replaced, rewritten, ignored_once, allowed_always). */
    function decide(finding, action, extra) {
      const k = key(finding);
      if (decided.has(k)) return false;
      pending.delete(k);
      decided.add(k);
      record(finding, action, extra);
      return true;
    }

    /**
     * Every finding still open gets `action` (sent_anyway, cancelled, rewritten). `extra`
     * (the kept draft) goes with the first of them only: one draft is kept once.
     */
    function decideAll(action, extra) {
      const open = [...pending.values()];
      open.forEach((f, i) => decide(f, action, i === 0 ? extra : undefined));
      return open.length;
    }

    /** The draft is gone (sent or emptied): a new draft starts with a clean slate. */
    function reset() {
      pending = new Map();
      decided = new Set();
    }

    function open() {
      return [...pending.values()];
    }

    return { shown, decide, decideAll, reset, open };
  }

  return { createDecisionLog };
});
