// UTF-16 offsets (what the helper reports and JavaScript counts) against code points.
const test = require("node:test");
const assert = require("node:assert/strict");
const { utf16ToCodePoint, codePointToUtf16, snap, findingSpan } = require("../lib/offsets.js");

const EMOJI = "😀"; // one code point, two UTF-16 units

test("plain BMP text: both units agree", () => {
  const text = "你好傻X";
  for (let i = 0; i <= text.length; i++) {
    assert.equal(utf16ToCodePoint(text, i), i);
    assert.equal(codePointToUtf16(text, i), i);
  }
});

test("an emoji before the insult shifts UTF-16 but not code points", () => {
  const text = `你好${EMOJI}${EMOJI}傻X`;
  assert.equal(text.length, 8);
  assert.equal(text.indexOf("傻X"), 6);
  assert.equal(utf16ToCodePoint(text, 6), 4);
  assert.equal(codePointToUtf16(text, 4), 6);
  assert.equal(text.slice(codePointToUtf16(text, 4), codePointToUtf16(text, 6)), "傻X");
});

test("round trip over every code point boundary of a mixed string", () => {
  const text = `a${EMOJI}b👍🏽c𠮷d`; // emoji, emoji + skin tone modifier, astral CJK
  const points = [...text];
  let units = 0;
  for (let cp = 0; cp <= points.length; cp++) {
    assert.equal(codePointToUtf16(text, cp), units);
    assert.equal(utf16ToCodePoint(text, units), cp);
    if (cp < points.length) units += points[cp].length;
  }
});

test("an offset inside a surrogate pair counts as the pair's start", () => {
  const text = `x${EMOJI}y`;
  assert.equal(utf16ToCodePoint(text, 2), 1);
  assert.equal(snap(text, 2, "start"), 1);
  assert.equal(snap(text, 2, "end"), 3);
  assert.equal(snap(text, 1, "start"), 1);
});

test("offsets are clamped to the text", () => {
  assert.equal(codePointToUtf16("ab", 10), 2);
  assert.equal(utf16ToCodePoint("ab", 10), 2);
  assert.equal(utf16ToCodePoint("ab", -3), 0);
});

test("findingSpan prefers UTF-16 offsets and validates them", () => {
  const text = `${EMOJI}你这个狗东西`;
  assert.deepEqual(findingSpan(text, { start: 5, end: 8, start_cp: 4, end_cp: 7 }), { start: 5, end: 8 });
  assert.equal(findingSpan(text, { start: 5, end: 99 }), null);
  assert.equal(findingSpan(text, { start: 6, end: 6 }), null);
});

test("findingSpan falls back to code points when UTF-16 offsets are missing", () => {
  const text = `${EMOJI}${EMOJI}傻X`;
  const span = findingSpan(text, { start_cp: 2, end_cp: 4 });
  assert.deepEqual(span, { start: 4, end: 6 });
  assert.equal(text.slice(span.start, span.end), "傻X");
  assert.equal(findingSpan(text, {}), null);
});

test("findingSpan never splits an emoji", () => {
  const text = `a${EMOJI}b`;
  assert.deepEqual(findingSpan(text, { start: 2, end: 3 }), { start: 1, end: 3 });
});
