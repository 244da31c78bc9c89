import { useState } from "react";
import { Button, Form, Heading } from "react-aria-components";
import { TextInput } from "../components/fields";
import { ErrorNotice } from "../components/notices";
import { t } from "../i18n";
import { api, chooseConceptFile, toIpcError, type ErrorPayload, type SessionInfo, type StartInfo } from "../ipc";
import { ScreenHeading } from "../focus";
import { WordAdoption } from "./WordAdoption";

/** Choose or create a concept (file or team database) and who works on it. */
export function Start({ info, onOpened }: { info: StartInfo; onOpened: (s: SessionInfo) => void }) {
  const [location, setLocation] = useState(info.last?.location ?? info.env_db ?? "");
  const [user, setUser] = useState(info.last?.user ?? "");
  const [error, setError] = useState<ErrorPayload>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<SessionInfo>) => {
    setBusy(true);
    setError(undefined);
    try {
      onOpened(await action());
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="inhalt" className="start">
      <ScreenHeading>{t("appName")}</ScreenHeading>
      {info.env_db && !info.session && (
        <p className="notice error" role="alert">
          {t("envDbFailed", { db: info.env_db })}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      <section aria-labelledby="demo-heading" className="card">
        <Heading id="demo-heading" level={2}>
          {t("demoTitle")}
        </Heading>
        <p>{t("demoIntro")}</p>
        <Button
          className="button primary"
          isDisabled={busy}
          onPress={() => run(() => (info.demo_exists ? api.openConcept(info.demo_location, null) : api.createDemo(info.demo_location)))}
        >
          {info.demo_exists ? t("demoOpen") : t("demoCreate")}
        </Button>
      </section>
      <section aria-labelledby="open-heading" className="card">
        <Heading id="open-heading" level={2}>
          {t("startTitle")}
        </Heading>
        <p>{t("startIntro")}</p>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.openConcept(location, user.trim() || null));
          }}
        >
          <div className="row-of-fields">
            <TextInput label={t("location")} value={location} onChange={setLocation} isRequired name="location" />
            <Button
              className="button secondary"
              isDisabled={busy}
              onPress={() =>
                void chooseConceptFile(t("chooseFileTitle"), t("conceptFiles")).then(
                  (path) => path && setLocation(path),
                  (e: unknown) => setError(toIpcError(e)),
                )
              }
            >
              {t("chooseFile")}
            </Button>
          </div>
          <TextInput label={t("user")} value={user} onChange={setUser} name="user" description={t("userHelp", { identity: "Ihr Windows-Konto" })} />
          <Button type="submit" className="button primary" isDisabled={busy || !location.trim()}>
            {t("open")}
          </Button>
        </Form>
      </section>
      <WordAdoption onOpened={onOpened} />
    </main>
  );
}
