/*
 * The connection to the helper as a small state machine: offline / unpaired / connected.
 *
 *   offline    the helper did not answer; retry after a growing delay (1 s, 2 s, 4 s ... 60 s)
 *   unpaired   the helper answers but we hold no valid token: the popup asks for a code
 *   connected  the helper accepted our token
 *
 * Nothing here waits or does I/O: the service worker feeds it events and asks `mayTry(now)`
 * before contacting a helper it believes is down, so a stopped helper costs no time per
 * keystroke. Jitter is injected so tests are deterministic.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).connection = api;
})(globalThis, function () {
  "use strict";

  const STATES = ["offline", "unpaired", "connected"];
  const BASE_DELAY_MS = 1000;
  const MAX_DELAY_MS = 60000;

  function backoffDelay(failures, random = Math.random) {
    const exp = Math.min(BASE_DELAY_MS * 2 ** Math.max(failures - 1, 0), MAX_DELAY_MS);
    // up to 20 % jitter, so many tabs do not retry in lockstep
    return Math.round(exp * (1 - 0.2 * random()));
  }

  function createConnection(options = {}) {
    const random = options.random || Math.random;
    let state = options.hasToken ? "connected" : "unpaired";
    let failures = 0;
    let retryAt = 0;
    let lastError = "";

    const snapshot = () => ({ state, failures, retryAt, lastError });

    // No failures to remember and nothing to wait for; the token decides the state.
    function settle(hasToken) {
      failures = 0;
      retryAt = 0;
      lastError = "";
      state = hasToken ? "connected" : "unpaired";
      return snapshot();
    }

    return {
      snapshot,
      get state() {
        return state;
      },
      /** May we contact the helper now? False only while backing off after failures. */
      mayTry(now) {
        return state !== "offline" || now >= retryAt;
      },
      /** The helper answered (any HTTP status but 401); `hasToken` says whether we sent one. */
      reachable: settle,
      /** The helper rejected our token (401): pairing is needed again. */
      unauthorized() {
        failures = 0;
        retryAt = 0;
        lastError = "unauthorized";
        state = "unpaired";
        return snapshot();
      },
      /** No answer (connection refused, timeout): back off. */
      unreachable(now, error = "unreachable") {
        failures += 1;
        retryAt = now + backoffDelay(failures, random);
        lastError = error;
        state = "offline";
        return snapshot();
      },
      /** The user changed the port or paired: try at once. */
      reset: settle,
    };
  }

  return { createConnection, backoffDelay, STATES, BASE_DELAY_MS, MAX_DELAY_MS };
});
