-- The tamper-evident history (see ARCHITECTURE.md, "Audit chain"): one link per changeset, in
-- commit order. A link's content_hash covers the changeset and its revisions exactly as stored;
-- its hash covers the previous link's hash and its content_hash. SQLite has no SHA-256: the
-- core computes the links (audit.rs) inside the writing transaction; existing changesets are
-- linked when this migration is applied.
CREATE TABLE audit_chain (
    seq          INTEGER PRIMARY KEY,
    changeset_id INTEGER NOT NULL UNIQUE REFERENCES changesets (id),
    content_hash TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE TRIGGER audit_chain_immutable_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is immutable'); END;
CREATE TRIGGER audit_chain_immutable_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is immutable'); END;

-- The newest link.
CREATE TABLE audit_head (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    seq          INTEGER NOT NULL,
    changeset_id INTEGER,
    hash         TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, changeset_id, hash)
VALUES (1, 0, NULL, '0000000000000000000000000000000000000000000000000000000000000000');
