/*
 * One Session per editor the agent types in: reads its text, schedules checks, draws the
 * markers for the current answer and keeps them over the right characters while the page
 * scrolls or resizes. A keystroke costs one timer re-arm and one class toggle, independent of
 * the length of the text; the text is read only after typing pauses.
 */
(function () {
  "use strict";
  const WBG = globalThis.WBG;
  const { textmodel, offsets, geometry, findings: F } = WBG;

  const TEXT_INPUT_TYPES = new Set(["", "text", "search"]);
  const sessions = new WeakMap(); // editor element -> Session
  const active = new WeakMap(); // document -> Session last focused or typed in
  const live = new Set(); // sessions with a layer, for repositioning

  /** The editor an event target belongs to: a text field, or the host of a contenteditable. */
  function editorOf(target) {
    if (!target || target.nodeType !== 1) return null;
    if (target.nodeName === "TEXTAREA") return target.readOnly || target.disabled ? null : target;
    if (target.nodeName === "INPUT") {
      const type = (target.getAttribute("type") || "").toLowerCase();
      return TEXT_INPUT_TYPES.has(type) && !target.readOnly && !target.disabled ? target : null;
    }
    if (!target.isContentEditable) return null;
    let host = target;
    while (host.parentElement && host.parentElement.isContentEditable) host = host.parentElement;
    return host;
  }

  /** Why 「以后不再提示」 was not saved, in Chinese: the helper is not there, or its answer. */
  function allowFailure(reply) {
    if (!reply || reply.state === "offline" || reply.state === "unpaired") return WBG.bridge.t("allowOffline");
    const error = reply.json && reply.json.error;
    return WBG.bridge.t("allowFailed", [(error && error.message) || String(reply.status || reply.error || "")]);
  }

  class Session {
    constructor(editor, app) {
      this.el = editor;
      this.app = app;
      this.doc = editor.ownerDocument;
      this.rich = editor.nodeName !== "TEXTAREA" && editor.nodeName !== "INPUT";
      this.overlay = WBG.overlay.forDocument(this.doc);
      this.layer = null;
      this.model = null;
      this.markers = []; // {finding, span, verdict, node, rects(content or viewport), shown: viewport rects}
      this.state = "idle";
      this.composing = false;
      this.sendHeld = false; // a send waits for its check (see guard.js)
      this.ignored = new Set(); // 「忽略一次」: finding keys ignored in this draft
      this.shownText = null; // the text whose markers/badge are on screen (null: none)
      this.sentAt = 0; // when a send last went through (guard.js), to tell "sent" from "emptied"
      this.badge = null;
      this.fieldKey = null;
      this.platform = null; // the platform of the last answer
      this.decisions = WBG.decisions.createDecisionLog({
        key: F.findingKey,
        record: (finding, action, extra) => this.recordDecision(finding, action, extra),
      });
      this.checker = WBG.scheduler.createDraftChecker({
        read: () => this.read(),
        check: (text) => this.check(text),
        onResult: (reply, text) => this.onAnswer(reply, text),
        setTimer: (fn, ms) =>
          setTimeout(() => {
            // Never check half-composed IME input; wait for the composition to end.
            if (this.composing) this.checker.input();
            else fn();
          }, ms),
      });
    }

    read() {
      if (!this.rich) return this.el.value;
      this.model = textmodel.build(this.el);
      return this.model.text;
    }

    check(text) {
      if (!text.trim() || this.isOff()) return Promise.resolve({ state: "empty" });
      return this.app.check(text);
    }

    setState(state) {
      this.state = state;
      if (active.get(this.doc) === this) this.overlay.setState(state);
    }

    focus() {
      active.set(this.doc, this);
      this.overlay.setState(this.app.offline() ? "offline" : this.state);
      if (this.isOff()) this.ensureBadge().off();
      this.placeBadge();
    }

    /** 「此输入框不检查」 for this field (remembered per page and field by the worker). */
    key() {
      if (this.fieldKey === null) this.fieldKey = this.app.fieldKeyOf(this.el);
      return this.fieldKey;
    }

    isOff() {
      return this.app.fieldIsOff(this.key());
    }

    setOff(off) {
      this.app.setFieldOff(this.key(), off);
      this.offChanged();
      this.el.focus();
    }

    /** The field was switched on or off elsewhere (the popup): show it, check again. */
    offChanged() {
      if (this.isOff()) {
        this.clearDraft("off");
        this.ensureBadge().off();
        this.placeBadge();
      } else if (this.badge && this.badge.node.dataset.state === "off") {
        this.badge.hide();
        this.checker.forget();
        this.checker.input();
      }
    }

    /**
     * A keystroke: hide the (now misplaced) markers, mark the badge stale and re-arm the
     * timer. O(1) for text fields; an emptied editor clears everything at once.
     */
    input() {
      active.set(this.doc, this);
      if (this.layer) this.layer.classList.add("wbg-hidden");
      this.overlay.hideTooltip();
      if (this.hasDraftState() && this.quickEmpty()) this.clearDraft(this.recentlySent() ? "sent" : "emptied");
      else if (this.badge && this.shownText !== null) this.badge.node.classList.add("wbg-stale");
      this.setState(this.app.offline() ? "offline" : "checking");
      this.checker.input();
    }

    /** True when the editor is surely empty, without reading a long text. */
    quickEmpty() {
      if (!this.rich) return this.el.value === "";
      return this.el.childNodes.length <= 2 && this.el.textContent.trim() === "";
    }

    /** Something of this draft is on screen or remembered (markers, badge, 忽略一次). */
    hasDraftState() {
      return this.shownText !== null || this.ignored.size > 0;
    }

    recentlySent() {
      return Date.now() - this.sentAt < 3000;
    }

    onAnswer(reply, text) {
      if (!reply || reply.state === "empty") {
        if (!text.trim() && this.hasDraftState()) this.clearDraft(this.recentlySent() ? "sent" : "emptied");
        else this.show([], text);
        this.setState("idle");
        return;
      }
      if (reply.state !== "connected") {
        this.show([], text);
        this.setState("offline"); // quiet grey; typing and sending go on untouched
        return;
      }
      const json = reply.json;
      if (!json || !Array.isArray(json.findings) || (typeof json.text === "string" && json.text !== text)) {
        this.show([], text);
        this.setState("idle");
        return;
      }
      this.platform = json.platform || null; // decisions made after the text changed use it
      this.show(this.visible(json), text);
      this.setState(this.verdict(json));
    }

    /** The answer's findings the agent has not ignored in this draft. */
    visible(json) {
      return ((json && json.findings) || []).filter((f) => !this.ignored.has(F.findingKey(f)));
    }

    /** The verdict that counts for the send: the helper's, less the findings ignored once. */
    verdict(json) {
      const shown = this.visible(json);
      if (shown.length === json.findings.length) return json.verdict === "block" || json.verdict === "warn" ? json.verdict : "ok";
      return F.verdictOf(shown);
    }

    /** Markers, badge and the decision log for what the agent sees now. */
    show(findings, text) {
      this.decisions.shown(findings); // before drawing: the old markers know the verdicts
      this.draw(findings, text);
      this.shownText = findings.length ? text : null;
      if (!findings.length) {
        if (this.badge && !this.isOff()) this.badge.hide();
        return;
      }
      this.ensureBadge().show(findings.length, F.worstScene(findings), false);
      this.placeBadge();
    }

    /**
     * The draft is gone (sent, emptied, or the field switched off): no marker, badge or card
     * stays behind, and what was still open is recorded (sent anyway, or fixed by deleting).
     */
    clearDraft(reason) {
      // Decide first: the markers still know each finding's verdict.
      if (reason === "sent") this.decisions.decideAll("sent_anyway");
      else if (reason === "emptied") this.decisions.decideAll("fixed");
      else if (reason === "off") this.decisions.decideAll("ignored_once"); // 「此输入框不检查」
      this.decisions.reset();
      this.ignored.clear();
      this.checker.forget(); // a new draft is checked afresh (allowances may have changed)
      this.draw([], "");
      this.shownText = null;
      this.overlay.hideTooltip();
      if (this.badge && !this.isOff()) this.badge.hide();
    }

    /**
     * A send went through (guard.js): the page empties the editor itself, often without an
     * input event (a chat page sets value = ""), so look a few times until it is empty.
     */
    afterSend() {
      this.sentAt = Date.now();
      for (const ms of [0, 30, 100, 250, 500, 1000, 2000]) setTimeout(() => this.watch(), ms);
    }

    /** Markers and badge on screen for a text the editor no longer holds: clear or re-check. */
    watch() {
      if (!this.hasDraftState() || !this.el.isConnected) return;
      const text = this.read();
      if (text === this.shownText) return;
      if (!text.trim()) {
        this.clearDraft(this.recentlySent() ? "sent" : "emptied");
        this.setState("idle");
        return;
      }
      if (this.shownText === null) return; // nothing shown to go stale
      if (this.layer) this.layer.classList.add("wbg-hidden"); // changed by the page: re-check
      if (this.badge) this.badge.node.classList.add("wbg-stale");
      this.shownText = text;
      this.checker.input();
    }

    ensureBadge() {
      if (!this.badge) {
        this.badge = this.overlay.newBadge({
          next: () => this.nextFinding(),
          fieldOff: () => this.setOff(true),
          fieldOn: () => this.setOff(false),
        });
        live.add(this);
      }
      return this.badge;
    }

    placeBadge() {
      if (this.badge && !this.badge.node.hidden) this.badge.place(geometry.clientBox(this.el));
    }

    /** The shortcut (Alt+J) or a badge click: the card of the next finding, with the focus. */
    nextFinding() {
      const shown = this.markers.filter((m) => m.shown.length);
      if (!shown.length) return false;
      const current = this.overlay.tooltipFor;
      const at = current ? this.markers.indexOf(current) : -1;
      const marker = at >= 0 ? shown[(shown.indexOf(current) + 1) % shown.length] : shown[0];
      this.openCard(marker, true);
      return true;
    }

    openCard(marker, focus) {
      this.overlay.showTooltip(marker, marker.shown[0], this.cardHandlers(), { focus });
    }

    cardHandlers() {
      return {
        replace: (marker) => this.replace(marker),
        useSuggestion: (marker) => this.useSuggestion(marker),
        ignoreOnce: (marker) => this.ignoreOnce(marker),
        allowAlways: (marker) => this.allowAlways(marker),
        back: () => this.el.focus(),
      };
    }

    /** The caret moved (arrow keys, a click): inside a marked span the card opens too. */
    caretMoved() {
      const at = this.caretOffset();
      if (at === null || this.shownText === null) return;
      const marker = this.markers.find((m) => m.shown.length && at >= m.span.start && at <= m.span.end);
      if (marker) this.openCard(marker, false);
    }

    caretOffset() {
      if (!this.rich) return this.el.selectionStart === this.el.selectionEnd ? this.el.selectionStart : null;
      const selection = this.doc.getSelection();
      if (!selection || !selection.isCollapsed || !selection.focusNode) return null;
      return textmodel.offsetOf(textmodel.build(this.el), selection.focusNode, selection.focusOffset);
    }

    /** 「忽略一次」: this finding, in this draft only. */
    ignoreOnce(marker) {
      if (!F.isAllowable(marker.finding)) return;
      this.ignored.add(F.findingKey(marker.finding));
      this.decisions.decide(marker.finding, "ignored_once");
      this.redraw();
    }

    /**
     * 「以后不再提示」: an allowance in the helper (never for a threat), then as ignored. When
     * it cannot be saved (helper down, refused) the agent is told so near the editor.
     */
    async allowAlways(marker) {
      if (!F.isAllowable(marker.finding)) return false;
      const reply = await this.app.allow(marker.finding);
      if (!reply || reply.state !== "connected" || !reply.json || !reply.json.allowance) {
        this.overlay.showNotice(geometry.clientBox(this.el), allowFailure(reply));
        return false;
      }
      this.ignored.add(F.findingKey(marker.finding));
      this.decisions.decide(marker.finding, "allowed_always");
      this.redraw();
      // Ask again: what only hid behind the allowed finding (a word of another rule inside an
      // allowed sentence shape) is a finding of its own, and the helper's new answer shows it.
      this.checker.forget();
      this.checker.flush();
      return true;
    }

    redraw() {
      const text = this.read();
      const reply = this.checker.answerFor(text);
      this.el.focus();
      if (reply && reply.state === "connected" && reply.json) {
        this.show(this.visible(reply.json), text);
        this.setState(this.verdict(reply.json));
      }
    }

    /** The answer for the text the editor holds now, or null if unknown (or changed). */
    currentAnswer() {
      const reply = this.checker.answerFor(this.read());
      return reply && reply.state === "connected" && reply.json ? reply.json : null;
    }

    ensureLayer() {
      if (!this.layer) {
        this.layer = this.overlay.newLayer();
        live.add(this);
        if (typeof ResizeObserver === "function") {
          this.resizeObserver = new ResizeObserver(() => {
            this.measure();
            this.position();
          });
          this.resizeObserver.observe(this.el);
        }
      }
      return this.layer;
    }

    draw(findings, text) {
      const layer = this.ensureLayer();
      layer.textContent = "";
      this.markers = [];
      for (const finding of findings) {
        const span = offsets.findingSpan(text, finding);
        if (!span) continue;
        const node = this.doc.createElement("div");
        node.className = "wbg-marker";
        node.setAttribute("data-rule-id", finding.rule_id || "");
        node.setAttribute("data-start", String(span.start));
        node.setAttribute("data-end", String(span.end));
        const verdict = F.findingVerdict(finding);
        node.setAttribute("data-verdict", verdict);
        layer.appendChild(node);
        this.markers.push({ finding, span, verdict, node, rects: [], shown: [] });
      }
      layer.classList.remove("wbg-hidden");
      this.measure();
      this.position();
    }

    /** Character rectangles (slow part: mirror layout); on draw and on resize only. */
    measure() {
      if (this.rich || !this.markers.length || this.layer.classList.contains("wbg-hidden")) return;
      const text = this.el.value;
      for (const m of this.markers) m.rects = geometry.fieldRects(this.el, this.overlay.mirror, text, m.span.start, m.span.end);
    }

    /** Place the layer over the editor and the markers over their characters. */
    position() {
      if (!this.el.isConnected) {
        this.dispose();
        return;
      }
      this.placeBadge();
      if (!this.layer) return;
      // Hidden while the agent types: nothing to place until the next answer redraws.
      if (this.layer.classList.contains("wbg-hidden")) return;
      const box = geometry.clientBox(this.el);
      const ls = this.layer.style;
      ls.left = box.left + "px";
      ls.top = box.top + "px";
      ls.width = box.width + "px";
      ls.height = box.height + "px";
      if (this.rich && this.markers.length) {
        this.model = textmodel.build(this.el);
      }
      for (const m of this.markers) {
        let local;
        if (this.rich) {
          local = geometry.richRects(this.model, m.span.start, m.span.end).map((r) => ({
            left: r.left - box.left, top: r.top - box.top, width: r.width, height: r.height,
          }));
        } else {
          local = m.rects.map((r) => ({
            left: r.left - this.el.scrollLeft, top: r.top - this.el.scrollTop, width: r.width, height: r.height,
          }));
        }
        const outer = geometry.union(local);
        m.shown = local.map((r) => ({ left: r.left + box.left, top: r.top + box.top, width: r.width, height: r.height }))
          .filter((r) => r.top + r.height > box.top && r.top < box.top + box.height);
        m.node.textContent = "";
        if (!outer) {
          m.node.style.display = "none";
          continue;
        }
        m.node.style.display = "";
        Object.assign(m.node.style, { left: outer.left + "px", top: outer.top + "px", width: outer.width + "px", height: outer.height + "px" });
        for (const r of local) {
          const piece = this.doc.createElement("div");
          piece.className = "wbg-piece";
          Object.assign(piece.style, {
            left: r.left - outer.left + "px", top: r.top - outer.top + "px", width: r.width + "px", height: r.height + "px",
          });
          m.node.appendChild(piece);
        }
      }
    }

    markerAt(x, y) {
      if (this.layer && this.layer.classList.contains("wbg-hidden")) return null;
      for (const m of this.markers) {
        for (const r of m.shown) {
          if (x >= r.left && x <= r.left + r.width && y >= r.top - 2 && y <= r.top + r.height + 2) return { marker: m, rect: r };
        }
      }
      return null;
    }

    /** 「替换」: the finding's replacement in place of its span only, like a spell-checker. */
    replace(marker) {
      const replacement = F.replacementText(marker.finding);
      const text = this.read();
      if (replacement === null || !this.checker.answerFor(text)) return false; // changed meanwhile
      this.el.focus();
      const done = this.select(marker.span.start, marker.span.end) && this.typeOver(replacement);
      if (done) this.decisions.decide(marker.finding, "replaced");
      return done;
    }

    /**
     * 「改用建议回复」: the whole draft becomes the suggested reply (select all, then the same
     * input path as 「替换」, so it is one undo step), and the reply's first 【…】 placeholder
     * is selected so that the agent types the concrete answer over it.
     */
    useSuggestion(marker) {
      const suggestion = F.suggestionText(marker.finding);
      const text = this.read();
      if (!suggestion || !this.checker.answerFor(text)) return false;
      this.el.focus();
      const done = this.selectAll() && this.typeOver(suggestion);
      if (!done) return false;
      const placeholder = F.firstPlaceholder(this.read());
      if (placeholder) this.select(placeholder.start, placeholder.end);
      this.decisions.decide(marker.finding, "rewritten");
      this.decisions.decideAll("rewritten"); // the whole draft went, with every finding in it
      return true;
    }

    /** Select [start, end) (UTF-16 offsets into ``read()``'s text) in the editor. */
    select(start, end) {
      if (!this.rich) {
        this.el.setSelectionRange(start, end);
        return true;
      }
      const from = textmodel.pointAt(this.model, start, "start");
      const to = textmodel.pointAt(this.model, end, "end");
      if (!from || !to) return false;
      const range = this.doc.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      this.selectRange(range);
      return true;
    }

    selectAll() {
      if (!this.rich) {
        this.el.setSelectionRange(0, this.el.value.length);
        return true;
      }
      const range = this.doc.createRange();
      range.selectNodeContents(this.el);
      this.selectRange(range);
      return true;
    }

    selectRange(range) {
      const selection = this.doc.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    /**
     * Put ``text`` in place of the current selection through the editor's normal input path:
     * execCommand first (React and Vue see the input event, and Ctrl+Z undoes it), then the
     * standard events for editors that refuse execCommand. "" deletes the selection.
     */
    typeOver(text) {
      const command = text ? "insertText" : "delete";
      if (this.doc.execCommand(command, false, text)) return true;
      const inputType = text ? "insertReplacementText" : "deleteContent";
      if (!this.rich) {
        this.el.setRangeText(text, this.el.selectionStart, this.el.selectionEnd, "end");
      } else {
        const selection = this.doc.getSelection();
        if (!selection.rangeCount) return false;
        const range = selection.getRangeAt(0);
        const before = new InputEvent("beforeinput", { bubbles: true, cancelable: true, inputType, data: text });
        if (this.el.dispatchEvent(before)) {
          range.deleteContents();
          if (text) range.insertNode(this.doc.createTextNode(text));
          selection.collapseToEnd();
        }
      }
      this.el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType, data: text }));
      return true;
    }

    /**
     * One decision about one finding: the rule id, verdict and the page's buyer; the text
     * only as `extra.keptText`, which the agent chose explicitly at the guard.
     */
    recordDecision(finding, action, extra) {
      const reply = this.checker.answerFor(this.read());
      const json = reply && reply.state === "connected" ? reply.json : null;
      const key = F.findingKey(finding);
      const marker = this.markers.find((m) => F.findingKey(m.finding) === key);
      const verdict = marker ? marker.verdict : F.findingVerdict(finding);
      this.app.record({
        ruleIds: [finding.rule_id], verdict, action, platform: (json && json.platform) || this.platform,
        doc: this.doc, keptText: extra && extra.keptText,
      });
    }

    dispose() {
      if (this.resizeObserver) this.resizeObserver.disconnect();
      if (this.layer) this.layer.remove();
      if (this.badge) this.badge.remove();
      this.badge = null;
      this.layer = null;
      this.markers = [];
      live.delete(this);
      sessions.delete(this.el);
    }
  }

  function sessionFor(editor, app) {
    let session = sessions.get(editor);
    if (!session) {
      session = new Session(editor, app);
      sessions.set(editor, session);
    }
    return session;
  }

  function existingSession(editor) {
    return editor ? sessions.get(editor) || null : null;
  }

  function activeSession(doc) {
    const s = active.get(doc);
    return s && s.el.isConnected ? s : null;
  }

  function repositionAll() {
    for (const s of live) s.position();
  }

  function liveSessions() {
    return live;
  }

  WBG.editors = { editorOf, sessionFor, existingSession, activeSession, repositionAll, liveSessions };
})();
