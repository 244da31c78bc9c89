-- Reporting rounds (Berichtsabfrage; see src/store/reports): staff ask every ministry at a
-- cut-off date (Stichtag) for the status of the measures it leads. Each asked ministry has one
-- form per round, with one item per measure it filled in; submitting the form locks it and
-- updates the measures (one changeset per ministry report, `submitted_changeset_id`).
CREATE TABLE report_rounds (
    id           INTEGER PRIMARY KEY,
    cutoff       TEXT NOT NULL,
    due          TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    -- The changeset that opened the round.
    changeset_id INTEGER NOT NULL REFERENCES changesets (id),
    version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE report_forms (
    id                     INTEGER PRIMARY KEY,
    round_id               INTEGER NOT NULL REFERENCES report_rounds (id),
    ministry_id            INTEGER NOT NULL REFERENCES ministries (id),
    status                 TEXT NOT NULL CHECK (status IN ('nicht_begonnen', 'entwurf', 'eingereicht')),
    -- The submission's changeset (it also holds the measures' revisions); NULL until submitted.
    submitted_changeset_id INTEGER REFERENCES changesets (id),
    -- 1: submitted by the drafters for the ministry.
    on_behalf              INTEGER NOT NULL DEFAULT 0 CHECK (on_behalf IN (0, 1)),
    -- Why staff reopened it, the last time they did.
    reopen_reason          TEXT,
    version                INTEGER NOT NULL DEFAULT 1,
    UNIQUE (round_id, ministry_id)
);

-- What a ministry reports on one measure (JSON: model::ReportValues).
CREATE TABLE report_items (
    form_id    INTEGER NOT NULL REFERENCES report_forms (id),
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    data_json  TEXT NOT NULL,
    PRIMARY KEY (form_id, measure_id)
);
CREATE TRIGGER report_items_no_delete BEFORE DELETE ON report_items
BEGIN SELECT RAISE(ABORT, 'report items are never deleted'); END;
CREATE TRIGGER report_forms_no_delete BEFORE DELETE ON report_forms
BEGIN SELECT RAISE(ABORT, 'report forms are never deleted'); END;
