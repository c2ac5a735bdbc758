// The buyer a page shows, by the site profile's buyer selectors (dial check and send guard).
const test = require("node:test");
const assert = require("node:assert/strict");
const { buyerOnPage } = require("../lib/buyer.js");

/** A document stand-in: selector -> {text, phone}; "bad" throws like an invalid selector. */
function fakeDoc(nodes, parent) {
  const doc = {
    querySelector(selector) {
      if (selector === "bad") throw new SyntaxError("bad selector");
      const n = nodes[selector];
      return n ? { textContent: n.text || "", getAttribute: (name) => (name === "data-phone" ? n.phone || null : null) } : null;
    },
  };
  const view = { document: doc };
  view.parent = parent ? parent.defaultView : view;
  doc.defaultView = view;
  return doc;
}

const profile = { buyer_selectors: ["bad", ".buyer-nick", ".contact"] };

test("the first selector that names a buyer wins; a bad selector is skipped", () => {
  assert.equal(buyerOnPage(fakeDoc({ ".buyer-nick": { text: "  tb_buyer_01 " } }), profile), "tb_buyer_01");
  assert.equal(buyerOnPage(fakeDoc({ ".buyer-nick": { text: " " }, ".contact": { text: "b" } }), profile), "b");
});

test("a data-phone attribute is preferred to the text; values are cut at 100 chars", () => {
  assert.equal(buyerOnPage(fakeDoc({ ".contact": { text: "联系买家", phone: "13800138000" } }), profile), "13800138000");
  assert.equal(buyerOnPage(fakeDoc({ ".contact": { text: "x".repeat(150) } }), profile).length, 100);
});

test("an editor in a same-origin iframe finds the buyer its parent page shows", () => {
  const top = fakeDoc({ ".buyer-nick": { text: "tb_parent" } });
  const frame = fakeDoc({}, top);
  assert.equal(buyerOnPage(frame, profile), "tb_parent");
  assert.equal(buyerOnPage(fakeDoc({ ".buyer-nick": { text: "tb_own" } }, top), profile), "tb_own");
});

test("no profile, no selectors or nothing shown: no buyer", () => {
  const doc = fakeDoc({ ".buyer-nick": { text: "tb_x" } });
  assert.equal(buyerOnPage(doc, null), "");
  assert.equal(buyerOnPage(doc, { buyer_selectors: [] }), "");
  assert.equal(buyerOnPage(fakeDoc({}), profile), "");
});
