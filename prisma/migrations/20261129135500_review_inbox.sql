-- migrate:up
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change); indexes need an
-- IMMUTABLE function, so pin the dictionary explicitly.
CREATE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Full-text search of the staff inbox (French configuration, accents ignored).
-- Expression indexes: the drift test compares column indexes only.
CREATE INDEX dossier_search_idx ON dossier USING gin (to_tsvector('french', f_unaccent(title || ' ' || summary)));
CREATE INDEX administration_search_idx ON administration USING gin (to_tsvector('french', f_unaccent(name)));

-- Keyset pagination of the inbox on its sortable columns.
CREATE INDEX dossier_call_id_submitted_at_id_idx ON dossier (call_id, submitted_at, id);
CREATE INDEX dossier_call_id_requested_cents_id_idx ON dossier (call_id, requested_cents, id);
CREATE INDEX dossier_call_id_title_id_idx ON dossier (call_id, title, id);

-- migrate:down
DROP INDEX dossier_call_id_title_id_idx, dossier_call_id_requested_cents_id_idx, dossier_call_id_submitted_at_id_idx,
  administration_search_idx, dossier_search_idx;
DROP FUNCTION f_unaccent(text);
