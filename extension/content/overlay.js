/*
 * The overlay: one <wbg-overlay> element per document with an open shadow root, drawn above
 * the page. It holds a layer per editor (markers), the tooltip, the send-guard dialog and the
 * dial panel. The host itself ignores the pointer; only the tooltip, dialog and panel take
 * clicks, so the page under the markers keeps working (clicks still place the caret).
 *
 * Nothing here touches an editor's DOM or value.
 */
(function () {
  "use strict";
  const WBG = globalThis.WBG;
  const { t } = WBG.bridge;

  const STYLE = `
    :host { all: initial !important; position: fixed !important; left: 0 !important; top: 0 !important;
            width: 0 !important; height: 0 !important; overflow: visible !important;
            z-index: 2147483647 !important; pointer-events: none !important; display: block !important; }
    .wbg-layer { position: fixed; overflow: hidden; pointer-events: none; }
    .wbg-layer.wbg-hidden { visibility: hidden; }
    .wbg-marker { position: absolute; pointer-events: none; }
    .wbg-piece { position: absolute; border-bottom: 2px solid #d93025; background: rgba(217,48,37,.10);
                 box-sizing: border-box; border-radius: 2px; }
    .wbg-marker[data-verdict="warn"] .wbg-piece { border-bottom-color: #e37400; background: rgba(227,116,0,.10); }
    .wbg-card { position: fixed; pointer-events: auto; box-sizing: border-box; max-width: 360px;
                font: 13px/1.5 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif;
                color: #202124; background: #fff; border: 1px solid #dadce0; border-radius: 8px;
                box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: 10px 12px; }
    .wbg-card[hidden] { display: none; }
    .wbg-head { font-weight: 600; margin-bottom: 4px; }
    .wbg-scene { display: inline-block; color: #fff; background: #d93025; border-radius: 4px; padding: 0 6px;
                 margin-right: 6px; font-weight: 600; }
    .wbg-tooltip[data-verdict="warn"] .wbg-scene { background: #e37400; }
    .wbg-cost { color: #a50e0e; margin-top: 4px; }
    .wbg-source { color: #5f6368; font-size: 12px; }
    .wbg-replacement { margin-top: 6px; color: #188038; font-weight: 600; }
    .wbg-suggestion { margin-top: 6px; padding: 6px 8px; background: #e6f4ea; border-radius: 4px; }
    .wbg-actions { margin-top: 8px; display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; }
    button { font: inherit; cursor: pointer; border-radius: 4px; padding: 3px 12px; border: 1px solid #dadce0;
             background: #fff; color: #202124; }
    button.wbg-primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
    button.wbg-danger { color: #a50e0e; }
    ul { margin: 4px 0; padding-left: 18px; }
    .wbg-verdict { font-weight: 600; }
    .wbg-verdict[data-verdict="allow"] { color: #188038; }
    .wbg-verdict[data-verdict="warn"] { color: #e37400; }
    .wbg-verdict[data-verdict="block"] { color: #d93025; }
    .wbg-verdict[data-verdict="offline"] { color: #5f6368; }
    .wbg-muted { color: #5f6368; }
    .wbg-note { color: #5f6368; font-size: 12px; margin-top: 6px; }
    button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
    /* In a small frame (1688's chat iframe) a card scrolls, its actions stay in view. */
    .wbg-guard, .wbg-tooltip { max-height: calc(100vh - 8px); overflow-y: auto; padding-bottom: 0; }
    .wbg-guard .wbg-actions, .wbg-tooltip .wbg-actions { position: sticky; bottom: 0; background: #fff;
                                                         padding: 6px 0 10px; margin-top: 4px; }
    .wbg-tooltip .wbg-note:last-child { padding-bottom: 8px; }
    .wbg-guard li { margin-bottom: 6px; }
    .wbg-keep { display: flex; align-items: center; gap: 4px; flex-basis: 100%; font-size: 12px; color: #5f6368; }
    .wbg-keep input { margin: 0; }
    .wbg-notice { color: #a50e0e; }
    .wbg-guard .wbg-suggestion { font-size: 12px; }
    .wbg-badge { position: fixed; pointer-events: auto; display: flex; align-items: center; gap: 2px;
                 font: 600 12px/18px "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; }
    .wbg-badge[hidden] { display: none; }
    .wbg-badge button { padding: 0 7px; border-radius: 9px; line-height: 18px; border: none; color: #fff;
                        background: #d93025; box-shadow: 0 1px 3px rgba(0,0,0,.3); }
    .wbg-badge[data-scene="threat"] .wbg-badge-count { background: #8b0000; }
    .wbg-badge[data-scene="tone"] .wbg-badge-count { background: #e37400; }
    .wbg-badge.wbg-stale .wbg-badge-count { opacity: .6; }
    .wbg-badge button.wbg-badge-off { background: #fff; color: #5f6368; border: 1px solid #dadce0; padding: 0 5px; }
    .wbg-badge button.wbg-badge-on { background: #9aa0a6; }
  `;

  const overlays = new WeakMap(); // document -> Overlay
  const NOTICE_MS = 4000;

  function el(doc, tag, className, text) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  class Overlay {
    constructor(doc) {
      this.doc = doc;
      this.host = doc.createElement("wbg-overlay");
      this.host.setAttribute("data-wbg-state", "idle");
      this.root = this.host.attachShadow({ mode: "open" });
      const style = el(doc, "style");
      style.textContent = STYLE;
      this.mirror = el(doc, "div", "wbg-mirror");
      this.mirror.setAttribute("aria-hidden", "true");
      this.tooltip = el(doc, "div", "wbg-card wbg-tooltip");
      this.tooltip.hidden = true;
      this.guard = el(doc, "div", "wbg-card wbg-guard");
      this.guard.hidden = true;
      this.guard.setAttribute("role", "alertdialog");
      this.dial = el(doc, "div", "wbg-card wbg-dial");
      this.dial.hidden = true;
      this.dial.setAttribute("role", "dialog");
      this.notice = el(doc, "div", "wbg-card wbg-notice");
      this.notice.hidden = true;
      this.notice.setAttribute("role", "status");
      this.noticeTimer = null;
      this.root.append(style, this.mirror, this.tooltip, this.guard, this.dial, this.notice);
      this.tooltipFor = null;
      this.hideTimer = null;
      this.tooltip.addEventListener("mouseenter", () => clearTimeout(this.hideTimer));
      this.tooltip.addEventListener("mouseleave", () => {
        if (!this.cardFocused()) this.hideTooltipSoon();
      });
      this.tooltip.addEventListener("keydown", (e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        e.stopPropagation();
        const back = this.cardBack;
        this.hideTooltip();
        if (back) back();
      });
      this.cardBack = null;
      // Keys pressed on our own buttons are ours: a page that sends on Enter from a listener on
      // document must not see the Enter that chose 「修改」 or 「替换」.
      for (const card of [this.tooltip, this.guard]) card.addEventListener("keydown", (e) => e.stopPropagation());
      this.attach();
    }

    /** (Re)attach the host; pages that rewrite <html> children may drop it. */
    attach() {
      const parent = this.doc.documentElement;
      if (parent && this.host.parentNode !== parent) parent.appendChild(this.host);
    }

    setState(state) {
      this.host.setAttribute("data-wbg-state", state);
    }

    newLayer() {
      const layer = el(this.doc, "div", "wbg-layer");
      this.root.insertBefore(layer, this.tooltip);
      this.attach();
      return layer;
    }

    // ---- tooltip ------------------------------------------------------------------------

    /**
     * The card for a marker (on hover, on the caret entering it, or from the shortcut);
     * ``handlers`` = {replace, useSuggestion, ignoreOnce, allowAlways, back} (each given the
     * marker; ``back`` returns to the editor). With ``focus`` the first action takes the
     * keyboard focus, so Tab/Enter reach every action and Escape goes back to the draft.
     */
    showTooltip(marker, anchor, handlers, { focus = false } = {}) {
      clearTimeout(this.hideTimer);
      if (this.tooltipFor === marker && !this.tooltip.hidden) {
        if (focus) this.focusCard();
        return;
      }
      this.tooltipFor = marker;
      const { finding, verdict } = marker;
      const doc = this.doc;
      const tip = this.tooltip;
      tip.textContent = "";
      tip.setAttribute("data-rule-id", finding.rule_id || "");
      tip.setAttribute("data-verdict", verdict);
      const head = el(doc, "div", "wbg-head");
      const sceneKey = WBG.findings.sceneKey(finding.scene);
      head.append(el(doc, "span", "wbg-scene", sceneKey ? t("scene_" + sceneKey) : String(finding.scene || "")));
      head.append(el(doc, "span", "wbg-severity", t(verdict === "block" ? "verdictBlock" : "verdictWarn")));
      tip.append(head, el(doc, "div", "wbg-message", finding.message || ""));
      const cost = costLine(finding.penalty, finding.scene);
      if (cost) tip.append(el(doc, "div", "wbg-cost", cost));
      if (finding.penalty && finding.penalty.source) {
        const source = finding.penalty.effective
          ? t("penaltySourceDated", [finding.penalty.source, finding.penalty.effective])
          : t("penaltySource", [finding.penalty.source]);
        tip.append(el(doc, "div", "wbg-source", source));
      }
      // Two fixes, as a spell-checker offers them: the span alone, or the whole draft.
      const replacement = WBG.findings.replacementText(finding);
      const suggestion = WBG.findings.suggestionText(finding);
      if (replacement !== null) {
        const preview = replacement ? t("replacementPreview", [replacement]) : t("replacementDelete", [finding.match || ""]);
        tip.append(el(doc, "div", "wbg-replacement", preview));
      }
      if (suggestion) tip.append(el(doc, "div", "wbg-suggestion", t("suggestion", [suggestion])));
      const actions = el(doc, "div", "wbg-actions");
      if (replacement !== null) actions.append(this.actionButton("wbg-replace wbg-primary", t("replace"), () => handlers.replace(marker)));
      if (suggestion) {
        const style = replacement === null ? "wbg-use-suggestion wbg-primary" : "wbg-use-suggestion";
        actions.append(this.actionButton(style, t("useSuggestion"), () => handlers.useSuggestion(marker)));
      }
      // A threat is never waved through from the card: it stays until fixed, or 「仍然发送」.
      const allowable = WBG.findings.isAllowable(finding);
      if (allowable) {
        actions.append(this.actionButton("wbg-ignore", t("ignoreOnce"), () => handlers.ignoreOnce(marker)));
        actions.append(this.actionButton("wbg-allow", t("allowAlways"), () => handlers.allowAlways(marker)));
      }
      tip.append(actions);
      if (allowable) tip.append(el(doc, "div", "wbg-note wbg-allow-scope", t("allowScope", [silenced(finding)])));
      else tip.append(el(doc, "div", "wbg-note wbg-not-allowable", t("notAllowable")));
      tip.append(el(doc, "div", "wbg-note wbg-keys", t("cardKeys")));
      this.cardBack = handlers.back || null;
      tip.hidden = false;
      this.attach();
      placeNear(tip, anchor, this.doc.defaultView);
      if (focus) this.focusCard();
    }

    focusCard() {
      const first = this.tooltip.querySelector(".wbg-actions button");
      if (first) first.focus();
    }

    cardFocused() {
      return !this.tooltip.hidden && this.root.activeElement !== null && this.tooltip.contains(this.root.activeElement);
    }

    actionButton(className, label, act) {
      const button = el(this.doc, "button", className, label);
      button.type = "button";
      // mousedown would move focus out of the editor before the click; keep it there.
      button.addEventListener("mousedown", (e) => e.preventDefault());
      button.addEventListener("click", (e) => {
        e.preventDefault();
        e.stopPropagation();
        this.hideTooltip();
        act();
      });
      return button;
    }

    /** A short message near `anchor` (viewport rect) that goes by itself, e.g. a failed save. */
    showNotice(anchor, text) {
      clearTimeout(this.noticeTimer);
      this.notice.textContent = text;
      this.notice.hidden = false;
      this.attach();
      placeNear(this.notice, anchor, this.doc.defaultView);
      this.noticeTimer = setTimeout(() => (this.notice.hidden = true), NOTICE_MS);
    }

    hideTooltipSoon() {
      clearTimeout(this.hideTimer);
      this.hideTimer = setTimeout(() => this.hideTooltip(), 400);
    }

    hideTooltip() {
      clearTimeout(this.hideTimer);
      this.tooltip.hidden = true;
      this.tooltipFor = null;
    }

    // ---- badge ----------------------------------------------------------------------------

    /** A badge for one editor: {node, show(count, scene, stale), off(), hide(), place(box)}. */
    newBadge({ next, fieldOff, fieldOn }) {
      const doc = this.doc;
      const node = el(doc, "div", "wbg-badge");
      node.hidden = true;
      const count = el(doc, "button", "wbg-badge-count");
      const off = el(doc, "button", "wbg-badge-off", "⊘");
      const on = el(doc, "button", "wbg-badge-on", t("fieldOffBadge"));
      for (const b of [count, off, on]) {
        b.type = "button";
        b.addEventListener("mousedown", (e) => e.preventDefault()); // keep the caret in the editor
      }
      off.title = t("fieldOff");
      off.setAttribute("aria-label", t("fieldOff"));
      on.title = t("fieldOn");
      count.title = t("badgeTitle");
      count.addEventListener("click", () => next());
      off.addEventListener("click", () => fieldOff());
      on.addEventListener("click", () => fieldOn());
      node.append(count, off, on);
      this.root.insertBefore(node, this.tooltip);
      this.attach();
      const badge = {
        node,
        show(n, scene, stale) {
          node.hidden = false;
          node.dataset.count = String(n);
          node.dataset.scene = scene || "";
          node.dataset.state = "on";
          node.classList.toggle("wbg-stale", Boolean(stale));
          count.textContent = "⚠ " + n;
          count.setAttribute("aria-label", t("badgeCount", [String(n)]));
          count.hidden = off.hidden = false;
          on.hidden = true;
        },
        off() {
          node.hidden = false;
          node.dataset.count = "0";
          node.dataset.state = "off";
          count.hidden = off.hidden = true;
          on.hidden = false;
        },
        hide() {
          node.hidden = true;
          node.dataset.count = "0";
        },
        place(box) {
          // Inside the editor's bottom-right corner, clear of its scrollbar.
          const w = node.offsetWidth || 48;
          const h = node.offsetHeight || 18;
          node.style.left = Math.max(box.left + box.width - w - 6, box.left) + "px";
          node.style.top = Math.max(box.top + box.height - h - 4, box.top) + "px";
        },
        remove() {
          node.remove();
        },
      };
      return badge;
    }

    // ---- send guard -----------------------------------------------------------------------

    /**
     * Ask 「修改」/「仍然发送」 about the findings that hold the send, each with its penalty and
     * polite rewrite; 「修改」 has the focus (Enter edits, Escape cancels). Calls back with
     * "edited" | "sent_anyway" | "cancelled" and {keep}: whether the agent ticked 「保存这条
     * 消息原文，用于申诉举证」 (unticked by default; only 仍然发送 keeps it).
     */
    showGuard(findings, anchor, decide) {
      const doc = this.doc;
      const box = this.guard;
      box.textContent = "";
      box.append(el(doc, "div", "wbg-head", t("guardTitle")));
      const list = el(doc, "ul");
      const suggested = new Set();
      for (const f of findings.slice(0, 5)) {
        const key = WBG.findings.sceneKey(f.scene);
        const scene = key ? t("scene_" + key) : String(f.scene || "");
        const item = el(doc, "li", "wbg-guard-finding", `${scene}：${f.message || ""}`);
        item.setAttribute("data-rule-id", f.rule_id || "");
        const cost = costLine(f.penalty, f.scene);
        if (cost) item.append(el(doc, "div", "wbg-cost", cost));
        const suggestion = WBG.findings.suggestionText(f);
        if (suggestion && !suggested.has(suggestion)) {
          suggested.add(suggestion);
          item.append(el(doc, "div", "wbg-suggestion", t("suggestion", [suggestion])));
        }
        list.append(item);
      }
      box.append(list, el(doc, "div", "wbg-muted", t("guardHint")));
      const keepLabel = el(doc, "label", "wbg-keep");
      const keep = el(doc, "input");
      keep.type = "checkbox";
      keep.checked = false;
      keepLabel.append(keep, t("guardKeepText"));
      const actions = el(doc, "div", "wbg-actions");
      const edit = el(doc, "button", "wbg-guard-edit wbg-primary", t("guardEdit"));
      const send = el(doc, "button", "wbg-guard-send wbg-danger", t("guardSend"));
      edit.type = send.type = "button";
      for (const b of [edit, send]) b.addEventListener("mousedown", (e) => e.preventDefault());
      let decided = false;
      const finish = (action) => {
        if (decided) return;
        decided = true;
        this.hideGuard();
        decide(action, { keep: action === "sent_anyway" && keep.checked });
      };
      edit.addEventListener("click", () => finish("edited"));
      send.addEventListener("click", () => finish("sent_anyway"));
      this.guardCancel = () => finish("cancelled");
      // With the buttons, in the part that stays in view when the dialog scrolls in a small frame.
      actions.append(keepLabel, edit, send);
      box.append(actions);
      box.hidden = false;
      this.attach();
      placeNear(box, anchor, doc.defaultView, true);
      edit.focus();
    }

    guardOpen() {
      return !this.guard.hidden;
    }

    hideGuard() {
      this.guard.hidden = true;
      this.guardCancel = null;
    }

    // ---- dial panel -----------------------------------------------------------------------

    /** The contact verdict; `go` continues the call, then the outcome is asked. */
    showDial(anchor, { buyer, channel, reply, onGo, onOutcome, onClose, onBuyerWords }) {
      const doc = this.doc;
      const box = this.dial;
      box.textContent = "";
      const json = (reply && reply.json) || {};
      let verdict = reply && reply.state === "connected" && json.verdict ? json.verdict : "offline";
      if (reply && reply.state === "checking") verdict = "checking";
      box.setAttribute("data-verdict", verdict);
      const masked = (json.buyer && json.buyer.masked) || buyer.masked;
      box.append(el(doc, "div", "wbg-head", t("dialTitle", [masked])));
      const line = el(doc, "div", "wbg-verdict", t("contact_" + verdict));
      line.setAttribute("data-verdict", verdict);
      box.append(line);
      const reasons = Array.isArray(json.reasons) ? json.reasons : [];
      if (reasons.length) {
        const list = el(doc, "ul");
        for (const r of reasons) list.append(el(doc, "li", null, r.message || r.rule_id || ""));
        box.append(list);
      }
      if (json.next_allowed_at) {
        box.append(el(doc, "div", "wbg-muted", t("nextAllowed", [formatTime(json.next_allowed_at)])));
      }
      const actions = el(doc, "div", "wbg-actions");
      const cancel = el(doc, "button", "wbg-dial-cancel", t("cancel"));
      cancel.type = "button";
      cancel.addEventListener("click", () => {
        this.hideDial();
        onClose();
      });
      if (verdict !== "checking") {
        const go = el(doc, "button", "wbg-dial-go " + (verdict === "block" ? "wbg-danger" : "wbg-primary"),
          t(verdict === "block" ? "dialAnyway" : "dialGo"));
        go.type = "button";
        go.addEventListener("click", () => {
          onGo();
          this.askOutcome(masked, channel, onOutcome, onBuyerWords);
        });
        actions.append(cancel, go);
      } else {
        actions.append(cancel);
      }
      box.append(actions);
      box.hidden = false;
      this.attach();
      placeNear(box, anchor, doc.defaultView);
    }

    askOutcome(masked, channel, onOutcome, onBuyerWords) {
      const doc = this.doc;
      const box = this.dial;
      box.textContent = "";
      box.setAttribute("data-verdict", "outcome");
      box.append(el(doc, "div", "wbg-head", t(channel === "call" ? "outcomeTitle" : "outcomeTitleSms", [masked])));
      const actions = el(doc, "div", "wbg-actions");
      const outcomes = channel === "call" ? ["answered", "unanswered", "busy"] : ["sent", "failed"];
      for (const outcome of outcomes) {
        const b = el(doc, "button", "wbg-outcome", t("outcome_" + outcome));
        b.type = "button";
        b.setAttribute("data-outcome", outcome);
        b.addEventListener("click", async () => {
          for (const other of actions.querySelectorAll("button")) other.disabled = true;
          const saved = await onOutcome(outcome);
          box.append(el(doc, "div", "wbg-muted wbg-recorded", t(saved ? "outcomeSaved" : "outcomeNotSaved")));
          if (onBuyerWords && channel === "call" && outcome === "answered") this.offerBuyerWords(onBuyerWords);
          else setTimeout(() => this.hideDial(), 1500);
        });
        actions.append(b);
      }
      box.append(actions);
    }

    /** After an answered call: record what the buyer said, in one click (「买家说不要再打」) or
     * in the buyer's own words; the helper reads them as it reads chat messages. */
    offerBuyerWords(onBuyerWords) {
      const doc = this.doc;
      const wrap = el(doc, "div", "wbg-buyer-words");
      const stop = el(doc, "button", "wbg-buyer-stop wbg-danger", t("buyerSaidStop"));
      const input = el(doc, "input", "wbg-buyer-text");
      input.placeholder = t("buyerWordsPlaceholder");
      input.maxLength = 500;
      const save = el(doc, "button", "wbg-buyer-save", t("buyerWordsSave"));
      const close = el(doc, "button", "wbg-dial-close", t("close"));
      for (const b of [stop, save, close]) b.type = "button";
      const record = async (words) => {
        for (const b of [stop, save]) b.disabled = true;
        const saved = await onBuyerWords(words);
        wrap.append(el(doc, "div", "wbg-muted wbg-words-recorded", t(saved ? "buyerWordsSaved" : "outcomeNotSaved")));
        setTimeout(() => this.hideDial(), 1500);
      };
      stop.addEventListener("click", () => record(null));
      save.addEventListener("click", () => input.value.trim() && record(input.value.trim()));
      close.addEventListener("click", () => this.hideDial());
      const row = el(doc, "div", "wbg-actions");
      row.append(input, save);
      wrap.append(el(doc, "div", "wbg-actions"), row);
      wrap.firstChild.append(stop, close);
      this.dial.append(wrap);
    }

    hideDial() {
      this.dial.hidden = true;
    }
  }

  /** What 「以后不再提示」 on `finding` silences: the word, or every sentence of its rule. */
  function silenced(finding) {
    if (!WBG.findings.allowsWholeRule(finding)) return t("allowSilencesTerm", [WBG.findings.findingTerm(finding)]);
    const key = WBG.findings.sceneKey(finding.scene);
    return t("allowSilencesRule", [key ? t("scene_" + key) : String(finding.scene || ""), finding.message || finding.rule_id]);
  }

  function costLine(penalty, scene) {
    if (!penalty && WBG.findings.sceneKey(scene) === "tone") return t("toneNoPenalty");
    if (penalty && typeof penalty.summary === "string" && penalty.summary) return t("costPrefix", [penalty.summary]);
    const parts = WBG.findings.penaltyParts(penalty).map((p) =>
      p.kind === "points" ? t("costPoints", [String(p.value)]) : p.kind === "payout" ? t("costPayout", [String(p.value)]) : p.value
    );
    return parts.length ? t("costPrefix", [parts.join("，")]) : "";
  }

  function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return date.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  }

  /** Put a card below `anchor` (viewport rect), or above when there is no room. */
  function placeNear(card, anchor, view, above) {
    const width = Math.min(360, view.innerWidth - 16);
    card.style.maxWidth = width + "px";
    const h = card.offsetHeight || 120;
    const w = card.offsetWidth || width;
    let top = above ? anchor.top - h - 8 : anchor.top + anchor.height + 6;
    if (top + h > view.innerHeight - 4) top = anchor.top - h - 6;
    if (top < 4) top = Math.min(anchor.top + anchor.height + 6, view.innerHeight - h - 4);
    const left = Math.min(Math.max(anchor.left, 4), Math.max(view.innerWidth - w - 4, 4));
    card.style.left = left + "px";
    card.style.top = Math.max(top, 4) + "px";
  }

  function forDocument(doc) {
    let overlay = overlays.get(doc);
    if (!overlay) {
      overlay = new Overlay(doc);
      overlays.set(doc, overlay);
    }
    return overlay;
  }

  WBG.overlay = { forDocument, costLine, formatTime };
})();
