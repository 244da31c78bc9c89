// A comment as users know it: by its number on the participation platform (ONLINE-1-0339), linked
// to its screen. Comments the user may not see are named by their internal number only.

import { useLoad } from "../data";
import { t } from "../i18n";
import { api } from "../ipc";
import { href } from "../route";

export function CommentRef({ id }: { id: number }) {
  const c = useLoad(() => api.getComment(id), [id]);
  const label = t("commentRef", { n: c.data?.comment.external_id ?? String(id) });
  return c.data ? <a href={href({ screen: "comment", id })}>{label}</a> : <span>{label}</span>;
}
