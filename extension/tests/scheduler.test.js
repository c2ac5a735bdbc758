// Debouncing and dropping answers for text that has changed, with hand-driven timers.
const test = require("node:test");
const assert = require("node:assert/strict");
const { createDraftChecker, DEFAULT_DELAY_MS } = require("../lib/scheduler.js");

function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const timers = new Map();
  return {
    set(fn, ms) {
      const id = nextId++;
      timers.set(id, { fn, at: now + ms });
      return id;
    },
    clear(id) {
      timers.delete(id);
    },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    get count() {
      return timers.size;
    },
  };
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((r) => setImmediate(r));

function harness() {
  const timers = fakeTimers();
  const editor = { text: "" };
  const requests = [];
  const results = [];
  const stale = [];
  const checker = createDraftChecker({
    read: () => editor.text,
    check: (text) => {
      const d = deferred();
      requests.push({ text, ...d });
      return d.promise;
    },
    onResult: (answer, text) => results.push({ answer, text }),
    onStale: (text) => stale.push(text),
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  return { timers, editor, requests, results, stale, checker };
}

test("checks once, DEFAULT_DELAY_MS after typing pauses", async () => {
  const h = harness();
  for (const ch of "你这个傻X") {
    h.editor.text += ch;
    h.checker.input();
    h.timers.advance(100);
  }
  await settle();
  assert.equal(h.requests.length, 0, "no check while typing continues");
  assert.equal(h.timers.count, 1, "one timer, re-armed on each keystroke");
  h.timers.advance(DEFAULT_DELAY_MS - 100);
  await settle();
  assert.deepEqual(h.requests.map((r) => r.text), ["你这个傻X"]);
  h.requests[0].resolve({ verdict: "block" });
  await settle();
  assert.deepEqual(h.results, [{ answer: { verdict: "block" }, text: "你这个傻X" }]);
  assert.deepEqual(h.checker.answerFor("你这个傻X"), { verdict: "block" });
});

test("an answer for text that changed meanwhile is dropped", async () => {
  const h = harness();
  h.editor.text = "你这个傻X";
  h.checker.input();
  h.timers.advance(DEFAULT_DELAY_MS);
  await settle();
  h.editor.text = "你这个";
  h.requests[0].resolve({ verdict: "block" });
  await settle();
  assert.deepEqual(h.results, []);
  assert.deepEqual(h.stale, ["你这个傻X"]);
  assert.equal(h.checker.answerFor("你这个"), null);
});

test("an older answer arriving after a newer request is dropped", async () => {
  const h = harness();
  h.editor.text = "a";
  h.checker.input();
  h.timers.advance(DEFAULT_DELAY_MS);
  await settle();
  h.editor.text = "ab";
  h.checker.input();
  h.timers.advance(DEFAULT_DELAY_MS);
  await settle();
  h.editor.text = "a"; // the agent deleted the b: the text equals the first request again
  h.requests[0].resolve({ verdict: "ok", n: 1 });
  await settle();
  assert.deepEqual(h.results, [], "request 1 is not the newest any more");
  h.requests[1].resolve({ verdict: "ok", n: 2 });
  await settle();
  assert.deepEqual(h.results, [], "request 2 is for text no longer there");
  assert.deepEqual(h.stale, ["a", "ab"]);
});

test("flush checks at once and reuses a current answer", async () => {
  const h = harness();
  h.editor.text = "你等着";
  h.checker.input();
  const flushed = h.checker.flush();
  assert.equal(h.timers.count, 0, "the pending timer is cancelled");
  await settle();
  h.requests[0].resolve({ verdict: "block" });
  assert.deepEqual((await flushed).answer, { verdict: "block" });
  const again = await h.checker.flush();
  assert.equal(h.requests.length, 1, "no second request for the same text");
  assert.deepEqual(again.answer, { verdict: "block" });
});

test("flush while the same text is in flight waits for that request", async () => {
  const h = harness();
  h.editor.text = "x";
  h.checker.input();
  h.timers.advance(DEFAULT_DELAY_MS);
  await settle();
  assert.equal(h.checker.pending(), true);
  const flushed = h.checker.flush();
  await settle();
  assert.equal(h.requests.length, 1);
  h.requests[0].resolve({ verdict: "ok" });
  assert.deepEqual((await flushed).answer, { verdict: "ok" });
  assert.equal(h.checker.pending(), false);
});

test("a failed check is forgotten and never throws into the page", async () => {
  const timers = fakeTimers();
  let calls = 0;
  const checker = createDraftChecker({
    read: () => "x",
    check: () => {
      calls++;
      return Promise.reject(new Error("worker gone"));
    },
    onResult: () => assert.fail("no result"),
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  assert.equal(await checker.flush(), null);
  assert.equal(checker.pending(), false);
  await checker.flush();
  assert.equal(calls, 2, "the next pause retries");
});

test("a keystroke costs the same whatever the length of the text", () => {
  // input() must not read the text: reading is what grows with the length.
  let reads = 0;
  const timers = fakeTimers();
  const checker = createDraftChecker({
    read: () => {
      reads++;
      return "x".repeat(100000);
    },
    check: () => Promise.resolve({}),
    onResult: () => {},
    setTimer: timers.set,
    clearTimer: timers.clear,
  });
  for (let i = 0; i < 1000; i++) checker.input();
  assert.equal(reads, 0);
  assert.equal(timers.count, 1);
});
