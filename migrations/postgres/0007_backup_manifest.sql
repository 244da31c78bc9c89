-- Backups are always SQLite files (the portable format; see src/store/transfer); their manifest
-- tables exist in the SQLite schema only. This version keeps both dialects at the same number.
SELECT 1;
