// Form letters and campaigns: the clusters found automatically (exact and near duplicates) and
// those made by hand. Staff confirm a cluster (then answering its head answers every member),
// merge clusters, or split members off in the inbox view of a cluster.

import { useState } from "react";
import { Button } from "react-aria-components";
import { ErrorNotice, Loading, StatusMessage } from "../../components/notices";
import { useDataVersion, useEntityVersion, useLoad } from "../../data";
import { t } from "../../i18n";
import { api, toIpcError, type ErrorPayload, type SessionInfo } from "../../ipc";
import { href } from "../../route";
import { excerpt, FeedbackNav } from "./common";
import { ScreenHeading } from "../../focus";

function ClusterMembers({ cluster, onDone }: { cluster: number; onDone: (m: string) => void }) {
  const version = useEntityVersion(["comment"]);
  const page = useLoad(() => api.commentPage({ cluster, limit: 200 }), [cluster, version]);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [error, setError] = useState<ErrorPayload>();
  if (!page.data) return <Loading />;
  return (
    <div className="cluster-members">
      {error && <ErrorNotice error={error} />}
      <ul>
        {page.data.comments.map((c) => (
          <li key={c.id}>
            <input
              type="checkbox"
              aria-label={t("fbPickForSplit", { n: c.external_id ?? String(c.id) })}
              checked={picked.has(c.id)}
              onChange={(e) =>
                setPicked((p) => {
                  const n = new Set(p);
                  if (e.target.checked) n.add(c.id);
                  else n.delete(c.id);
                  return n;
                })
              }
            />{" "}
            <a href={href({ screen: "comment", id: c.id })}>{c.external_id ?? c.id}</a>
            {c.cluster?.head === c.id ? ` (${t("fbIsHead")})` : ""}: <span className="comment-excerpt">{excerpt(c.text, 200)}</span>
          </li>
        ))}
      </ul>
      <Button
        className="button secondary"
        isDisabled={picked.size === 0}
        onPress={() =>
          void api.splitCluster(cluster, [...picked]).then(
            () => {
              onDone(t("fbSplitDone", { n: picked.size }));
              setPicked(new Set());
            },
            (e: unknown) => setError(toIpcError(e)),
          )
        }
      >
        {t("fbSplit")}
      </Button>
    </div>
  );
}

export function Clusters({ session }: { session: SessionInfo }) {
  const { bump } = useDataVersion();
  const version = useEntityVersion(["comment"]);
  const list = useLoad(() => api.commentClusters(), [version]);
  const [merge, setMerge] = useState<Set<number>>(new Set());
  const [open, setOpen] = useState<number | null>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<ErrorPayload>();
  const canManage = session.actor.role === "staff" || session.actor.role === "admin";
  const act = (p: Promise<unknown>, m: string) =>
    p.then(
      () => {
        setMessage(m);
        setMerge(new Set());
        bump();
      },
      (e: unknown) => setError(toIpcError(e)),
    );
  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <div className="screen clusters">
      <ScreenHeading>{t("fbClustersHeading")}</ScreenHeading>
      <FeedbackNav current="clusters" />
      <p className="help">{t("fbClustersHelp")}</p>
      {error && <ErrorNotice error={error} />}
      <StatusMessage>{message}</StatusMessage>
      {canManage && (
        <div className="actions">
          <Button className="button secondary" onPress={() => void act(api.findClusters(), t("fbClustersFound"))}>
            {t("fbFindClusters")}
          </Button>
          <Button
            className="button secondary"
            isDisabled={merge.size < 2}
            onPress={() => void act(api.mergeClusters([...merge]), t("fbMerged", { n: merge.size }))}
          >
            {t("fbMerge", { n: merge.size })}
          </Button>
        </div>
      )}
      {list.data.length === 0 && <p>{t("fbNoClusters")}</p>}
      <ul className="cluster-list">
        {list.data.map((k) => (
          <li key={k.id} className="card">
            {canManage && (
              <input
                type="checkbox"
                aria-label={t("fbPickForMerge", { n: k.id })}
                checked={merge.has(k.id)}
                onChange={(e) =>
                  setMerge((m) => {
                    const n = new Set(m);
                    if (e.target.checked) n.add(k.id);
                    else n.delete(k.id);
                    return n;
                  })
                }
              />
            )}
            <h2>
              {t("fbClusterTitle", { n: k.id, size: k.size })} <span className="tag">{t(`fbKind_${k.kind}` as "fbKind_exact")}</span>{" "}
              {k.confirmed ? <span className="tag ok">{t("fbConfirmed")}</span> : <span className="tag">{t("fbUnconfirmed")}</span>}
            </h2>
            <p className="comment-excerpt">{k.head_excerpt}</p>
            <p className="muted">{t("fbClusterDone", { done: k.done, size: k.size })}</p>
            <div className="actions">
              <a className="button secondary" href={href({ screen: "comment", id: k.head })}>
                {t("fbAnswerHead")}
              </a>
              {canManage && !k.confirmed && (
                <Button className="button secondary" onPress={() => void act(api.confirmCluster(k.id), t("fbConfirmedDone", { n: k.size }))}>
                  {t("fbConfirm")}
                </Button>
              )}
              {canManage && (
                <Button className="button secondary" aria-expanded={open === k.id} onPress={() => setOpen(open === k.id ? null : k.id)}>
                  {t("fbShowMembers")}
                </Button>
              )}
            </div>
            {open === k.id && (
              <ClusterMembers
                cluster={k.id}
                onDone={(m) => {
                  setMessage(m);
                  bump();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
