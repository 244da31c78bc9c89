// Copying a text to the clipboard (the reminders to send). The asynchronous Clipboard API where
// the webview grants it; otherwise the older way, a selected text area and the "copy" command,
// which WebKitGTK and every browser still run inside a user's key press or click. The focus
// goes back where it was, so that a keyboard user stays on the button they pressed.

export async function copyText(text: string): Promise<void> {
  if (typeof navigator !== "undefined" && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Refused (no secure context, no permission): the fallback below.
    }
  }
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.setAttribute("aria-hidden", "true");
  area.className = "clipboard-buffer";
  document.body.appendChild(area);
  area.select();
  let copied: boolean;
  try {
    copied = document.execCommand("copy");
  } finally {
    area.remove();
    before?.focus();
  }
  if (!copied) throw new Error("die Zwischenablage ist nicht erreichbar");
}
