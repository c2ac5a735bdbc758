/*
 * Where characters are on screen, without touching the editor.
 *
 * textarea / input: a hidden "mirror" div in our shadow root copies the editor's box and font,
 * holds the same text, and a <span> around the flagged characters gives their rectangles
 * (the classic technique, since a textarea exposes no per-character geometry).
 * contenteditable: DOM Range rectangles of the flagged text nodes.
 *
 * Rectangles are returned relative to the editor's client (padding) box, unscrolled for
 * fields (so scrolling only shifts them) and as seen for rich editors.
 */
(function () {
  "use strict";
  const WBG = globalThis.WBG;

  const COPIED = [
    "boxSizing", "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontVariant", "fontStretch",
    "fontFeatureSettings", "fontKerning", "lineHeight", "letterSpacing", "wordSpacing",
    "textTransform", "textIndent", "textRendering", "tabSize", "direction", "textAlign",
    "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "wordBreak",
  ];

  /** The editor's client box (inside borders, excluding scrollbars) in viewport coordinates. */
  function clientBox(el) {
    const rect = el.getBoundingClientRect();
    return {
      left: rect.left + el.clientLeft,
      top: rect.top + el.clientTop,
      width: el.clientWidth,
      height: el.clientHeight,
    };
  }

  /**
   * Rectangles of text[start, end) in a textarea/input, relative to its content origin at
   * scroll position 0. `mirror` is an element we own, attached to the same document.
   */
  function fieldRects(el, mirror, text, start, end) {
    const view = el.ownerDocument.defaultView;
    const cs = view.getComputedStyle(el);
    const isTextarea = el.nodeName === "TEXTAREA";
    const style = mirror.style;
    for (const prop of COPIED) style[prop] = cs[prop];
    const padX = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight);
    style.boxSizing = "content-box";
    style.position = "fixed";
    style.left = "0px";
    style.top = "0px";
    style.visibility = "hidden";
    style.border = "0";
    style.margin = "0";
    style.overflow = "hidden";
    style.height = "auto";
    style.width = isTextarea ? Math.max(el.clientWidth - padX, 0) + "px" : "auto";
    style.whiteSpace = isTextarea ? "pre-wrap" : "pre";
    style.overflowWrap = isTextarea ? "break-word" : "normal";
    mirror.textContent = "";
    const doc = mirror.ownerDocument;
    const span = doc.createElement("span");
    span.textContent = text.slice(start, end);
    mirror.append(doc.createTextNode(text.slice(0, start)), span, doc.createTextNode(text.slice(end) || "\u200b"));
    const origin = mirror.getBoundingClientRect();
    const padTop = parseFloat(cs.paddingTop);
    const padBottom = parseFloat(cs.paddingBottom);
    const rects = [];
    for (const r of span.getClientRects()) {
      if (r.width === 0 && r.height === 0) continue;
      let top = r.top - origin.top;
      if (!isTextarea) {
        // A single-line input centres its line in the content box.
        const contentHeight = el.clientHeight - padTop - padBottom;
        top = padTop + (contentHeight - r.height) / 2;
      }
      rects.push({ left: r.left - origin.left, top, width: r.width, height: r.height });
    }
    mirror.textContent = "";
    return rects;
  }

  /** Viewport rectangles of [start, end) of a contenteditable, from its text model. */
  function richRects(model, start, end) {
    const rects = [];
    for (const piece of WBG.textmodel.piecesBetween(model, start, end)) {
      const range = piece.node.ownerDocument.createRange();
      range.setStart(piece.node, piece.startOffset);
      range.setEnd(piece.node, piece.endOffset);
      for (const r of range.getClientRects()) {
        if (r.width === 0 && r.height === 0) continue;
        rects.push({ left: r.left, top: r.top, width: r.width, height: r.height });
      }
    }
    return rects;
  }

  function union(rects) {
    if (!rects.length) return null;
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const r of rects) {
      left = Math.min(left, r.left);
      top = Math.min(top, r.top);
      right = Math.max(right, r.left + r.width);
      bottom = Math.max(bottom, r.top + r.height);
    }
    return { left, top, width: right - left, height: bottom - top };
  }

  WBG.geometry = { clientBox, fieldRects, richRects, union };
})();
