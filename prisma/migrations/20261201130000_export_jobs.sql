-- migrate:up
-- Large inbox exports prepared in the background (issue 6): the file is
-- streamed batch by batch to the file store, progress counted per batch; the
-- link works for its requester until expires_at. Only a DONE job is served:
-- a process killed mid-export leaves a RUNNING job (failed later by the
-- worker) and no file.
CREATE TABLE export_job (
  id uuid PRIMARY KEY,
  call_id uuid NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  requested_by_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  query text NOT NULL,
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
  total_rows integer NOT NULL CHECK (total_rows >= 0),
  done_rows integer NOT NULL DEFAULT 0 CHECK (done_rows >= 0),
  storage_key text UNIQUE,
  file_name text NOT NULL,
  size_bytes integer,
  error text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3),
  finished_at timestamptz(3),
  expires_at timestamptz(3),
  CHECK (status <> 'DONE' OR (storage_key IS NOT NULL AND size_bytes IS NOT NULL AND expires_at IS NOT NULL))
);
CREATE INDEX export_job_requested_by_id_created_at_idx ON export_job (requested_by_id, created_at);
CREATE INDEX export_job_call_id_idx ON export_job (call_id);
CREATE INDEX export_job_status_created_at_idx ON export_job (status, created_at);

-- migrate:down
DROP TABLE export_job;
