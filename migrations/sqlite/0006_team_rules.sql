-- PostgreSQL enforces the rules of src/access.rs in the database itself (row-level security,
-- see ../postgres/0006_team_rules.sql). A concept file has one user at a time and no logins;
-- this version exists to keep both dialects at the same schema version.
SELECT 1;
