// The helper connection: offline / unpaired / connected, and backoff while offline.
const test = require("node:test");
const assert = require("node:assert/strict");
const { createConnection, backoffDelay, BASE_DELAY_MS, MAX_DELAY_MS } = require("../lib/connection.js");

const noJitter = () => 0;

test("starts unpaired without a token and connected with one", () => {
  assert.equal(createConnection({ hasToken: false }).state, "unpaired");
  assert.equal(createConnection({ hasToken: true }).state, "connected");
});

test("backoff doubles from 1 s and stops growing at 60 s", () => {
  const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, noJitter));
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  assert.equal(backoffDelay(1, noJitter), BASE_DELAY_MS);
  assert.equal(backoffDelay(50, noJitter), MAX_DELAY_MS);
});

test("jitter only ever shortens the delay, by at most a fifth", () => {
  assert.equal(backoffDelay(3, () => 0.999999), Math.round(4000 * (1 - 0.2 * 0.999999)));
  for (let i = 0; i < 50; i++) {
    const d = backoffDelay(4, Math.random);
    assert.ok(d <= 8000 && d >= 6400, String(d));
  }
});

test("while offline no call is tried until the backoff has passed", () => {
  const c = createConnection({ hasToken: true, random: noJitter });
  assert.equal(c.mayTry(0), true);
  c.unreachable(10000);
  assert.equal(c.state, "offline");
  assert.equal(c.mayTry(10999), false);
  assert.equal(c.mayTry(11000), true);
  c.unreachable(11000);
  assert.equal(c.snapshot().retryAt, 13000);
  assert.equal(c.snapshot().failures, 2);
  assert.equal(c.mayTry(12999), false);
});

test("the helper answering ends the backoff: connected with a token, else unpaired", () => {
  const c = createConnection({ hasToken: true, random: noJitter });
  c.unreachable(0);
  c.unreachable(1000);
  assert.deepEqual(c.reachable(true), { state: "connected", failures: 0, retryAt: 0, lastError: "" });
  c.unreachable(5000);
  assert.equal(c.reachable(false).state, "unpaired");
  assert.equal(c.mayTry(5001), true);
});

test("a rejected token means pairing again, not offline", () => {
  const c = createConnection({ hasToken: true });
  const s = c.unauthorized();
  assert.equal(s.state, "unpaired");
  assert.equal(s.lastError, "unauthorized");
  assert.equal(c.mayTry(0), true);
});

test("reset (new port, new pairing) tries again at once", () => {
  const c = createConnection({ hasToken: false, random: noJitter });
  c.unreachable(0);
  c.unreachable(0);
  assert.equal(c.mayTry(1), false);
  assert.equal(c.reset(true).state, "connected");
  assert.equal(c.mayTry(1), true);
});
