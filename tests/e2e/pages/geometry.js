// Test-side geometry, independent of the extension: where do UTF-16 offsets [start, end) of an
// editor's text sit on screen? A Range over the text nodes for contenteditable; a throw-away
// mirror <div> with the textarea's text metrics for textarea/input. Evaluated in the page's
// main world by the tests (window.wbgTestGeometry); it never touches the editor itself.
(function () {
  "use strict";
  const COPIED = [
    "boxSizing", "width", "height", "overflowX", "overflowY",
    "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth",
    "borderTopStyle", "borderRightStyle", "borderBottomStyle", "borderLeftStyle",
    "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "fontStyle", "fontVariant", "fontWeight", "fontStretch", "fontSize", "lineHeight",
    "fontFamily", "fontFeatureSettings", "fontKerning", "textAlign", "textTransform",
    "textIndent", "letterSpacing", "wordSpacing", "tabSize", "direction",
    "whiteSpace", "wordBreak", "overflowWrap",
  ];

  function plain(rect) {
    return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
  }

  function nonEmpty(rects) {
    return Array.from(rects).filter((r) => r.width > 0 && r.height > 0).map(plain);
  }

  function fieldRects(field, start, end) {
    const style = getComputedStyle(field);
    const box = field.getBoundingClientRect();
    const mirror = document.createElement("div");
    for (const prop of COPIED) mirror.style[prop] = style[prop];
    if (field.tagName === "TEXTAREA") {
      mirror.style.whiteSpace = "pre-wrap";
      if (style.overflowWrap === "normal") mirror.style.overflowWrap = "break-word";
    } else {
      mirror.style.whiteSpace = "pre";
    }
    // The textarea's scrollbar (if any) narrows its text area; keep the same content width.
    const scrollbar = field.offsetWidth - field.clientWidth
      - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
    mirror.style.paddingRight = parseFloat(style.paddingRight) + scrollbar + "px";
    Object.assign(mirror.style, {
      position: "fixed", left: box.left + "px", top: box.top + "px", margin: "0",
      visibility: "hidden", overflow: "hidden", pointerEvents: "none",
    });
    const text = field.value;
    const mark = document.createElement("span");
    mark.textContent = text.slice(start, end);
    mirror.append(text.slice(0, start), mark, text.slice(end) || "\u200b");
    document.body.appendChild(mirror);
    mirror.scrollTop = 0;
    const rects = nonEmpty(mark.getClientRects()).map((r) => ({
      left: r.left - field.scrollLeft, right: r.right - field.scrollLeft,
      top: r.top - field.scrollTop, bottom: r.bottom - field.scrollTop,
    }));
    mirror.remove();
    return rects;
  }

  function rangeRects(root, start, end) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.data.length;
      if (!started && start <= seen + length) {
        range.setStart(node, start - seen);
        started = true;
      }
      if (started && end <= seen + length) {
        range.setEnd(node, end - seen);
        return nonEmpty(range.getClientRects());
      }
      seen += length;
    }
    throw new Error("offsets beyond the editor's text: " + start + "-" + end + " of " + seen);
  }

  function textOf(editor) {
    return editor.value !== undefined && (editor.tagName === "TEXTAREA" || editor.tagName === "INPUT")
      ? editor.value : editor.textContent;
  }

  window.wbgTestGeometry = {
    textOf,
    expectedRects(selector, start, end) {
      const editor = document.querySelector(selector);
      return editor.tagName === "TEXTAREA" || editor.tagName === "INPUT"
        ? fieldRects(editor, start, end) : rangeRects(editor, start, end);
    },
    editorRect(selector) {
      return plain(document.querySelector(selector).getBoundingClientRect());
    },
  };
})();
