/*
 * Content-script start-up: ask the service worker whether this site is on and which profile
 * fits, then listen. Listeners go on at document_start (before the page's own handlers);
 * they stay idle until the answer says the site is enabled.
 */
(function () {
  "use strict";
  const WBG = globalThis.WBG;
  if (WBG.started) return; // the static and a dynamically registered copy never both run
  WBG.started = true;
  const { bridge, editors } = WBG;

  function pageUrl() {
    // about:blank / srcdoc frames (1688's chat) belong to their parent's site.
    if (/^https?:/.test(location.href)) return location.href;
    try {
      return window.parent.location.href;
    } catch (_) {
      return location.href;
    }
  }

  const site = { enabled: true, platform: "", profile: null, offFields: new Set() };
  const page = (() => {
    try {
      const url = new URL(pageUrl());
      return { host: url.hostname, path: url.pathname };
    } catch (_) {
      return { host: "", path: "/" };
    }
  })();
  let connection = "connected"; // optimistic until the worker answers; nothing blocks meanwhile
  let ready = false;
  const waiting = [];

  const app = {
    enabled: () => site.enabled,
    offline: () => connection !== "connected",
    profile: () => site.profile,
    platform: () => site.platform,
    whenReady(fn) {
      if (ready) fn();
      else waiting.push(fn);
    },
    async check(text) {
      const reply = await bridge.send({ type: "check", text, platform: site.platform || undefined });
      connection = reply.state === "connected" ? "connected" : reply.state === "error" ? connection : reply.state;
      return reply;
    },
    fieldKeyOf(el) {
      return WBG.fields.fieldKey({
        path: page.path,
        tag: el.nodeName,
        id: el.id,
        name: el.getAttribute("name") || "",
        className: typeof el.className === "string" ? el.className : "",
        label: el.getAttribute("aria-label") || el.getAttribute("placeholder") || "",
      });
    },
    fieldIsOff: (key) => site.offFields.has(key),
    /** 「此输入框不检查」 (or back on), remembered by the worker for this site. */
    setFieldOff(key, off) {
      if (off) site.offFields.add(key);
      else site.offFields.delete(key);
      bridge.send({ type: "fieldOff", host: page.host, field: key, off });
    },
    /** 「以后不再提示」: the finding's term (and rule) becomes an allowance in the helper. */
    allow(finding) {
      return bridge.send({ type: "allow", term: WBG.findings.findingTerm(finding), rule_id: finding.rule_id });
    },
    /**
     * Record a decision after a warning: rule ids, verdict, action, the platform the helper
     * judged by, and the buyer the page shows (the evidence pack of that buyer's complaint
     * lists it). `keptText` only when the agent ticked 「保存这条消息原文」 at the guard.
     */
    record({ ruleIds, verdict, action, platform, doc, keptText }) {
      const buyer = WBG.buyer.buyerOnPage(doc || document, site.profile);
      bridge.send({
        type: "warning", rule_ids: ruleIds, verdict, action, platform: platform || site.platform,
        site: location.hostname || undefined, buyer: buyer || undefined, kept_text: keptText || undefined,
      });
    },
  };

  bridge.send({ type: "hello", url: pageUrl() }).then((reply) => {
    if (reply && typeof reply.enabled === "boolean") {
      site.enabled = reply.enabled;
      site.platform = reply.platform || "";
      site.profile = reply.profile || null;
      site.offFields = new Set(Array.isArray(reply.offFields) ? reply.offFields : []);
    }
    if (reply && reply.state) connection = reply.state;
    ready = true;
    for (const fn of waiting.splice(0)) fn();
  });

  // 「恢复检查」 in the popup (or a field switched off in another tab of the site) applies here too.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !changes.offFields) return;
    const all = changes.offFields.newValue || {};
    site.offFields = new Set(Array.isArray(all[page.host]) ? all[page.host] : []);
    for (const session of editors.liveSessions()) session.offChanged();
  });

  function onFocus(event) {
    if (!site.enabled) return;
    const editor = editors.editorOf(event.target);
    if (editor) editors.sessionFor(editor, app).focus();
  }

  function onInput(event) {
    if (!site.enabled) return;
    const editor = editors.editorOf(event.target);
    if (editor) editors.sessionFor(editor, app).input();
  }

  function onComposition(event) {
    const session = editors.existingSession(editors.editorOf(event.target));
    if (!session) return;
    session.composing = event.type === "compositionstart";
    if (!session.composing) session.input();
  }

  // Markers follow the page: one reposition per animation frame at most.
  let frame = 0;
  function reposition() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      editors.repositionAll();
    });
  }

  let hoverFrame = 0;
  let lastMove = null;
  function onMouseMove(event) {
    lastMove = event;
    if (hoverFrame) return;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      const e = lastMove;
      for (const session of editors.liveSessions()) {
        if (session.doc !== (e.target.ownerDocument || document)) continue;
        const hit = session.markerAt(e.clientX, e.clientY);
        if (hit) {
          session.overlay.showTooltip(hit.marker, hit.rect, session.cardHandlers());
          return;
        }
        const overlay = session.overlay;
        if (overlay.tooltipFor && !overlay.tooltip.hidden && !overlay.cardFocused()) overlay.hideTooltipSoon();
      }
    });
  }

  /**
   * Alt+J: the card of the next finding, with the keyboard focus on its first action (Tab
   * moves between 替换 / 改用建议回复 / 忽略一次 / 以后不再提示, Enter takes one, Escape goes back
   * to the draft). Neither Chrome nor 千牛 uses Alt+J (docs/extension.md).
   */
  function onShortcut(event) {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.code !== "KeyJ") return;
    const doc = event.target.ownerDocument || document;
    const session = editors.existingSession(editors.editorOf(event.target)) || editors.activeSession(doc);
    if (!session || !session.nextFinding()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  // The caret moved into a marked span (arrow keys, Home/End, a click): its card opens too.
  const NAVIGATION = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"]);
  function onCaret(event) {
    if (event.type === "keyup" && !NAVIGATION.has(event.key)) return;
    const session = editors.existingSession(editors.editorOf(event.target));
    if (session) requestAnimationFrame(() => session.caretMoved());
  }

  // A page may empty or rewrite the editor without an input event (value = "" after a send):
  // markers and badges on screen are compared with the editor now and then.
  setInterval(() => {
    for (const session of editors.liveSessions()) if (session.hasDraftState()) session.watch();
  }, 400);

  window.addEventListener("keydown", onShortcut, true);
  window.addEventListener("keyup", onCaret, true);
  window.addEventListener("mouseup", onCaret, true);
  window.addEventListener("focusin", onFocus, true);
  window.addEventListener("input", onInput, true);
  window.addEventListener("compositionstart", onComposition, true);
  window.addEventListener("compositionend", onComposition, true);
  window.addEventListener("scroll", reposition, { capture: true, passive: true });
  window.addEventListener("resize", reposition, { passive: true });
  window.addEventListener("mousemove", onMouseMove, { capture: true, passive: true });
  WBG.guard.install(window, app);
  WBG.dial.install(window, app);
  WBG.snippets.install(window, app);
})();
