/*
 * The send guard. When the draft's verdict is `block` (less the findings the agent ignored
 * once), Enter (not Shift+Enter, not while an
 * IME is composing) and clicks on the site's send button are held back and the agent is asked
 * 「修改」/「仍然发送」. A clean draft, or any draft while the helper is down, passes untouched.
 * If the draft changed after its last check, the send waits for one immediate check (the
 * helper answers in milliseconds) and then goes on or asks. A `warn` (服务态度) never holds.
 * Every send that goes through is followed until the page empties the editor, so no marker
 * or badge stays behind and warnings still open are recorded as sent anyway.
 *
 * The listeners run in the capture phase on window from document_start, so they see the event
 * before the page's own handlers.
 */
(function () {
  "use strict";
  const WBG = globalThis.WBG;
  const { editors } = WBG;

  const FLUSH_TIMEOUT_MS = 1500;
  const KEPT_MAX_CHARS = 2000; // POST /v1/warnings kept_text
  const DEFAULT_SEND_TEXTS = ["发送", "發送"];
  let replaying = false; // our own replayed Enter/click must pass

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(null), ms))]);
  }

  /** "pass" now, "hold" (show the guard now), or "wait" (check first). */
  function verdictNow(session, app) {
    if (!app.enabled() || app.offline() || session.isOff()) return "pass";
    const text = session.read();
    if (!text.trim()) return "pass";
    const answer = session.currentAnswer();
    if (answer) return session.verdict(answer) === "block" ? "hold" : "pass";
    return "wait";
  }

  /** The draft as kept for evidence: at most KEPT_MAX_CHARS code points (the helper masks phones). */
  function keptDraft(text) {
    return Array.from(text).slice(0, KEPT_MAX_CHARS).join("");
  }

  function stop(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /** The send goes; the page will empty the editor (followed by the session). */
  function send(session, replay) {
    session.afterSend();
    replay();
  }

  function ask(session, app, replay) {
    const found = session.visible(session.currentAnswer());
    const anchor = WBG.geometry.clientBox(session.el);
    session.overlay.hideTooltip();
    session.overlay.showGuard(found, anchor, (action, { keep }) => {
      session.el.focus();
      // 「修改」 records nothing yet: what the agent then does (fix, replace, send) is the decision.
      if (action === "cancelled") session.decisions.decideAll("cancelled");
      if (action === "sent_anyway") {
        // The draft's text leaves the page only when the agent ticked 「保存这条消息原文」.
        session.decisions.decideAll("sent_anyway", keep ? { keptText: keptDraft(session.read()) } : undefined);
        send(session, replay);
      }
    });
  }

  /** Decide for a held send; `replay` re-issues it when it may go. */
  function handle(event, session, app, replay) {
    if (session.overlay.guardOpen() || session.sendHeld) {
      stop(event); // a second Enter while we check or ask does not send twice
      return;
    }
    const decision = verdictNow(session, app);
    if (decision === "pass") {
      session.afterSend();
      return;
    }
    stop(event);
    if (decision === "hold") {
      ask(session, app, replay);
      return;
    }
    session.sendHeld = true;
    withTimeout(session.checker.flush(), FLUSH_TIMEOUT_MS).then(() => {
      session.sendHeld = false;
      const answer = session.currentAnswer();
      if (answer && session.verdict(answer) === "block") ask(session, app, replay);
      else send(session, replay);
    });
  }

  /**
   * Re-issue a held Enter. Synthetic key events have no default action, so when no page
   * handler took the replayed Enter (none called preventDefault) we perform what the browser
   * would have done: submit the input's form, or insert the line break.
   */
  function replayEnter(editor, original) {
    replaying = true;
    let handled = false;
    try {
      for (const type of ["keydown", "keypress", "keyup"]) {
        const init = {
          key: "Enter", code: "Enter", keyCode: 13, which: 13, charCode: type === "keypress" ? 13 : 0,
          bubbles: true, cancelable: true, composed: true,
          ctrlKey: original.ctrlKey, altKey: original.altKey, metaKey: original.metaKey,
        };
        const event = new KeyboardEvent(type, init);
        if (event.keyCode !== 13) {
          for (const prop of ["keyCode", "which"]) Object.defineProperty(event, prop, { get: () => 13 });
        }
        if (!editor.dispatchEvent(event) && type !== "keyup") handled = true;
      }
      if (!handled) defaultEnter(editor);
    } finally {
      replaying = false;
    }
  }

  function defaultEnter(editor) {
    const doc = editor.ownerDocument;
    if (editor.nodeName === "INPUT") {
      if (editor.form) editor.form.requestSubmit();
    } else if (editor.nodeName === "TEXTAREA") {
      doc.execCommand("insertText", false, "\n");
    } else {
      doc.execCommand("insertParagraph");
    }
  }

  function replayClick(target) {
    replaying = true;
    try {
      target.click();
    } finally {
      replaying = false;
    }
  }

  function onKeyDown(event, app) {
    if (replaying || event.key !== "Enter" || event.shiftKey) return;
    if (event.isComposing || event.keyCode === 229) return;
    const session = editors.existingSession(editors.editorOf(event.target));
    if (!session) return;
    handle(event, session, app, () => replayEnter(session.el, event));
  }

  function onEscape(event) {
    if (event.key !== "Escape") return;
    const session = editors.activeSession(event.target.ownerDocument || document);
    if (session && session.overlay.guardOpen() && session.overlay.guardCancel) {
      stop(event);
      session.overlay.guardCancel();
    }
  }

  /** The send button that `target` is (inside), from the site profile or its visible text. */
  function sendButtonOf(target, profile) {
    if (!target || target.nodeType !== 1) return null;
    const selectors = (profile && profile.send_button_selectors) || [];
    for (const selector of selectors) {
      try {
        const hit = target.closest(selector);
        if (hit) return hit;
      } catch (_) {
        /* a bad selector in a site profile must not break the page */
      }
    }
    const texts = (profile && profile.send_button_texts && profile.send_button_texts.length
      ? profile.send_button_texts
      : DEFAULT_SEND_TEXTS);
    let node = target;
    for (let depth = 0; node && node.nodeType === 1 && depth < 4; depth++, node = node.parentElement) {
      const label = (node.nodeName === "INPUT" ? node.value : node.textContent || "").trim();
      if (label.length <= 12 && texts.some((t) => label === t || label.startsWith(t + "(") || label.startsWith(t + "（"))) {
        return node;
      }
      if (label.length > 12) break;
    }
    return null;
  }

  function onClick(event, app) {
    if (replaying || event.button !== 0) return;
    const button = sendButtonOf(event.target, app.profile());
    if (!button) return;
    const session = editors.activeSession(button.ownerDocument);
    if (!session) return;
    const target = event.target;
    handle(event, session, app, () => replayClick(target));
  }

  function install(win, app) {
    win.addEventListener("keydown", (e) => onEscape(e), true);
    win.addEventListener("keydown", (e) => onKeyDown(e, app), true);
    win.addEventListener("click", (e) => onClick(e, app), true);
  }

  WBG.guard = { install, sendButtonOf };
})();
