/*
 * Page fragments for the helper. On pages whose site profile says they show complaints,
 * violations, chat history or orders, the parts named by the profile's snippet selectors are
 * cleaned (no scripts, styles, frames, event handlers or form values) and sent, at most once
 * per THROTTLE_MS and only when they changed. Never whole pages, never cookies.
 */
(function () {
  "use strict";
  const WBG = globalThis.WBG;

  // Page kinds of rules/sites/*.toml whose fragments the helper reads: violation and
  // complaint records, chat history (buyer messages, opt-outs) and orders.
  const KINDS = new Set(["violations", "violation", "complaint", "chat", "chat_history", "order"]);
  const MAX_CHARS = 100000;
  const THROTTLE_MS = 10000;
  const MAX_SENDS_PER_PAGE = 30;
  const REMOVED = "script, style, noscript, template, iframe, frame, object, embed, link, meta, svg, canvas, input[type=hidden], input[type=password]";

  function wanted(profile) {
    return Boolean(profile && Array.isArray(profile.page_kinds) && profile.page_kinds.some((k) => KINDS.has(k)));
  }

  /** Cleaned outerHTML of `node`, without ever changing the page. */
  function clean(node) {
    const copy = node.cloneNode(true);
    for (const bad of copy.querySelectorAll(REMOVED)) bad.remove();
    for (const element of [copy, ...copy.querySelectorAll("*")]) {
      for (const attr of [...element.attributes]) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on") || name === "style" || name === "value" || name === "srcdoc" ||
            (name === "href" || name === "src") && /^\s*javascript:/i.test(attr.value)) {
          element.removeAttribute(attr.name);
        }
      }
      // The agent's unsent draft is not page content: editors are emptied like form fields.
      if (element.nodeName === "TEXTAREA" || element.getAttribute("contenteditable") === "true" ||
          element.getAttribute("contenteditable") === "") {
        element.textContent = "";
      }
    }
    return copy.outerHTML;
  }

  /** The fragments of the first snippet selector that matches (later ones are fallbacks). */
  function collect(doc, profile) {
    const parts = [];
    let size = 0;
    for (const selector of profile.snippet_selectors || []) {
      let nodes = [];
      try {
        nodes = doc.querySelectorAll(selector);
      } catch (_) {
        continue;
      }
      if (!nodes.length) continue;
      // Keep only outermost matches, so nested matches are not sent twice.
      nodes = [...nodes].filter((node) => ![...nodes].some((other) => other !== node && other.contains(node)));
      for (const node of nodes) {
        const html = clean(node);
        if (size + html.length > MAX_CHARS) return parts.join("\n");
        parts.push(html);
        size += html.length;
      }
      break;
    }
    return parts.join("\n");
  }

  function hash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h >>> 0;
  }

  function install(win, app) {
    const doc = win.document;
    let lastHash = null;
    let lastSent = 0;
    let sends = 0;
    let timer = null;

    const capture = () => {
      timer = null;
      const profile = app.profile();
      if (!wanted(profile) || app.offline() || sends >= MAX_SENDS_PER_PAGE) return;
      const html = collect(doc, profile);
      if (!html) return;
      const h = hash(html);
      if (h === lastHash) return;
      lastHash = h;
      lastSent = Date.now();
      sends += 1;
      const url = win.location.origin + win.location.pathname + win.location.search;
      WBG.bridge.send({ type: "snippet", url, html, captured_at: new Date().toISOString() });
    };

    const schedule = () => {
      if (timer !== null) return;
      const wait = Math.max(THROTTLE_MS - (Date.now() - lastSent), 1000);
      timer = setTimeout(capture, wait);
    };

    app.whenReady(() => {
      if (!wanted(app.profile())) return;
      schedule();
      new MutationObserver(schedule).observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    });
  }

  WBG.snippets = { install, clean, wanted };
})();
