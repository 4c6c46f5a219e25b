-- migrate:up
-- Stored objects that may have lost their row (decision 021): the file store
-- is swept from the database's side, never by listing the store, so a store
-- shared with another database (a developer's demo beside the tests) is never
-- touched beyond the keys this database wrote or released.
-- A key enters when its bytes are about to be written (an attachment, a
-- background export) and leaves in the transaction that writes its row; it
-- enters again when its row is deleted (an attachment removed, a dossier
-- deleted by the retention archive, an expired export) or its job forgets it.
-- lib/files/sweep.ts deletes the objects of candidates older than a grace
-- period that no row references, then the candidates.
CREATE TABLE file_sweep_candidate (
  storage_key text PRIMARY KEY,
  since timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX file_sweep_candidate_since_idx ON file_sweep_candidate (since);

CREATE FUNCTION file_sweep_candidate_release() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.storage_key IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.storage_key IS DISTINCT FROM OLD.storage_key) THEN
    INSERT INTO file_sweep_candidate (storage_key) VALUES (OLD.storage_key)
      ON CONFLICT (storage_key) DO UPDATE SET since = now();
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER dossier_attachment_release AFTER DELETE ON dossier_attachment
  FOR EACH ROW EXECUTE FUNCTION file_sweep_candidate_release();
CREATE TRIGGER export_job_release AFTER DELETE OR UPDATE OF storage_key ON export_job
  FOR EACH ROW EXECUTE FUNCTION file_sweep_candidate_release();

-- migrate:down
DROP TRIGGER export_job_release ON export_job;
DROP TRIGGER dossier_attachment_release ON dossier_attachment;
DROP FUNCTION file_sweep_candidate_release();
DROP TABLE file_sweep_candidate;
