// The 「举证材料」 button of a complaint: asks the service worker for the complaint's evidence
// pack (HTML the helper renders, behind the token) and opens it in a new tab to read, save
// or print. The HTML holds no script; the tab inherits this page's CSP besides.
import { ask, el, t } from "../ui/common.js";

export function evidenceButton(complaintId) {
  const button = el("button", "evidence", t("dashEvidence"));
  button.type = "button";
  button.dataset.complaint = String(complaintId);
  button.addEventListener("click", async () => {
    button.disabled = true;
    const reply = await ask({ type: "evidence", id: complaintId });
    button.disabled = false;
    const ok = reply && reply.status === 200 && typeof reply.text === "string";
    button.classList.toggle("failed", !ok);
    button.title = ok ? "" : t("dashEvidenceFailed");
    if (!ok) return;
    const url = URL.createObjectURL(new Blob([reply.text], { type: "text/html;charset=utf-8" }));
    window.open(url, "_blank");
    // The new tab has loaded it by then; the dashboard stays open all day.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
  return button;
}
