-- What a backup says about itself (`konzeptstudio backup` writes it, `restore` checks it; see
-- src/store/transfer). Empty in a concept that is not a backup. A backup is a concept file of
-- this schema, so it can be opened directly and restored anywhere.
CREATE TABLE backup_manifest (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    -- The manifest's own format (1).
    format             INTEGER NOT NULL,
    -- The highest migration of the file when it was written.
    schema_version     INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    -- Where the concept was backed up from: 'sqlite' or 'postgres'.
    source             TEXT NOT NULL,
    program_version    TEXT NOT NULL,
    -- The audit chain's head at the backup (audit_head): a restore ends with the same head.
    audit_seq          INTEGER NOT NULL,
    audit_changeset_id INTEGER,
    audit_hash         TEXT NOT NULL
);

-- Per copied table: its rows and a SHA-256 over its content as stored in the file.
CREATE TABLE backup_tables (
    name         TEXT PRIMARY KEY,
    row_count    INTEGER NOT NULL,
    content_hash TEXT NOT NULL
);
