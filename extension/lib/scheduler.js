/*
 * When to check a draft, and which answers still count.
 *
 * `input()` is all a keystroke costs: it re-arms one timer, whatever the length of the text.
 * After `delayMs` of quiet the text is read once and sent; an answer is used only if the
 * editor still holds exactly the text that was checked (otherwise the underline would sit on
 * the wrong characters) and no newer request was made meanwhile.
 *
 * Timers are injected so tests can drive time.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else (root.WBG = root.WBG || {}).scheduler = api;
})(globalThis, function () {
  "use strict";

  const DEFAULT_DELAY_MS = 250;

  function createDraftChecker(options) {
    const {
      read, // () => current editor text
      check, // (text) => Promise<answer>
      onResult, // (answer, text) for answers that are still current
      onStale = () => {}, // (text) when an answer arrived for text no longer there
      delayMs = DEFAULT_DELAY_MS,
      setTimer = (fn, ms) => setTimeout(fn, ms),
      clearTimer = (id) => clearTimeout(id),
    } = options;
    let timer = null;
    let sequence = 0; // id of the newest request
    let latest = null; // {text, answer} of the newest current answer
    let inflight = null; // {text, seq, promise}

    function input() {
      if (timer !== null) clearTimer(timer);
      timer = setTimer(fire, delayMs);
    }

    function fire() {
      timer = null;
      run();
    }

    function run() {
      const text = read();
      if (latest && latest.text === text) {
        // Typed back to the text last checked (markers were hidden on the way): show it again.
        onResult(latest.answer, text);
        return Promise.resolve(latest);
      }
      if (inflight && inflight.text === text) return inflight.promise;
      const seq = ++sequence;
      const promise = Promise.resolve()
        .then(() => check(text))
        .then((answer) => {
          if (inflight && inflight.seq === seq) inflight = null;
          if (seq !== sequence || read() !== text) {
            onStale(text);
            return null;
          }
          latest = { text, answer };
          onResult(answer, text);
          return latest;
        })
        .catch(() => {
          // A failed check must never break typing: forget it; the next pause retries.
          if (inflight && inflight.seq === seq) inflight = null;
          return null;
        });
      inflight = { text, seq, promise };
      return promise;
    }

    /** Check the current text now (e.g. before a send); resolves to {text, answer} or null. */
    function flush() {
      if (timer !== null) {
        clearTimer(timer);
        timer = null;
      }
      return run();
    }

    /** The answer for `text` if it is the newest one we have. */
    function answerFor(text) {
      return latest && latest.text === text ? latest.answer : null;
    }

    function pending() {
      return timer !== null || inflight !== null;
    }

    function forget() {
      latest = null;
    }

    return { input, flush, answerFor, pending, forget };
  }

  return { createDraftChecker, DEFAULT_DELAY_MS };
});
