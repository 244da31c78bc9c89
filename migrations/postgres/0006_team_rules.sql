-- The rules of src/access.rs (`RULES`) inside PostgreSQL: row-level security on every table, so
-- that a team member's own login (psql, ODBC, a script) can do no more than the program lets
-- that person do. ARCHITECTURE.md ("The team database's own rules") explains the design; the
-- GRANTs per group role, which depend on the database's name, are made by `konzeptstudio team
-- setup` (src/store/team.rs), not here.
--
-- Who acts: `current_user`, mapped through users.db_login to an active user; the table owner
-- (the login that created the concept and runs migrations and `team setup`) is "owner". The
-- policies read the actor through the functions below, each called as `(SELECT f())` so that
-- PostgreSQL evaluates it once per statement (an InitPlan), not once per row.
--
-- The functions are SECURITY INVOKER on purpose: inside a SECURITY DEFINER function
-- `current_user` is the function's owner, not the caller. They read `users`, whose SELECT
-- policy is therefore open to every login holding the table privilege (a policy on `users` that
-- called them would recurse). Their search_path is pinned below (pg_temp last), so that nobody
-- can put a table named `users` in front of ours.

-- Whether an internal note exists, for those who may not read it (the history records only
-- that one exists): members and drafters have no SELECT privilege on `internal_note`.
ALTER TABLE comments ADD COLUMN has_internal_note BIGINT
    GENERATED ALWAYS AS (CASE WHEN internal_note IS NULL THEN 0 ELSE 1 END) STORED;

CREATE FUNCTION konzeptstudio_actor_role() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'concept'::regclass), 'USAGE')
            THEN 'owner'
        ELSE (SELECT u.role FROM users u WHERE u.db_login = CAST(current_user AS text) AND u.active = 1)
    END
$$;

CREATE FUNCTION konzeptstudio_actor_id() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT u.id FROM users u WHERE u.db_login = CAST(current_user AS text) AND u.active = 1
$$;

CREATE FUNCTION konzeptstudio_actor_ministry() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT u.ministry_id FROM users u WHERE u.db_login = CAST(current_user AS text) AND u.active = 1
$$;

-- Whether ministry `ministry` leads measure `measure` or shares it (access.rs,
-- Scope::ResponsibleMembers).
CREATE FUNCTION konzeptstudio_responsible(measure bigint, ministry bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM measures m WHERE m.id = measure
        AND (m.lead_ministry_id = ministry
             OR EXISTS (SELECT 1 FROM measure_co_ministries c
                        WHERE c.measure_id = m.id AND c.ministry_id = ministry)))
$$;

-- What a member may not change on a measure (access.rs: lead, co-responsibility, field and
-- parent stay the drafters' call; creating and removing measures is theirs too). Policies see
-- only the new row; this trigger sees both. It runs only when one of these columns changes.
CREATE FUNCTION konzeptstudio_guard_measure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF konzeptstudio_actor_role() = 'member' THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'Mitglieder ändern Federführung, Beteiligung, Handlungsfeld, übergeordnete Maßnahme und Code einer Maßnahme nicht und entfernen keine Maßnahme';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER measures_guard BEFORE UPDATE ON measures FOR EACH ROW
WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.field_id IS DISTINCT FROM NEW.field_id
      OR OLD.parent_id IS DISTINCT FROM NEW.parent_id
      OR OLD.lead_ministry_id IS DISTINCT FROM NEW.lead_ministry_id
      OR OLD.co_ministries_text IS DISTINCT FROM NEW.co_ministries_text
      OR OLD.deleted IS DISTINCT FROM NEW.deleted)
EXECUTE FUNCTION konzeptstudio_guard_measure();

-- The working group's rules are set by the administration only (store/concept.rs).
CREATE FUNCTION konzeptstudio_guard_concept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF konzeptstudio_actor_role() NOT IN ('admin', 'owner') THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'Die Regeln der Arbeitsgruppe setzt nur die Administration';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER concept_guard BEFORE UPDATE ON concept FOR EACH ROW
WHEN (OLD.rules IS DISTINCT FROM NEW.rules)
EXECUTE FUNCTION konzeptstudio_guard_concept();

-- Drafters move a user or a comment to another ministry only as a restructuring does: from an
-- ended ministry to its successor (store/ministries.rs ends the ministry first).
CREATE FUNCTION konzeptstudio_is_handover(old_ministry bigint, new_ministry bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM ministries m WHERE m.id = old_ministry
        AND m.valid_to IS NOT NULL AND m.successor_id = new_ministry)
$$;

CREATE FUNCTION konzeptstudio_guard_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF konzeptstudio_actor_role() = 'drafter'
       AND NOT konzeptstudio_is_handover(OLD.ministry_id, NEW.ministry_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'Die Redaktion ordnet Benutzer nur bei einer Umressortierung dem Nachfolger zu';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER users_guard BEFORE UPDATE ON users FOR EACH ROW
WHEN (OLD.ministry_id IS DISTINCT FROM NEW.ministry_id)
EXECUTE FUNCTION konzeptstudio_guard_user();

-- Members propose (store/triage.rs, propose_answer): in their own name, and the comment moves
-- on to "in Prüfung" at most. Drafters hand comments over in a restructuring only.
CREATE FUNCTION konzeptstudio_guard_comment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    actor text := konzeptstudio_actor_role();
BEGIN
    IF actor = 'member' AND (
           (NEW.status IS DISTINCT FROM OLD.status AND NEW.status <> 'in-pruefung')
        OR (NEW.proposed_by IS DISTINCT FROM OLD.proposed_by
            AND NEW.proposed_by IS DISTINCT FROM konzeptstudio_actor_id())) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'Mitglieder schlagen nur in eigenem Namen ein Votum vor; den Status setzt die Geschäftsstelle';
    END IF;
    IF actor = 'drafter' AND NEW.assigned_ministry_id IS DISTINCT FROM OLD.assigned_ministry_id
       AND NOT konzeptstudio_is_handover(OLD.assigned_ministry_id, NEW.assigned_ministry_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'Die Redaktion weist Stellungnahmen nur bei einer Umressortierung dem Nachfolger zu';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER comments_guard BEFORE UPDATE ON comments FOR EACH ROW
WHEN ((OLD.status IS DISTINCT FROM NEW.status AND NEW.status <> 'in-pruefung')
      OR OLD.proposed_by IS DISTINCT FROM NEW.proposed_by
      OR OLD.assigned_ministry_id IS DISTINCT FROM NEW.assigned_ministry_id)
EXECUTE FUNCTION konzeptstudio_guard_comment();

-- Pinned search paths (the schema the concept lives in, then pg_temp). The helpers stay
-- executable by everybody (PostgreSQL's default): they tell a login only its own role, and
-- the policies call them as the acting login.
DO $$
DECLARE
    f text;
BEGIN
    FOREACH f IN ARRAY ARRAY['konzeptstudio_actor_role()', 'konzeptstudio_actor_id()',
        'konzeptstudio_actor_ministry()', 'konzeptstudio_responsible(bigint, bigint)',
        'konzeptstudio_guard_measure()', 'konzeptstudio_guard_concept()',
        'konzeptstudio_is_handover(bigint, bigint)', 'konzeptstudio_guard_user()',
        'konzeptstudio_guard_comment()']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END $$;

-- Row-level security on every table, also for the owner (FORCE): the owner's own policies
-- below let it do everything except change or delete the history. Superusers bypass row-level
-- security whatever is set here; the audit chain (0005) is what shows their changes.
--
-- Role sets used below (R = (SELECT konzeptstudio_actor_role())):
--   team       R IS NOT NULL                        an active user, or the owner
--   editors    R IN ('drafter', 'admin', 'owner')   EditStructure, ManageEditions, CreateMeasure
--   commenters R IN ('staff', 'admin', 'owner')     ManageComments
--   admins     R IN ('admin', 'owner')              ManageUsers (and acting as others)
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['_sqlx_migrations', 'concept', 'statuses', 'ministries', 'users',
        'changesets', 'revisions', 'fields', 'goals', 'measures', 'measure_co_ministries',
        'measure_goals', 'measure_partners', 'budget_lines', 'indicators', 'milestones',
        'channels', 'submitters', 'comment_clusters', 'comments', 'comment_measures',
        'editions', 'edition_items', 'answer_templates', 'audit_chain', 'audit_head']
    LOOP
        -- The audit chain's tables come with 0005; a database without them skips them.
        CONTINUE WHEN to_regclass(t) IS NULL;
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        IF t IN ('changesets', 'revisions', 'edition_items', 'audit_chain') THEN
            -- Insert-only for everybody, the owner included.
            EXECUTE format('CREATE POLICY owner_read ON %I FOR SELECT USING ((SELECT konzeptstudio_actor_role()) = ''owner'')', t);
            EXECUTE format('CREATE POLICY owner_insert ON %I FOR INSERT WITH CHECK ((SELECT konzeptstudio_actor_role()) = ''owner'')', t);
        ELSE
            EXECUTE format('CREATE POLICY owner_all ON %I USING ((SELECT konzeptstudio_actor_role()) = ''owner'') WITH CHECK ((SELECT konzeptstudio_actor_role()) = ''owner'')', t);
        END IF;
        -- Reading: everything the program shows every role. Comments, submitters and the
        -- comments' revisions have their own rule below.
        IF t IN ('_sqlx_migrations', 'users') THEN
            -- Read on opening, before anything else: who am I, which schema. Open to every
            -- login holding the table privilege (see the functions above for why).
            EXECUTE format('CREATE POLICY team_read ON %I FOR SELECT USING (true)', t);
        ELSIF t NOT IN ('comments', 'submitters', 'revisions') THEN
            EXECUTE format('CREATE POLICY team_read ON %I FOR SELECT USING ((SELECT konzeptstudio_actor_role()) IS NOT NULL)', t);
        END IF;
    END LOOP;
END $$;

-- concept: the front matter is the editors' (EditStructure); the rules the admins' (trigger).
CREATE POLICY editors_update ON concept FOR UPDATE
    USING ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'))
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));

-- ministries: EditStructure. Everybody on the team may lock a ministry (FOR SHARE, which
-- PostgreSQL checks against the UPDATE policy's USING): a write that gives a ministry new duties
-- holds it so that a restructuring cannot end it meanwhile. Only editors may really change one.
CREATE POLICY editors_insert ON ministries FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
CREATE POLICY team_lock_editors_update ON ministries FOR UPDATE
    USING ((SELECT konzeptstudio_actor_role()) IS NOT NULL)
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));

-- fields and goals: EditStructure.
CREATE POLICY editors_insert ON fields FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
CREATE POLICY editors_update ON fields FOR UPDATE
    USING ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'))
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
CREATE POLICY editors_insert ON goals FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
CREATE POLICY editors_update ON goals FOR UPDATE
    USING ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'))
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));

-- users: ManageUsers. Drafters hand users over in a restructuring (their column privilege is
-- ministry_id only; the trigger above allows only the successor).
CREATE POLICY admins_insert ON users FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) = 'admin');
CREATE POLICY admins_drafters_update ON users FOR UPDATE
    USING ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'))
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));

-- changesets: everybody records their own actions; admins also in another's name (`--as`).
CREATE POLICY own_insert ON changesets FOR INSERT WITH CHECK (
    (SELECT konzeptstudio_actor_role()) = 'admin'
    OR ((SELECT konzeptstudio_actor_role()) IS NOT NULL
        AND actor_id = (SELECT konzeptstudio_actor_id())));

-- revisions: read as the entities they record (a member reads a comment's revisions only if
-- the member may see the comment); written into one's own changesets, for entities one may
-- change: editors any (a restructuring revises users and comments too), staff comments,
-- members the measures they are responsible for and the comments they see (proposals).
CREATE POLICY team_read ON revisions FOR SELECT USING (
    (SELECT konzeptstudio_actor_role()) IN ('drafter', 'staff', 'admin')
    OR ((SELECT konzeptstudio_actor_role()) = 'member'
        AND (entity_type <> 'comment'
             OR EXISTS (SELECT 1 FROM comments c WHERE c.id = revisions.entity_id))));
CREATE POLICY own_insert ON revisions FOR INSERT WITH CHECK (
    EXISTS (SELECT 1 FROM changesets cs WHERE cs.id = revisions.changeset_id
            AND (cs.actor_id = (SELECT konzeptstudio_actor_id())
                 OR (SELECT konzeptstudio_actor_role()) = 'admin'))
    AND ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin')
         OR ((SELECT konzeptstudio_actor_role()) = 'staff' AND entity_type = 'comment')
         OR ((SELECT konzeptstudio_actor_role()) = 'member'
             AND ((entity_type = 'measure'
                   AND konzeptstudio_responsible(entity_id, (SELECT konzeptstudio_actor_ministry())))
                  OR (entity_type = 'comment'
                      AND EXISTS (SELECT 1 FROM comments c WHERE c.id = revisions.entity_id))))));

-- measures: CreateMeasure (insert, remove) and EditMeasure. Members may lock and update any
-- measure row as far as USING goes, but the updated row must still be one their ministry leads
-- or shares (WITH CHECK): since they cannot change lead or co-responsibility (trigger, and no
-- privilege on measure_co_ministries), that is "only the measures of their ministry". A USING
-- that hid other measures would turn the program's "Keine Berechtigung" into "gibt es nicht".
CREATE POLICY editors_insert ON measures FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
CREATE POLICY editors_members_update ON measures FOR UPDATE
    USING ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin', 'member'))
    WITH CHECK (
        (SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin')
        OR ((SELECT konzeptstudio_actor_role()) = 'member'
            AND (lead_ministry_id = (SELECT konzeptstudio_actor_ministry())
                 OR EXISTS (SELECT 1 FROM measure_co_ministries c
                            WHERE c.measure_id = measures.id
                              AND c.ministry_id = (SELECT konzeptstudio_actor_ministry())))));

-- A measure's child rows are rewritten with it (delete, insert): by editors, and by members
-- for the measures they are responsible for. Co-responsibility is the editors' alone.
CREATE POLICY editors_insert ON measure_co_ministries FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
CREATE POLICY editors_delete ON measure_co_ministries FOR DELETE
    USING ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
DO $$
DECLARE
    t text;
    rule text := '(SELECT konzeptstudio_actor_role()) IN (''drafter'', ''admin'') '
        'OR ((SELECT konzeptstudio_actor_role()) = ''member'' '
        'AND konzeptstudio_responsible(measure_id, (SELECT konzeptstudio_actor_ministry())))';
BEGIN
    FOREACH t IN ARRAY ARRAY['measure_goals', 'measure_partners', 'budget_lines', 'indicators',
        'milestones']
    LOOP
        EXECUTE format('CREATE POLICY editors_members_insert ON %I FOR INSERT WITH CHECK (%s)', t, rule);
        EXECUTE format('CREATE POLICY editors_members_delete ON %I FOR DELETE USING (%s)', t, rule);
    END LOOP;
END $$;

-- comments: members see those assigned to their ministry or concerning a measure it leads or
-- shares, anchored or linked (store/inbox.rs, member_visibility: the same condition);
-- everybody else sees all. Staff manage them (ManageComments); members propose (ProposeAnswer:
-- column privileges and the trigger above say what they may set); drafters hand them over.
CREATE POLICY team_read ON comments FOR SELECT USING (
    (SELECT konzeptstudio_actor_role()) IN ('drafter', 'staff', 'admin')
    OR ((SELECT konzeptstudio_actor_role()) = 'member'
        AND (assigned_ministry_id = (SELECT konzeptstudio_actor_ministry())
             OR EXISTS (SELECT 1 FROM measures vm
                 WHERE (vm.id = comments.anchor_measure_id
                        OR vm.id IN (SELECT vl.measure_id FROM comment_measures vl
                                     WHERE vl.comment_id = comments.id))
                   AND (vm.lead_ministry_id = (SELECT konzeptstudio_actor_ministry())
                        OR EXISTS (SELECT 1 FROM measure_co_ministries vc
                                   WHERE vc.measure_id = vm.id
                                     AND vc.ministry_id = (SELECT konzeptstudio_actor_ministry())))))));
CREATE POLICY commenters_insert ON comments FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('staff', 'admin'));
-- USING: the rows the actor sees (the SELECT policy applies to UPDATE as well); members and
-- drafters are narrowed by their column privileges and the trigger.
CREATE POLICY team_update ON comments FOR UPDATE
    USING ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'staff', 'admin', 'member'))
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'staff', 'admin', 'member'));

-- submitters: members see the submitters of the comments they see.
CREATE POLICY team_read ON submitters FOR SELECT USING (
    (SELECT konzeptstudio_actor_role()) IN ('drafter', 'staff', 'admin')
    OR ((SELECT konzeptstudio_actor_role()) = 'member'
        AND EXISTS (SELECT 1 FROM comments c WHERE c.submitter_id = submitters.id)));

-- ManageComments: submitters, channels (locked while an import runs), clusters, links to
-- measures, answer templates.
DO $$
DECLARE
    t text;
    cmd text;
    rule text := '(SELECT konzeptstudio_actor_role()) IN (''staff'', ''admin'')';
BEGIN
    FOREACH t IN ARRAY ARRAY['submitters', 'channels', 'comment_clusters', 'comment_measures',
        'answer_templates']
    LOOP
        FOREACH cmd IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
            CONTINUE WHEN cmd = 'update' AND t = 'comment_measures';
            CONTINUE WHEN cmd = 'delete' AND t IN ('submitters', 'channels');
            EXECUTE format('CREATE POLICY commenters_%s ON %I FOR %s %s', cmd, t, upper(cmd),
                CASE cmd
                    WHEN 'insert' THEN format('WITH CHECK (%s)', rule)
                    WHEN 'update' THEN format('USING (%s) WITH CHECK (%s)', rule, rule)
                    ELSE format('USING (%s)', rule)
                END);
        END LOOP;
    END LOOP;
END $$;

-- editions: ManageEditions; their items are insert-only (frozen).
CREATE POLICY editors_insert ON editions FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
CREATE POLICY editors_update ON editions FOR UPDATE
    USING ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'))
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));
CREATE POLICY editors_insert ON edition_items FOR INSERT
    WITH CHECK ((SELECT konzeptstudio_actor_role()) IN ('drafter', 'admin'));

-- The audit chain (0005): every commit appends its changesets' links; the link's values are
-- computed by the chain's trigger, which runs as the owner and moves audit_head.
DO $$
BEGIN
    IF to_regclass('audit_chain') IS NOT NULL THEN
        EXECUTE 'CREATE POLICY team_insert ON audit_chain FOR INSERT '
            'WITH CHECK ((SELECT konzeptstudio_actor_role()) IS NOT NULL)';
    END IF;
END $$;

-- A login's group role, kept in step with the users table (`users add`, `users deactivate`,
-- `team setup`): an active user's login holds the group role of the user's role and no other
-- group role of this concept; any other login holds none. The users table is the only input
-- (only admins write it, see its policies), so calling this can never give anybody more than
-- an admin already gave them. It runs as the owner, who holds ADMIN OPTION on the group roles
-- (`team setup` makes sure), so that admins need no right to grant roles themselves. The
-- owner's and superusers' memberships are never touched. Before `team setup` created the group
-- roles it does nothing ('no_team').
CREATE FUNCTION konzeptstudio_sync_login(login text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    prefix text := 'konzeptstudio_' || current_database() || '_';
    owner_oid oid := (SELECT relowner FROM pg_class WHERE oid = 'concept'::regclass);
    login_oid oid;
    can_login boolean;
    is_super boolean;
    wanted text;
    g text;
    g_oid oid;
    direct boolean;
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN (prefix || 'member', prefix || 'drafter',
            prefix || 'staff', prefix || 'admin')) < 4 THEN
        RETURN 'no_team';
    END IF;
    SELECT r.oid, r.rolcanlogin, r.rolsuper INTO login_oid, can_login, is_super
        FROM pg_roles r WHERE r.rolname = login;
    IF login_oid IS NULL THEN
        RETURN 'missing';
    END IF;
    IF is_super OR pg_has_role(login_oid, owner_oid, 'USAGE') THEN
        RETURN 'owner';
    END IF;
    IF can_login THEN
        SELECT u.role INTO wanted FROM users u WHERE u.db_login = login AND u.active = 1;
    END IF;
    FOREACH g IN ARRAY ARRAY['member', 'drafter', 'staff', 'admin'] LOOP
        g_oid := (SELECT oid FROM pg_roles WHERE rolname = prefix || g);
        direct := EXISTS (SELECT 1 FROM pg_auth_members m
                          WHERE m.roleid = g_oid AND m.member = login_oid);
        IF g = wanted AND NOT direct THEN
            EXECUTE format('GRANT %I TO %I', prefix || g, login);
        ELSIF g IS DISTINCT FROM wanted AND direct THEN
            EXECUTE format('REVOKE %I FROM %I', prefix || g, login);
        END IF;
    END LOOP;
    RETURN CASE WHEN NOT can_login THEN 'nologin' ELSE COALESCE(wanted, 'none') END;
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION konzeptstudio_sync_login(text) SET search_path = %I, pg_temp',
        current_schema());
    REVOKE ALL ON FUNCTION konzeptstudio_sync_login(text) FROM PUBLIC;
END $$;
