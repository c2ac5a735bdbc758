/*
 * The dial check: clicks on tel:/sms: links and on the call buttons a site profile names are
 * held until the agent has seen the contact verdict (allow/warn/block, reasons, next allowed
 * time); after the call the agent picks 接通/未接/忙线 and the attempt is recorded.
 * With the helper down the click goes through untouched.
 */
(function () {
  "use strict";
  const WBG = globalThis.WBG;
  const { bridge } = WBG;
  let replaying = false;
  // What the one-click 「买家说不要再打」 records: the stop in the buyer's own terms.
  const STOP_WORDS = "不要再打电话了";

  function maskLocally(value) {
    const digits = value.replace(/\D/g, "");
    if (digits.length >= 7) return digits.slice(0, 3) + "****" + digits.slice(-4);
    return value.length > 1 ? value[0] + "***" : "***";
  }

  /** {buyer, channel, element} for a click that starts a call or SMS, or null. */
  function contactOf(target, profile) {
    if (!target || target.nodeType !== 1) return null;
    const link = target.closest('a[href^="tel:"], a[href^="sms:"]');
    if (link) {
      const href = link.getAttribute("href");
      const channel = href.startsWith("sms:") ? "sms" : "call";
      const buyer = decodeURIComponent(href.slice(4).split(/[?;]/)[0]).trim();
      return buyer ? { buyer, channel, element: link } : null;
    }
    for (const selector of (profile && profile.call_button_selectors) || []) {
      let button = null;
      try {
        button = target.closest(selector);
      } catch (_) {
        continue;
      }
      if (!button) continue;
      const own = button.getAttribute("data-phone") || button.getAttribute("data-tel");
      const buyer = own || WBG.buyer.buyerOnPage(button.ownerDocument, profile);
      return buyer ? { buyer, channel: "call", element: button } : null;
    }
    return null;
  }

  function onClick(event, app) {
    if (replaying || event.button !== 0 || !app.enabled()) return;
    const contact = contactOf(event.target, app.profile());
    if (!contact || app.offline()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const doc = contact.element.ownerDocument;
    const overlay = WBG.overlay.forDocument(doc);
    const anchor = contact.element.getBoundingClientRect();
    const buyer = { masked: maskLocally(contact.buyer) };
    const proceed = () => {
      replaying = true;
      try {
        contact.element.click();
      } finally {
        replaying = false;
      }
    };
    const callbacks = {
      buyer,
      channel: contact.channel,
      onGo: proceed,
      onClose: () => {},
      onOutcome: async (outcome) => {
        const reply = await bridge.send({
          type: "contactAttempt", buyer: contact.buyer, channel: contact.channel, outcome, platform: app.platform(),
        });
        return reply.state === "connected" && reply.status >= 200 && reply.status < 300;
      },
      onBuyerWords: async (words) => {
        const reply = await bridge.send({ type: "buyerMessage", buyer: contact.buyer, text: words || STOP_WORDS });
        return reply.state === "connected" && reply.status >= 200 && reply.status < 300;
      },
    };
    overlay.showDial(anchor, { ...callbacks, reply: { state: "checking" } });
    const check = { type: "contactCheck", buyer: contact.buyer, channel: contact.channel, platform: app.platform() };
    bridge.send(check).then((reply) => {
      if (reply.state !== "connected" || !(reply.status >= 200 && reply.status < 300)) {
        // Helper down or not paired: never stand between the agent and the phone.
        overlay.hideDial();
        proceed();
        return;
      }
      overlay.showDial(anchor, { ...callbacks, reply });
    });
  }

  function install(win, app) {
    win.addEventListener("click", (e) => onClick(e, app), true);
  }

  WBG.dial = { install, contactOf };
})();
