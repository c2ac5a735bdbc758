// contenteditable text extraction and the map back to DOM positions, on a small fake DOM.
const test = require("node:test");
const assert = require("node:assert/strict");
const { build, pointAt, piecesBetween, offsetOf } = require("../lib/textmodel.js");

// The fake DOM has only what textmodel uses: nodeType, nodeName, data, firstChild, nextSibling.
function link(node, children) {
  node.firstChild = children[0] || null;
  children.forEach((child, i) => {
    child.parentNode = node;
    child.nextSibling = children[i + 1] || null;
  });
  return node;
}
const text = (data) => ({ nodeType: 3, nodeName: "#text", data });
const elem = (name, ...children) => link({ nodeType: 1, nodeName: name }, children);
const comment = (data) => ({ nodeType: 8, nodeName: "#comment", data });

function slice(model, start, end) {
  return piecesBetween(model, start, end)
    .map((p) => p.node.data.slice(p.startOffset, p.endOffset))
    .join("");
}

test("inline formatting keeps one line and maps each text node", () => {
  const a = text("你这个");
  const b = text("狗东西");
  const root = elem("DIV", a, elem("B", b), text("！"));
  const model = build(root);
  assert.equal(model.text, "你这个狗东西！");
  assert.deepEqual(pointAt(model, 4, "start"), { node: b, offset: 1 });
  assert.equal(slice(model, 2, 6), "个狗东西");
});

test("blocks and <br> become line breaks that belong to no text node", () => {
  const first = text("第一行");
  const second = text("你这个狗东西");
  const root = elem("DIV", first, elem("DIV", second), elem("DIV", elem("BR")), elem("P", text("三")));
  const model = build(root);
  assert.equal(model.text, "第一行\n你这个狗东西\n\n三");
  const start = model.text.indexOf("狗东西");
  assert.equal(slice(model, start, start + 3), "狗东西");
  assert.deepEqual(pointAt(model, start, "start"), { node: second, offset: 3 });
  // the synthetic break: a start moves to the next text node, an end stays at the line end
  assert.deepEqual(pointAt(model, 3, "start"), { node: first, offset: 3 });
  assert.deepEqual(pointAt(model, 4, "start"), { node: second, offset: 0 });
  assert.deepEqual(pointAt(model, 4, "end"), { node: first, offset: 3 });
});

test("a <pre> editor (1688 chat) keeps its own newlines", () => {
  const node = text("你好\n你等着");
  const model = build(elem("PRE", node));
  assert.equal(model.text, "你好\n你等着");
  assert.deepEqual(pointAt(model, 3, "start"), { node, offset: 3 });
});

test("a range across text nodes is split into per-node pieces", () => {
  const a = text("我知道");
  const b = text("你住哪");
  const model = build(elem("DIV", elem("SPAN", a), elem("SPAN", b)));
  const pieces = piecesBetween(model, 1, 5);
  assert.deepEqual(
    pieces.map((p) => [p.node, p.startOffset, p.endOffset]),
    [
      [a, 1, 3],
      [b, 0, 2],
    ]
  );
  // at a node boundary an end belongs to the earlier node, a start to the later one
  assert.deepEqual(pointAt(model, 3, "end"), { node: a, offset: 3 });
  assert.deepEqual(pointAt(model, 3, "start"), { node: b, offset: 0 });
});

test("emoji offsets are UTF-16 offsets into the text nodes", () => {
  const node = text("😀你这个傻X");
  const model = build(elem("DIV", node));
  const start = model.text.indexOf("傻X");
  assert.equal(start, 5);
  assert.equal(slice(model, start, start + 2), "傻X");
});

test("scripts, styles and comments are not text", () => {
  const model = build(elem("DIV", text("a"), elem("STYLE", text("p{}")), comment("x"), elem("SCRIPT", text("1")), text("b")));
  assert.equal(model.text, "ab");
});

test("an empty editor has no text and no points", () => {
  const model = build(elem("DIV"));
  assert.equal(model.text, "");
  assert.equal(pointAt(model, 0, "start"), null);
});

test("a caret in a text node maps back to its offset in the model's text", () => {
  const first = text("第一行");
  const second = text("你这个狗东西");
  const model = build(elem("DIV", first, elem("DIV", second)));
  assert.equal(offsetOf(model, second, 3), model.text.indexOf("狗东西"));
  assert.equal(offsetOf(model, first, 99), 3); // clamped to the node
  assert.equal(offsetOf(model, text("elsewhere"), 0), null);
});
