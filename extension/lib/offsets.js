/*
 * Offsets between JavaScript strings (UTF-16 code units) and code points.
 *
 * The helper reports findings in UTF-16 units (what `String.prototype.slice` counts) and in
 * code points. An emoji is one code point but two UTF-16 units, so using the wrong unit
 * shifts every underline after it. These functions are pure so that node --test can check them.
 *
 * Loaded three ways without a copy: as a plain content script (attaches to globalThis.WBG),
 * as a side-effect `import` from the module service worker, and by `require` in node.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).offsets = api;
})(globalThis, function () {
  "use strict";

  function isHighSurrogate(unit) {
    return unit >= 0xd800 && unit <= 0xdbff;
  }

  function isLowSurrogate(unit) {
    return unit >= 0xdc00 && unit <= 0xdfff;
  }

  /** Code point index of UTF-16 offset `index` (an offset inside a pair counts as its start). */
  function utf16ToCodePoint(text, index) {
    let points = 0;
    const stop = Math.min(Math.max(index, 0), text.length);
    for (let i = 0; i < stop; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        if (i + 1 >= stop) break; // index points between the halves of a pair
        i++;
      }
      points++;
    }
    return points;
  }

  /** UTF-16 offset of code point index `point` (clamped to the text). */
  function codePointToUtf16(text, point) {
    let units = 0;
    for (let seen = 0; seen < point && units < text.length; seen++) {
      const pair =
        isHighSurrogate(text.charCodeAt(units)) && isLowSurrogate(text.charCodeAt(units + 1));
      units += pair ? 2 : 1;
    }
    return units;
  }

  /** Move `index` off the middle of a surrogate pair: down for a start, up for an end. */
  function snap(text, index, towards) {
    const i = Math.min(Math.max(index, 0), text.length);
    if (i > 0 && i < text.length && isLowSurrogate(text.charCodeAt(i))) {
      if (isHighSurrogate(text.charCodeAt(i - 1))) return towards === "end" ? i + 1 : i - 1;
    }
    return i;
  }

  /**
   * The UTF-16 span of a finding in `text`, or null when the finding does not fit the text.
   * Prefers the UTF-16 offsets; falls back to code points when only those are given.
   */
  function findingSpan(text, finding) {
    let start = finding.start;
    let end = finding.end;
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      if (!Number.isInteger(finding.start_cp) || !Number.isInteger(finding.end_cp)) return null;
      start = codePointToUtf16(text, finding.start_cp);
      end = codePointToUtf16(text, finding.end_cp);
    }
    if (start < 0 || end > text.length || start >= end) return null;
    start = snap(text, start, "start");
    end = snap(text, end, "end");
    return { start, end };
  }

  return { utf16ToCodePoint, codePointToUtf16, snap, findingSpan, isHighSurrogate };
});
