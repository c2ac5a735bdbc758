// Fixture chat behaviour shared by the plain pages, which include this script last in <body>:
// Enter (without Shift) or the 发送 button sends the draft, which is appended to
// window.sentMessages and to the #sent list, and the editor is cleared. Clicks on tel: links
// are recorded in window.callClicks when they reach the page, so a test can tell whether a
// call "went ahead".
(function () {
  "use strict";
  window.sentMessages = [];
  window.sentAt = []; // performance.now() of each send, for bench/extension_bench.py
  window.callClicks = [];

  function record(text) {
    window.sentMessages.push(text);
    window.sentAt.push(performance.now());
    const item = document.createElement("li");
    item.textContent = text;
    document.getElementById("sent").appendChild(item);
  }

  function isTextField(editor) {
    return editor.tagName === "TEXTAREA" || editor.tagName === "INPUT";
  }

  function draftOf(editor) {
    return isTextField(editor) ? editor.value : editor.innerText.replace(/\n$/, "");
  }

  function clear(editor) {
    if (isTextField(editor)) editor.value = "";
    else editor.textContent = "";
  }

  function send(editor) {
    const text = draftOf(editor);
    if (!text.trim()) return;
    record(text);
    clear(editor);
  }

  // Every plain page has one #editor and one .send button; this script is included at the
  // end of <body>, so both exist by now.
  const editor = document.getElementById("editor");
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(editor);
    }
  });
  document.querySelector(".send").addEventListener("click", () => send(editor));

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest('a[href^="tel:"]');
    if (!link) return;
    event.preventDefault(); // a headless browser has no dialer; record the attempt instead
    window.callClicks.push(link.getAttribute("href"));
  });
})();
