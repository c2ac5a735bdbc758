/*
 * A stable name for an editor on a page, so that 「此输入框不检查」 is remembered for that
 * field across reloads: the page path and the attributes a site keeps stable (id, name, a
 * class list without state classes, placeholder / aria-label), never the text typed in it.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).fields = api;
})(globalThis, function () {
  "use strict";

  // Classes that come and go with focus, hover or validation say nothing about which field it is.
  const STATE_CLASS = /(^|[-_])(focus|focused|active|hover|hovered|error|invalid|valid|empty|disabled|selected|open)($|[-_])/i;

  /** "path|tag#id[name]{classes}(label)" from plain attribute values. */
  function fieldKey({ path = "", tag = "", id = "", name = "", className = "", label = "" }) {
    const classes = String(className || "")
      .split(/\s+/)
      .filter((c) => c && !STATE_CLASS.test(c) && !/\d{4,}/.test(c))
      .sort()
      .slice(0, 4)
      .join(".");
    const parts = [String(path || "/"), "|", String(tag).toLowerCase()];
    if (id && !/\d{4,}/.test(id)) parts.push("#" + id);
    if (name) parts.push(`[${name}]`);
    if (classes) parts.push(`{${classes}}`);
    if (label) parts.push(`(${String(label).slice(0, 40)})`);
    return parts.join("");
  }

  /** The field list of a host with `key` added (on) or removed (off = false), sorted, unique. */
  function toggled(list, key, off) {
    const set = new Set(Array.isArray(list) ? list : []);
    if (off) set.add(key);
    else set.delete(key);
    return [...set].sort();
  }

  return { fieldKey, toggled };
});
