import { useState } from "react";
import { Button } from "react-aria-components";
import { SelectInput } from "../components/fields";
import { ErrorNotice, ShareNotice, StatusMessage } from "../components/notices";
import { roleLabel, t } from "../i18n";
import { api, toIpcError, type ErrorPayload, type SessionInfo } from "../ipc";
import { ScreenHeading } from "../focus";
import { Backups } from "./Backups";

/** The open concept and who works on it; switching users is for admins (scripts, support). */
export function Session({ session, onChanged, onClose }: { session: SessionInfo; onChanged: (s: SessionInfo) => void; onClose: () => void }) {
  const [user, setUser] = useState<string | null>(session.actor.name);
  const [error, setError] = useState<ErrorPayload>();
  const [message, setMessage] = useState("");
  return (
    <div className="screen session">
      <ScreenHeading>{t("sessionTitle")}</ScreenHeading>
      <dl className="facts-list">
        <dt>{t("concept")}</dt>
        <dd>{session.location}</dd>
        <dt>{t("actingAs")}</dt>
        <dd>
          {session.actor.display_name} ({roleLabel(session.actor.role)}
          {session.actor.ministry ? `, ${session.actor.ministry}` : ""})
        </dd>
      </dl>
      {session.dialect === "postgres" && <p>{t("teamMode")}</p>}
      <ShareNotice session={session} />
      <StatusMessage>{message}</StatusMessage>
      {error && <ErrorNotice error={error} />}
      <section className="card" aria-labelledby="who-heading">
        <h2 id="who-heading">{t("whoAmI")}</h2>
        <div className="row-of-fields">
          <SelectInput
            label={t("user")}
            value={user}
            onChange={setUser}
            options={session.users
              .filter((u) => u.active)
              .map((u) => ({ id: u.name, label: `${u.display_name} (${roleLabel(u.role)}${u.ministry ? `, ${u.ministry}` : ""})` }))}
          />
          <Button
            className="button primary"
            isDisabled={!user || user === session.actor.name}
            onPress={() => {
              if (!user) return;
              api.switchUser(user).then(
                (s) => {
                  setError(undefined);
                  setMessage(`${t("actingAs")}: ${s.actor.display_name}`);
                  onChanged(s);
                },
                (e: unknown) => setError(toIpcError(e)),
              );
            }}
          >
            {t("switchUser")}
          </Button>
        </div>
      </section>
      <Backups />
      <Button className="button secondary" onPress={onClose}>
        {t("closeConcept")}
      </Button>
    </div>
  );
}
