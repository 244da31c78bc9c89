// How the browser mock refuses, for all its parts: as the core does.

import type { ErrorPayload, Message } from "./bindings";
import { errorText } from "../messages";

/** Fails as the core does: a message (free text where the core has no key the mock needs), and
 * `message` framed by the UI's catalogue. */
export function fail(code: string, say: string | Message, extra: Pick<ErrorPayload, "current_version" | "field"> = {}): never {
  const m: Message = typeof say === "string" ? { key: "text", params: { text: say } } : say;
  throw { code, message: errorText({ code, message: "", ...extra, ...m }), ...extra, ...m } satisfies ErrorPayload;
}
