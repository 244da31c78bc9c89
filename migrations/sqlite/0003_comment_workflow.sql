-- The comment workflow beyond assigning and weighing: answers members propose for staff to
-- adopt, erasure of a submitter's personal data on request, answer templates (Textbausteine),
-- and indexes for the inbox's deadline and assignee filters.
ALTER TABLE comments ADD COLUMN proposed_vote TEXT
    CHECK (proposed_vote IN ('beruecksichtigt', 'teilweise', 'nicht-beruecksichtigt',
                             'zur-kenntnis', 'nicht-zustaendig'));
ALTER TABLE comments ADD COLUMN proposed_answer TEXT;
ALTER TABLE comments ADD COLUMN proposed_by INTEGER REFERENCES users (id);
CREATE INDEX comments_due ON comments (due_date) WHERE due_date IS NOT NULL;
CREATE INDEX comments_assignee ON comments (assigned_user_id) WHERE assigned_user_id IS NOT NULL;

-- Set when a submitter's personal data was deleted on request (DSGVO Art. 17); stronger than
-- anonymising, which keeps the organisation.
ALTER TABLE submitters ADD COLUMN erased_at TEXT;

CREATE TABLE answer_templates (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL UNIQUE,
    vote       TEXT CHECK (vote IN ('beruecksichtigt', 'teilweise', 'nicht-beruecksichtigt',
                                    'zur-kenntnis', 'nicht-zustaendig')),
    body       TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
