/*
 * The buyer a chat page shows, read with the site profile's `buyer_selectors` (a nick, or a
 * phone from a `data-phone` attribute). The dial check uses it for a call button that names
 * no number, and the send guard sends it with every warning decision, so the helper can link
 * the warning to the buyer's complaints (stored only as a keyed hash).
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).buyer = api;
})(globalThis, function () {
  "use strict";

  const MAX_CHARS = 100; // what POST /v1/warnings and /v1/contacts/* accept

  function inDocument(doc, selectors) {
    for (const selector of selectors) {
      try {
        const node = doc.querySelector(selector);
        const value = node && (node.getAttribute("data-phone") || node.textContent || "").trim();
        if (value) return value.slice(0, MAX_CHARS);
      } catch (_) {
        /* a bad selector in a site profile must not break the page */
      }
    }
    return "";
  }

  /** Same-origin documents from `doc` up to the top (a chat editor may sit in an iframe). */
  function documentsUp(doc) {
    const docs = [doc];
    let view = doc && doc.defaultView;
    while (view && view.parent && view.parent !== view) {
      try {
        docs.push(view.parent.document);
      } catch (_) {
        break; // a cross-origin parent: its page is not ours to read
      }
      view = view.parent;
    }
    return docs;
  }

  /** The buyer the page shows per the profile (the editor's document first), or "". */
  function buyerOnPage(doc, profile) {
    const selectors = (profile && profile.buyer_selectors) || [];
    if (!doc || !selectors.length) return "";
    for (const d of documentsUp(doc)) {
      const found = inDocument(d, selectors);
      if (found) return found;
    }
    return "";
  }

  return { buyerOnPage };
});
