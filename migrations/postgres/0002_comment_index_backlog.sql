-- SQLite indexes comments for search after an import commits (see its 0002). PostgreSQL keeps
-- its GIN indexes current inside the importing transaction, so it has no backlog; this version
-- exists to keep both dialects at the same schema version.
SELECT 1;
