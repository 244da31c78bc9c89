-- The tamper-evident history (see ARCHITECTURE.md, "Audit chain"): one link per changeset, in
-- commit order. A link's content_hash covers the changeset and its revisions exactly as stored;
-- its hash covers the previous link's hash and its content_hash, so changing, removing or
-- reordering anything already linked breaks every later hash. `konzeptstudio audit verify`
-- recomputes it; `audit head` prints the newest link for the e-file (Akte).
CREATE TABLE audit_chain (
    seq          BIGINT PRIMARY KEY,
    changeset_id BIGINT NOT NULL UNIQUE REFERENCES changesets (id),
    content_hash TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE TRIGGER audit_chain_immutable BEFORE UPDATE OR DELETE ON audit_chain
FOR EACH ROW EXECUTE FUNCTION konzeptstudio_refuse_change();

-- The newest link; its row lock orders concurrent writers' links.
CREATE TABLE audit_head (
    id           BIGINT PRIMARY KEY CHECK (id = 1),
    seq          BIGINT NOT NULL,
    changeset_id BIGINT,
    hash         TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, changeset_id, hash)
VALUES (1, 0, NULL, '0000000000000000000000000000000000000000000000000000000000000000');

-- One field of the canonical content: NULL as '~;', else its length in bytes, ':', the text and
-- ';'. The core's audit.rs writes the same bytes (SQLite has no SHA-256).
CREATE FUNCTION konzeptstudio_audit_field(v TEXT) RETURNS TEXT
IMMUTABLE LANGUAGE sql AS $$
    SELECT CASE WHEN v IS NULL THEN '~;' ELSE octet_length(v)::text || ':' || v || ';' END
$$;

-- The link of one changeset, computed here and not by the writer: whoever may insert a link can
-- only name the changeset; its content and position come from the database. SECURITY DEFINER,
-- so that it reads every revision of the changeset whatever the writer may see.
CREATE FUNCTION konzeptstudio_audit_link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    content TEXT;
    head    audit_head%ROWTYPE;
BEGIN
    SELECT 'ks-audit-1;'
        || konzeptstudio_audit_field(c.id::text)
        || konzeptstudio_audit_field(c.actor_id::text)
        || konzeptstudio_audit_field(c.at)
        || konzeptstudio_audit_field(c.action)
        || konzeptstudio_audit_field(c.reason)
        || konzeptstudio_audit_field(c.comment_id::text)
        || COALESCE((
            SELECT string_agg(
                       konzeptstudio_audit_field(r.entity_type)
                    || konzeptstudio_audit_field(r.entity_id::text)
                    || konzeptstudio_audit_field(r.version::text)
                    || konzeptstudio_audit_field(r.op)
                    || konzeptstudio_audit_field(r.changes)
                    || konzeptstudio_audit_field(r.snapshot),
                    '' ORDER BY r.entity_type COLLATE "C", r.entity_id, r.version)
            FROM revisions r WHERE r.changeset_id = c.id), '')
    INTO content
    FROM changesets c WHERE c.id = NEW.changeset_id;
    IF content IS NULL THEN
        RAISE EXCEPTION 'changeset % does not exist', NEW.changeset_id;
    END IF;
    SELECT * INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
    NEW.content_hash := encode(sha256(convert_to(content, 'UTF8')), 'hex');
    NEW.seq := head.seq + 1;
    NEW.hash := encode(sha256(convert_to(head.hash || NEW.content_hash, 'UTF8')), 'hex');
    UPDATE audit_head SET seq = NEW.seq, changeset_id = NEW.changeset_id, hash = NEW.hash WHERE id = 1;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_chain_link BEFORE INSERT ON audit_chain
FOR EACH ROW EXECUTE FUNCTION konzeptstudio_audit_link();
