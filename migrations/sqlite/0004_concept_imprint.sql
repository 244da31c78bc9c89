-- The imprint (Impressum) of the printed concept: the issuer's address, editors, design and
-- print, where to order copies, copyright and the distribution note Saxon publications carry.
-- One JSON object, read and written whole with the concept's front matter.
ALTER TABLE concept ADD COLUMN imprint TEXT NOT NULL DEFAULT '{}';
