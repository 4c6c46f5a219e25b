-- migrate:up
-- Saved views of the staff inbox (issue 6): a staff member's named set of
-- filters, columns and sort for one call. `query` holds the normalised inbox
-- URL parameters; it is parsed again by parseInboxParams whenever it is read,
-- never put into SQL as such.
CREATE TABLE inbox_view (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  call_id uuid NOT NULL REFERENCES call(id) ON DELETE CASCADE,
  name text NOT NULL,
  query text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (user_id, call_id, name)
);
CREATE INDEX inbox_view_call_id_idx ON inbox_view (call_id);

-- migrate:down
DROP TABLE inbox_view;
