-- migrate:up
-- Appends one audit event chained to the previous one in a single statement,
-- so the chain's lock is held for one round trip and the commit (it was held
-- for three: the lock, the read of the last hash, the insert; every mutation
-- of the deadline surge queued behind it). The hash is the one
-- lib/audit/audit.ts#auditHash computes: sha256 of the event's canonical JSON,
-- whose last key is "prev"; the caller sends that JSON without "prev" and its
-- closing brace. A VOLATILE plpgsql function takes a fresh snapshot for each
-- statement: the hash read after the lock is the last committed one.
CREATE FUNCTION audit_event_append(
  p_at timestamptz,
  p_actor_id uuid,
  p_action text,
  p_entity_type text,
  p_entity_id text,
  p_data jsonb,
  p_canonical_without_prev text
) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous char(64);
BEGIN
  PERFORM pg_advisory_xact_lock(742001);
  SELECT hash INTO previous FROM audit_event ORDER BY id DESC LIMIT 1;
  INSERT INTO audit_event (at, actor_id, action, entity_type, entity_id, data, prev_hash, hash)
  VALUES (
    p_at, p_actor_id, p_action, p_entity_type, p_entity_id, p_data, previous,
    encode(sha256(convert_to(
      p_canonical_without_prev || ',"prev":' || CASE WHEN previous IS NULL THEN 'null' ELSE '"' || previous || '"' END || '}',
      'UTF8')), 'hex')
  );
END
$$;

-- migrate:down
DROP FUNCTION audit_event_append(timestamptz, uuid, text, text, text, jsonb, text);
