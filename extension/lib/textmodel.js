/*
 * The text of a contenteditable editor, with a map from text offsets back to DOM positions.
 *
 * The helper sees one string; markers and the 「替换」 selection need DOM (node, offset)
 * pairs. `build` walks the editor once and records, for every text node, where its data sits
 * in the string. Line breaks that come from <br> and block elements are synthetic: they are
 * in the string but belong to no text node.
 *
 * Only nodeType, nodeName, childNodes and data are used, so tests can pass a tiny fake DOM.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).textmodel = api;
})(globalThis, function () {
  "use strict";

  const TEXT_NODE = 3;
  const ELEMENT_NODE = 1;
  const BLOCKS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIELDSET",
    "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER",
    "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TR", "UL",
  ]);
  // Content that is not text the agent typed.
  const SKIPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);

  /** {text, segments: [{node, start, end}]} for the editor rooted at `rootNode`. */
  function build(rootNode) {
    const parts = [];
    const segments = [];
    let length = 0;
    let lastChar = "";
    // A block ends its line, but the break is written only when more content follows, so
    // the text never ends with a break that the agent did not type.
    let breakPending = false;

    function push(str, node) {
      if (breakPending) {
        breakPending = false;
        if (length > 0 && lastChar !== "\n") push("\n", null);
      }
      if (!str) return;
      if (node) segments.push({ node, start: length, end: length + str.length });
      parts.push(str);
      length += str.length;
      lastChar = str[str.length - 1];
    }

    function walk(node) {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === TEXT_NODE) {
          if (child.data) push(child.data, child);
        } else if (child.nodeType === ELEMENT_NODE) {
          const name = child.nodeName.toUpperCase();
          if (SKIPPED.has(name)) continue;
          if (name === "BR") {
            push("\n", null);
            continue;
          }
          const block = BLOCKS.has(name);
          if (block) breakPending = true;
          walk(child);
          if (block) breakPending = true;
        }
      }
    }

    walk(rootNode);
    return { text: parts.join(""), segments };
  }

  /** Index of the last segment whose start is <= offset (binary search; segments are sorted). */
  function segmentAt(segments, offset) {
    let lo = 0;
    let hi = segments.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * The DOM point for text offset `offset`. `bias` "start" prefers the beginning of the next
   * text node at a boundary (a range start), "end" the end of the previous one (a range end).
   */
  function pointAt(model, offset, bias) {
    const { segments } = model;
    if (!segments.length) return null;
    let i = segmentAt(segments, offset);
    if (i < 0) return { node: segments[0].node, offset: 0 };
    const seg = segments[i];
    if (offset > seg.end) {
      // Inside a synthetic line break: a start goes to the next text node, an end stays.
      if (bias === "start" && i + 1 < segments.length) return { node: segments[i + 1].node, offset: 0 };
      return { node: seg.node, offset: seg.end - seg.start };
    }
    if (offset === seg.start && bias === "end" && i > 0) {
      // Only line breaks lie between the previous node's end and here: end the range there,
      // so it does not reach onto the next line.
      const prev = segments[i - 1];
      return { node: prev.node, offset: prev.end - prev.start };
    }
    return { node: seg.node, offset: offset - seg.start };
  }

  /** Pieces [{node, startOffset, endOffset}] of text nodes covering [start, end). */
  function piecesBetween(model, start, end) {
    const pieces = [];
    const { segments } = model;
    let i = Math.max(segmentAt(segments, start), 0);
    for (; i < segments.length && segments[i].start < end; i++) {
      const seg = segments[i];
      const from = Math.max(start, seg.start);
      const to = Math.min(end, seg.end);
      if (from < to) pieces.push({ node: seg.node, startOffset: from - seg.start, endOffset: to - seg.start });
    }
    return pieces;
  }

  /** The UTF-16 offset of a DOM point (a text node and an offset in it), or null. */
  function offsetOf(model, node, offset) {
    for (const seg of model.segments) {
      if (seg.node === node) return seg.start + Math.min(offset, seg.end - seg.start);
    }
    return null;
  }

  return { build, pointAt, piecesBetween, segmentAt, offsetOf };
});
