-- The imprint (Impressum) of the printed concept: the issuer's address, editors, design and
-- print, where to order copies, copyright and the distribution note Saxon publications carry;
-- and the rules the working group sets for itself (a reason required for every change). Each
-- one JSON object, read and written whole with the concept's front matter.
ALTER TABLE concept ADD COLUMN imprint TEXT NOT NULL DEFAULT '{}';
ALTER TABLE concept ADD COLUMN rules TEXT NOT NULL DEFAULT '{}';
