-- Co-signing rounds (Mitzeichnung, Ressortabstimmung; see src/store/cosign): a drafter asks
-- ministries to co-sign a frozen edition by a deadline; each asked ministry answers once per
-- draft. Who and when come from the changesets, like everything else in the history.
CREATE TABLE cosign_rounds (
    id           INTEGER PRIMARY KEY,
    -- The draft the ministries are asked to sign now: a newer draft frozen while the round is
    -- open replaces it (and the answers of ministries whose measures changed are superseded).
    edition_id   INTEGER NOT NULL REFERENCES editions (id),
    due          TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('offen', 'abgeschlossen')),
    -- The changeset that opened the round.
    changeset_id INTEGER NOT NULL REFERENCES changesets (id),
    closed_at    TEXT,
    version      INTEGER NOT NULL DEFAULT 1
);
-- One round open at a time: a new draft moves the open round, so there is never a question
-- which round it belongs to.
CREATE UNIQUE INDEX cosign_rounds_one_open ON cosign_rounds (status) WHERE status = 'offen';

-- The ministries asked; `required` marks those whose consent the cabinet paper must state
-- (the finance ministry).
CREATE TABLE cosign_ministries (
    round_id    INTEGER NOT NULL REFERENCES cosign_rounds (id),
    ministry_id INTEGER NOT NULL REFERENCES ministries (id),
    required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    PRIMARY KEY (round_id, ministry_id)
);
CREATE TRIGGER cosign_ministries_immutable_update BEFORE UPDATE ON cosign_ministries
BEGIN SELECT RAISE(ABORT, 'cosign_ministries are insert-only'); END;
CREATE TRIGGER cosign_ministries_immutable_delete BEFORE DELETE ON cosign_ministries
BEGIN SELECT RAISE(ABORT, 'cosign_ministries are insert-only'); END;

-- A ministry's answer to one draft. What was answered never changes; a later draft can only
-- mark it superseded (überholt), and a drafter can only record how a reservation was settled.
CREATE TABLE cosign_answers (
    id                        INTEGER PRIMARY KEY,
    round_id                  INTEGER NOT NULL REFERENCES cosign_rounds (id),
    ministry_id               INTEGER NOT NULL REFERENCES ministries (id),
    edition_id                INTEGER NOT NULL REFERENCES editions (id),
    result                    TEXT NOT NULL CHECK (result IN ('mitgezeichnet', 'massgaben',
                                                              'vorbehalt', 'abgelehnt')),
    text                      TEXT NOT NULL DEFAULT '',
    -- The measures the conditions or the reservation concern: a JSON array of codes.
    measures                  TEXT NOT NULL DEFAULT '[]',
    -- 1: recorded by a drafter for the ministry (received by letter or mail).
    on_behalf                 INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
    changeset_id              INTEGER NOT NULL REFERENCES changesets (id),
    superseded_by_edition_id  INTEGER REFERENCES editions (id),
    settlement                TEXT,
    version                   INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX cosign_answers_current ON cosign_answers (round_id, ministry_id)
    WHERE superseded_by_edition_id IS NULL;
CREATE TRIGGER cosign_answers_answer_immutable
BEFORE UPDATE OF round_id, ministry_id, edition_id, result, text, measures, on_behalf, changeset_id
ON cosign_answers
BEGIN SELECT RAISE(ABORT, 'an answer stays as it was given'); END;
CREATE TRIGGER cosign_answers_immutable_delete BEFORE DELETE ON cosign_answers
BEGIN SELECT RAISE(ABORT, 'answers are never deleted'); END;
