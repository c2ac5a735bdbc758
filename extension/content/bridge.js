/*
 * Messages to the service worker. Content scripts never talk to the helper themselves.
 * Every call resolves (never rejects): when the extension is reloaded or the worker fails,
 * the answer is {state: "offline"} and the page carries on as if the helper were stopped.
 */
(function () {
  "use strict";
  const WBG = globalThis.WBG;

  function send(message, timeoutMs = 6000) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ state: "offline", timeout: true }), timeoutMs);
      const done = (reply) => {
        clearTimeout(timer);
        resolve(reply || { state: "offline" });
      };
      try {
        chrome.runtime.sendMessage(message, (reply) => {
          if (chrome.runtime.lastError) done({ state: "offline" });
          else done(reply);
        });
      } catch (_) {
        done({ state: "offline" }); // extension context invalidated (extension reloaded)
      }
    });
  }

  function t(key, substitutions) {
    try {
      return chrome.i18n.getMessage(key, substitutions) || key;
    } catch (_) {
      return key;
    }
  }

  WBG.bridge = { send, t };
})();
