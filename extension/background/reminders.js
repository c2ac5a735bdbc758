// Reminders from the helper as chrome.notifications, shown exactly once.
//
// The helper delivers at least once: a reminder handed out by /v1/reminders/due comes again
// (every 30 s) until this extension acknowledges it. So each reminder is shown under
// notification id = reminder id, remembered as shown in chrome.storage.local (which outlives
// the service worker and the browser), and acknowledged right after it is shown. One that
// comes back because the ack was lost is acknowledged again, not shown again.

export const ALARM = "wbg-reminders";
// Chrome 120+ allows 30 s alarms; the helper also shows desktop toasts on its own.
const PERIOD_MINUTES = 0.5;
const PREFIX = "wbg-reminder-";
const SHOWN_KEY = "shownReminders";
// Shown ids are forgotten after this: long past any redelivery of an unacknowledged reminder.
const SHOWN_KEEP_MS = 14 * 24 * 3600 * 1000;

export function notificationId(reminderId) {
  return PREFIX + reminderId;
}

function reminderIdOf(notificationIdValue) {
  return notificationIdValue.startsWith(PREFIX) ? notificationIdValue.slice(PREFIX.length) : null;
}

export function scheduleReminderPolls() {
  chrome.alarms.get(ALARM, (existing) => {
    if (!existing) chrome.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: 0.1 });
  });
}

async function shownReminders() {
  const { [SHOWN_KEY]: shown = {} } = await chrome.storage.local.get(SHOWN_KEY);
  const now = Date.now();
  for (const [id, at] of Object.entries(shown)) if (now - at > SHOWN_KEEP_MS) delete shown[id];
  return shown;
}

async function show(reminder) {
  const title = (reminder.overdue ? chrome.i18n.getMessage("reminderOverdue") + " " : "") + (reminder.title || "");
  await chrome.notifications.create(notificationId(reminder.id), {
    type: "basic",
    iconUrl: chrome.runtime.getURL("icons/icon128.png"),
    title: title || chrome.i18n.getMessage("extName"),
    message: reminder.body || "",
    priority: 2,
    requireInteraction: true,
  });
}

export async function pollReminders(helper) {
  const reply = await helper.post("/v1/reminders/due", {});
  if (!reply.ok || !reply.json || !Array.isArray(reply.json.reminders)) return [];
  const shownBefore = await shownReminders();
  const shown = [];
  const targets = {};
  for (const reminder of reply.json.reminders) {
    const key = String(reminder.id);
    if (!(key in shownBefore)) {
      await show(reminder);
      shownBefore[key] = Date.now();
      // Remembered before the ack: a worker suspended between the two shows nothing twice.
      await chrome.storage.local.set({ [SHOWN_KEY]: shownBefore });
      targets[notificationId(reminder.id)] = { reminderId: reminder.id, complaintId: reminder.complaint_id ?? null };
      shown.push(notificationId(reminder.id));
    }
    // 200, or 409 for a reminder cancelled meanwhile: either way it is done. A failed ack
    // is retried when the helper hands the reminder out again.
    await helper.post(`/v1/reminders/${encodeURIComponent(reminder.id)}/ack`, {});
  }
  await chrome.storage.local.set({ [SHOWN_KEY]: shownBefore });
  if (shown.length) {
    const { reminderTargets = {} } = await chrome.storage.session.get("reminderTargets");
    await chrome.storage.session.set({ reminderTargets: { ...reminderTargets, ...targets } });
  }
  return shown;
}

async function takeTarget(id) {
  const { reminderTargets = {} } = await chrome.storage.session.get("reminderTargets");
  const target = reminderTargets[id] || { reminderId: reminderIdOf(id), complaintId: null };
  delete reminderTargets[id];
  await chrome.storage.session.set({ reminderTargets });
  return target;
}

/** Where a click goes: the complaint's own page when the helper knows it, else the dashboard. */
async function openTarget(helper, target) {
  let url = chrome.runtime.getURL("dashboard/dashboard.html");
  if (target && target.complaintId !== null && target.complaintId !== undefined) {
    url += `#complaint-${encodeURIComponent(target.complaintId)}`;
    const reply = await helper.get("/v1/complaints?status=open");
    const complaints = reply.ok && reply.json && Array.isArray(reply.json.complaints) ? reply.json.complaints : [];
    const found = complaints.find((c) => String(c.id) === String(target.complaintId));
    if (found && typeof found.url === "string" && /^https:\/\//.test(found.url)) url = found.url;
  }
  await chrome.tabs.create({ url });
}

export function listenToNotifications(helper) {
  chrome.notifications.onClicked.addListener((id) => {
    if (!reminderIdOf(id)) return;
    (async () => {
      await openTarget(helper, await takeTarget(id));
      chrome.notifications.clear(id);
    })();
  });
  chrome.notifications.onClosed.addListener((id) => {
    if (reminderIdOf(id)) takeTarget(id);
  });
}
