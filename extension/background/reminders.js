// Reminders from the helper as chrome.notifications. The notification id is the reminder
// id, so a reminder that comes back on the next poll replaces its notification instead of
// adding a second one. The helper keeps returning a reminder until it is acknowledged, which
// happens when the agent clicks or closes the notification.

export const ALARM = "wbg-reminders";
// Chrome 120+ allows 30 s alarms; the helper also shows desktop toasts on its own.
const PERIOD_MINUTES = 0.5;
const PREFIX = "wbg-reminder-";

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

export async function pollReminders(helper) {
  const reply = await helper.post("/v1/reminders/due", {});
  if (!reply.ok || !reply.json || !Array.isArray(reply.json.reminders)) return [];
  const shown = [];
  const targets = {};
  for (const reminder of reply.json.reminders) {
    const id = notificationId(reminder.id);
    targets[id] = { reminderId: reminder.id, complaintId: reminder.complaint_id ?? null };
    const title = (reminder.overdue ? chrome.i18n.getMessage("reminderOverdue") + " " : "") + (reminder.title || "");
    await chrome.notifications.create(id, {
      type: "basic",
      iconUrl: chrome.runtime.getURL("icons/icon128.png"),
      title: title || chrome.i18n.getMessage("extName"),
      message: reminder.body || "",
      priority: 2,
      requireInteraction: true,
    });
    shown.push(id);
  }
  if (shown.length) {
    const { reminderTargets = {} } = await chrome.storage.session.get("reminderTargets");
    await chrome.storage.session.set({ reminderTargets: { ...reminderTargets, ...targets } });
  }
  return shown;
}

async function targetOf(id) {
  const { reminderTargets = {} } = await chrome.storage.session.get("reminderTargets");
  return reminderTargets[id] || { reminderId: reminderIdOf(id), complaintId: null };
}

async function acknowledge(helper, id) {
  const target = await targetOf(id);
  if (target.reminderId === null || target.reminderId === undefined) return;
  await helper.post(`/v1/reminders/${encodeURIComponent(target.reminderId)}/ack`, {});
  const { reminderTargets = {} } = await chrome.storage.session.get("reminderTargets");
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
      const target = await targetOf(id);
      await openTarget(helper, target);
      await acknowledge(helper, id);
      chrome.notifications.clear(id);
    })();
  });
  chrome.notifications.onClosed.addListener((id, byUser) => {
    if (byUser && reminderIdOf(id)) acknowledge(helper, id);
  });
}
