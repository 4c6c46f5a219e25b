-- migrate:up
-- Files attached to a dossier. The bytes live in the file store (local disk
-- or S3-compatible) under storage_key, a random UUID; file_name is the
-- person's name for it, cleaned, shown only; mime_type is read from the bytes.
CREATE TABLE dossier_attachment (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
  storage_key text NOT NULL UNIQUE,
  file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 120),
  mime_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 char(64) NOT NULL,
  uploaded_by_id uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX dossier_attachment_dossier_id_created_at_idx ON dossier_attachment (dossier_id, created_at);
CREATE INDEX dossier_attachment_uploaded_by_id_idx ON dossier_attachment (uploaded_by_id);

-- migrate:down
DROP TABLE dossier_attachment;
