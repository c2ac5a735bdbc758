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
      if (!text.trim()) return Promise.resolve({ state: "empty" });
      return this.app.check(text);
    }

    setState(state) {
      this.state = state;
      if (active.get(this.doc) === this) this.overlay.setState(state);
    }

    focus() {
      active.set(this.doc, this);
      this.overlay.setState(this.app.offline() ? "offline" : this.state);
    }

    /** A keystroke: hide the (now misplaced) markers and re-arm the timer. O(1). */
    input() {
      active.set(this.doc, this);
      if (this.layer) this.layer.classList.add("wbg-hidden");
      this.overlay.hideTooltip();
      this.setState(this.app.offline() ? "offline" : "checking");
      this.checker.input();
    }

    onAnswer(reply, text) {
      if (!reply || reply.state === "empty") {
        this.draw([], text);
        this.setState("idle");
        return;
      }
      if (reply.state !== "connected") {
        this.draw([], text);
        this.setState("offline"); // quiet grey; typing and sending go on untouched
        return;
      }
      const json = reply.json;
      if (!json || !Array.isArray(json.findings) || (typeof json.text === "string" && json.text !== text)) {
        this.draw([], text);
        this.setState("idle");
        return;
      }
      const verdict = json.verdict === "block" || json.verdict === "warn" ? json.verdict : "ok";
      this.draw(json.findings, text, verdict);
      this.setState(verdict);
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

    draw(findings, text, overall = "ok") {
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
        // A finding may carry its own verdict; otherwise it shares the draft's.
        const verdict = finding.verdict === "warn" || finding.verdict === "block" ? finding.verdict : overall === "ok" ? "warn" : overall;
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
      if (!this.layer) return;
      if (!this.el.isConnected) {
        this.dispose();
        return;
      }
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
      if (done) this.recordReplaced(marker, text);
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
      this.recordReplaced(marker, text);
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

    recordReplaced(marker, text) {
      const answer = this.checker.answerFor(text);
      this.app.record([marker.finding.rule_id], marker.verdict, "replaced", answer && answer.json && answer.json.platform);
    }

    dispose() {
      if (this.resizeObserver) this.resizeObserver.disconnect();
      if (this.layer) this.layer.remove();
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
