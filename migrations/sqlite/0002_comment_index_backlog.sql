-- Comments reach the full-text index after their import has committed: trigram indexing costs
-- twice as much as writing the rows, and an import of 100k comments must not wait for it.
-- Invariant: every comment with id <= indexed_upto is in comments_fts; search reads newer ones
-- from the table itself (see store/search.rs), and `Store::index_pending_comments` catches up.
-- Comment ids only grow (taken under the write lock, never reused, rows never deleted), so one
-- number describes the backlog.
CREATE TABLE search_backlog (
    name         TEXT PRIMARY KEY,
    indexed_upto INTEGER NOT NULL
);
INSERT INTO search_backlog (name, indexed_upto) SELECT 'comments', COALESCE(MAX(id), 0) FROM comments;
