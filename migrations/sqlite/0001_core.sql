-- Konzeptstudio core schema (SQLite dialect). The PostgreSQL twin lives in ../postgres.
-- Conventions shared by both dialects (the core reads both through sqlx's Any driver):
--   * ids and integers are 64-bit; flags are INTEGER 0/1 (Any cannot read SQLite BOOLEAN);
--   * timestamps are RFC 3339 UTC text ("2026-11-25T10:00:00.000Z"), dates are "YYYY-MM-DD";
--   * money is integer euro cents.

CREATE TABLE concept (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    title       TEXT NOT NULL,
    short_title TEXT NOT NULL,
    leitidee    TEXT NOT NULL DEFAULT '',
    motto       TEXT NOT NULL DEFAULT '',
    foreword    TEXT NOT NULL DEFAULT '',
    issuer      TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

CREATE TABLE ministries (
    id           INTEGER PRIMARY KEY,
    abbreviation TEXT NOT NULL,
    name         TEXT NOT NULL,
    valid_from   TEXT,
    valid_to     TEXT,
    successor_id INTEGER REFERENCES ministries (id),
    version      INTEGER NOT NULL DEFAULT 1
);
-- An abbreviation may be reused after a restructuring, but only one ministry holds it at a time.
CREATE UNIQUE INDEX ministries_current_abbreviation ON ministries (abbreviation) WHERE valid_to IS NULL;

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('member', 'drafter', 'staff', 'admin')),
    ministry_id  INTEGER REFERENCES ministries (id),
    -- PostgreSQL login this user acts as (current_user); NULL on a local file.
    db_login     TEXT UNIQUE,
    active       INTEGER NOT NULL DEFAULT 1,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    CHECK (role <> 'member' OR ministry_id IS NOT NULL)
);

-- One user action = one changeset = one transaction; revisions hang off it.
CREATE TABLE changesets (
    id         INTEGER PRIMARY KEY,
    actor_id   INTEGER NOT NULL REFERENCES users (id),
    at         TEXT NOT NULL,
    action     TEXT NOT NULL,
    reason     TEXT,
    comment_id INTEGER
);
CREATE INDEX changesets_at ON changesets (at);

CREATE TABLE revisions (
    id           INTEGER PRIMARY KEY,
    changeset_id INTEGER NOT NULL REFERENCES changesets (id),
    entity_type  TEXT NOT NULL,
    entity_id    INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    op           TEXT NOT NULL CHECK (op IN ('create', 'update', 'restore', 'delete')),
    -- JSON array of {"field", "old", "new"}.
    changes      TEXT NOT NULL,
    -- JSON of the whole entity after the change (NULL where the row itself is immutable).
    snapshot     TEXT,
    UNIQUE (entity_type, entity_id, version)
);
CREATE INDEX revisions_changeset ON revisions (changeset_id);

CREATE TRIGGER revisions_immutable_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
CREATE TRIGGER revisions_immutable_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
CREATE TRIGGER changesets_immutable_update BEFORE UPDATE ON changesets
BEGIN SELECT RAISE(ABORT, 'changesets are immutable'); END;
CREATE TRIGGER changesets_immutable_delete BEFORE DELETE ON changesets
BEGIN SELECT RAISE(ABORT, 'changesets are immutable'); END;

CREATE TABLE fields (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    parent_id  INTEGER REFERENCES fields (id),
    intro      TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE goals (
    id         INTEGER PRIMARY KEY,
    field_id   INTEGER NOT NULL REFERENCES fields (id),
    text       TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX goals_field ON goals (field_id);

-- The configurable status vocabulary of measures.
CREATE TABLE statuses (
    key        TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    is_final   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE measures (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    text_long        TEXT NOT NULL DEFAULT '',
    text_short       TEXT NOT NULL DEFAULT '',
    field_id         INTEGER NOT NULL REFERENCES fields (id),
    parent_id        INTEGER REFERENCES measures (id),
    lead_ministry_id INTEGER NOT NULL REFERENCES ministries (id),
    status           TEXT NOT NULL REFERENCES statuses (key),
    progress         INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    start_date       TEXT,
    end_date         TEXT,
    ongoing          INTEGER NOT NULL DEFAULT 0,
    in_short         INTEGER NOT NULL DEFAULT 0,
    sort_order       INTEGER NOT NULL DEFAULT 0,
    illustrative     INTEGER NOT NULL DEFAULT 0,
    deleted          INTEGER NOT NULL DEFAULT 0,
    -- Read models for the measures table view, written with the link tables they mirror
    -- (store::measures::write_children): co-responsible abbreviations, sorted, comma-joined;
    -- the sum of the budget lines.
    co_ministries_text TEXT NOT NULL DEFAULT '',
    budget_cents     INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX measures_field ON measures (field_id);
CREATE INDEX measures_lead ON measures (lead_ministry_id);
CREATE INDEX measures_status ON measures (status);
CREATE INDEX measures_parent ON measures (parent_id);
-- Covers the measures table view (store::measures::list_measures): filtering and sorting 30,000
-- measures never reads their long texts.
CREATE INDEX measures_list ON measures (deleted, sort_order, code, title, field_id, lead_ministry_id,
    status, progress, in_short, version, co_ministries_text, budget_cents);

CREATE TABLE measure_co_ministries (
    measure_id  INTEGER NOT NULL REFERENCES measures (id),
    ministry_id INTEGER NOT NULL REFERENCES ministries (id),
    PRIMARY KEY (measure_id, ministry_id)
);
CREATE INDEX measure_co_ministries_ministry ON measure_co_ministries (ministry_id);

CREATE TABLE measure_goals (
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    goal_id    INTEGER NOT NULL REFERENCES goals (id),
    PRIMARY KEY (measure_id, goal_id)
);

CREATE TABLE measure_partners (
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (measure_id, position)
);

CREATE TABLE budget_lines (
    measure_id   INTEGER NOT NULL REFERENCES measures (id),
    position     INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    budget_item  TEXT NOT NULL DEFAULT '',
    period       TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (measure_id, position)
);

CREATE TABLE indicators (
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    unit       TEXT NOT NULL DEFAULT '',
    baseline   REAL,
    target     REAL,
    actual     REAL,
    as_of      TEXT,
    PRIMARY KEY (measure_id, position)
);

CREATE TABLE milestones (
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    due        TEXT,
    done       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (measure_id, position)
);

-- Stakeholder feedback. The workflows come later; the storage is complete now.
CREATE TABLE channels (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'online'
);

CREATE TABLE submitters (
    id             INTEGER PRIMARY KEY,
    name           TEXT,
    organisation   TEXT,
    submitter_type TEXT,
    email          TEXT,
    anonymised_at  TEXT,
    created_at     TEXT NOT NULL
);

CREATE TABLE comment_clusters (
    id              INTEGER PRIMARY KEY,
    head_comment_id INTEGER,
    kind            TEXT NOT NULL CHECK (kind IN ('exact', 'near', 'manual')),
    confirmed       INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);

CREATE TABLE comments (
    id                   INTEGER PRIMARY KEY,
    external_id          TEXT,
    channel_id           INTEGER NOT NULL REFERENCES channels (id),
    submitter_id         INTEGER REFERENCES submitters (id),
    received_at          TEXT NOT NULL,
    -- Evidence: stored exactly as submitted, never changed (see trigger below).
    original_text        TEXT NOT NULL,
    -- The text staff work with; NULL while it equals the original (most comments).
    working_text         TEXT,
    -- Normalised text hash: exact duplicates (form letters) share it.
    content_hash         TEXT NOT NULL,
    -- Hash of text, submitter and time: recognises a row imported twice when it has no id
    -- (looked up through content_hash, so it needs no index of its own).
    import_key           TEXT NOT NULL,
    anchor_measure_id    INTEGER REFERENCES measures (id),
    anchor_field_id      INTEGER REFERENCES fields (id),
    anchor_passage       TEXT,
    assigned_ministry_id INTEGER REFERENCES ministries (id),
    assigned_user_id     INTEGER REFERENCES users (id),
    due_date             TEXT,
    status               TEXT NOT NULL DEFAULT 'neu'
        CHECK (status IN ('neu', 'zugewiesen', 'in-pruefung', 'abgewogen', 'abgeschlossen')),
    vote                 TEXT CHECK (vote IN ('beruecksichtigt', 'teilweise', 'nicht-beruecksichtigt',
                                              'zur-kenntnis', 'nicht-zustaendig')),
    answer               TEXT,
    internal_note        TEXT,
    cluster_id           INTEGER REFERENCES comment_clusters (id),
    answer_revision_id   INTEGER REFERENCES revisions (id),
    illustrative         INTEGER NOT NULL DEFAULT 0,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE UNIQUE INDEX comments_external ON comments (channel_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX comments_hash ON comments (content_hash);
-- Partial where a column is empty on import: bulk imports then skip those index writes.
CREATE INDEX comments_status ON comments (status);
CREATE INDEX comments_measure ON comments (anchor_measure_id) WHERE anchor_measure_id IS NOT NULL;
CREATE INDEX comments_ministry ON comments (assigned_ministry_id) WHERE assigned_ministry_id IS NOT NULL;
CREATE INDEX comments_cluster ON comments (cluster_id) WHERE cluster_id IS NOT NULL;

CREATE TRIGGER comments_original_immutable BEFORE UPDATE OF original_text ON comments
WHEN NEW.original_text IS NOT OLD.original_text
BEGIN SELECT RAISE(ABORT, 'original_text is immutable'); END;

CREATE TABLE comment_measures (
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    PRIMARY KEY (comment_id, measure_id)
);
CREATE INDEX comment_measures_measure ON comment_measures (measure_id);

-- Editions: a frozen edition points at the revision of every entity it contains. Revisions are
-- immutable, so the edition's content is too, while work on the live tables continues.
CREATE TABLE editions (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    status       TEXT NOT NULL CHECK (status IN ('entwurf', 'beteiligung', 'ressortabstimmung',
                                                 'beschlossen', 'abgeloest')),
    adopted_on   TEXT,
    note         TEXT NOT NULL DEFAULT '',
    frozen_at    TEXT NOT NULL,
    changeset_id INTEGER NOT NULL REFERENCES changesets (id),
    version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE edition_items (
    edition_id  INTEGER NOT NULL REFERENCES editions (id),
    entity_type TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    revision_id INTEGER NOT NULL REFERENCES revisions (id),
    PRIMARY KEY (edition_id, entity_type, entity_id)
);
CREATE TRIGGER edition_items_immutable_update BEFORE UPDATE ON edition_items
BEGIN SELECT RAISE(ABORT, 'frozen editions are immutable'); END;
CREATE TRIGGER edition_items_immutable_delete BEFORE DELETE ON edition_items
BEGIN SELECT RAISE(ABORT, 'frozen editions are immutable'); END;

-- Full-text search. Trigram tokens find parts of German compounds ("Sprachkurs" in
-- "Sprachkursangebote"), which unicode61 cannot. External content: the index holds no copy.
CREATE VIRTUAL TABLE measures_fts USING fts5 (
    code, title, text_long, text_short,
    content = 'measures', content_rowid = 'id', tokenize = 'trigram'
);
-- Search ranks by bm25 with weights code 10, title 5, long text 1, short text 2.
INSERT INTO measures_fts (measures_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0, 2.0)');
-- The index holds exactly the live (not deleted) measures, so searches count without a join.
CREATE TRIGGER measures_fts_insert AFTER INSERT ON measures WHEN NEW.deleted = 0 BEGIN
    INSERT INTO measures_fts (rowid, code, title, text_long, text_short)
    VALUES (NEW.id, NEW.code, NEW.title, NEW.text_long, NEW.text_short);
END;
CREATE TRIGGER measures_fts_update AFTER UPDATE OF code, title, text_long, text_short, deleted ON measures BEGIN
    INSERT INTO measures_fts (measures_fts, rowid, code, title, text_long, text_short)
    SELECT 'delete', OLD.id, OLD.code, OLD.title, OLD.text_long, OLD.text_short WHERE OLD.deleted = 0;
    INSERT INTO measures_fts (rowid, code, title, text_long, text_short)
    SELECT NEW.id, NEW.code, NEW.title, NEW.text_long, NEW.text_short WHERE NEW.deleted = 0;
END;

-- Comments are searched in their original text, which never changes. They arrive in bulk
-- (imports of thousands of rows), so the store indexes each batch with one INSERT … SELECT in
-- the importing transaction instead of a per-row trigger: FTS5 flushes its pending terms at
-- every statement, and per-row flushing made a 100k-row import ~8 times slower. A 64 MB hash
-- keeps a whole batch in memory before it is written as one segment.
CREATE VIRTUAL TABLE comments_fts USING fts5 (
    original_text,
    content = 'comments', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO comments_fts (comments_fts, rank) VALUES ('hashsize', 67108864);
