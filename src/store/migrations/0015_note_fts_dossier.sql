-- sqlite only: PostgreSQL searches notes through the GIN index of 0003 and needs nothing here.
--
-- The note index also indexes each note's dossier id, so that a search can name the dossiers
-- the searcher may read inside the full-text expression: `body : ("word"*) AND dossier_id :
-- (a OR b ...)`. FTS5 then walks the short lists of those dossiers' notes and skips through
-- the word's long one, instead of finding every note in the organisation with the word and
-- filtering them afterwards (PERFORMANCE.md P4: 4.4 s -> tens of ms on 3,000,000 notes).
-- The dossier column is only ever matched with a column filter; user words only ever match
-- `body`. Rebuilt from note, in this migration's transaction.
DROP TABLE note_fts;

CREATE VIRTUAL TABLE note_fts USING fts5 (
    body, dossier_id, content = 'note', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO note_fts (note_fts) VALUES ('rebuild');

-- One segment instead of the tens a rebuild leaves (see store_note_fts_rebuild).
INSERT INTO note_fts (note_fts) VALUES ('optimize');
