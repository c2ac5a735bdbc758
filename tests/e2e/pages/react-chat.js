// A chat whose draft is a React-controlled <textarea>: React owns the value, so a change that
// bypasses React's input path is overwritten on the next render. The draft state is rendered
// into <output id="state"> so a test can see exactly what React believes the draft is.
(function () {
  "use strict";
  const h = React.createElement;
  window.sentMessages = [];

  function Chat() {
    const [draft, setDraft] = React.useState("");
    const [sent, setSent] = React.useState([]);

    function send() {
      if (!draft.trim()) return;
      window.sentMessages.push(draft);
      setSent((list) => list.concat([draft]));
      setDraft("");
    }

    return h(
      "div",
      { className: "chat" },
      h("h1", null, "买家 tb_buyer_03（React）"),
      h("ul", { id: "sent" }, sent.map((text, i) => h("li", { key: i }, text))),
      h("textarea", {
        id: "editor",
        className: "editor",
        rows: 3,
        value: draft,
        onChange: (event) => setDraft(event.target.value),
        onKeyDown: (event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        },
      }),
      h(
        "div",
        { className: "toolbar" },
        h("output", { id: "state", "data-draft": draft }, "React 草稿：" + draft),
        h("button", { type: "button", className: "send", onClick: send }, "发送"),
      ),
    );
  }

  ReactDOM.createRoot(document.getElementById("root")).render(h(Chat));
})();
