// Shared by the extension's own pages (popup, dashboard, options): localisation of
// [data-i18n] elements and a promise wrapper around messages to the service worker.

export function t(key, substitutions) {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

export function localize(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  document.documentElement.lang = chrome.i18n.getUILanguage().startsWith("zh") ? "zh-CN" : "en";
}

export function ask(message) {
  return new Promise((resolve) => {
    chrome.runtime.sendMessage(message, (reply) => {
      resolve(chrome.runtime.lastError ? null : reply);
    });
  });
}

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

export function platformName(id) {
  const name = chrome.i18n.getMessage("platform_" + id);
  return name || id;
}

export function errorMessage(reply) {
  const error = reply && reply.json && reply.json.error;
  return error && error.message ? error.message : "";
}
