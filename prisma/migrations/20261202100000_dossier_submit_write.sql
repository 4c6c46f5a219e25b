-- migrate:up
-- Submits one dossier in a single statement (issue 5: 200 applicants in the
-- last minute). It was a transaction of about fifteen round trips through
-- Prisma, which queued the applicants behind the Node process.
-- lib/dossiers/dossier.mutations.ts#submitDossier reads the dossier, the call,
-- the questions and the attachments in one query, validates in TypeScript
-- (the rules shared with the form), prepares the rows, and sends them here
-- with what it read. Under the dossier's row lock the function writes nothing
-- unless the dossier (its version), the call's window and the attachments are
-- still what was validated.
--
-- The receipt number is drawn here, after every check, so that a refused
-- submission does not use one: the texts that quote it (history, e-mail,
-- audit event) carry p_placeholder, replaced by the number.
--
-- Returns {"status": …}:
--   SAVED   everything written; "reference" is the receipt number
--   STALE   the dossier, its call or its attachments changed since they were
--           read (or the dossier is no longer this administration's): read again
--   REPLAY  this idempotency key was already used: read again for its receipt
CREATE FUNCTION dossier_submit_write(
  p_dossier_id uuid,
  p_administration_id uuid,
  p_read_version integer,
  p_call_phase call_phase,
  p_call_opens_at timestamptz,
  p_call_closes_at timestamptz,
  p_attachment_names text[],
  p_idempotency_key text,
  p_now timestamptz,
  p_reference_year integer,
  p_title text,
  p_summary text,
  p_category_id uuid,
  p_total_cost_cents bigint,
  p_requested_cents bigint,
  p_actor_id uuid,
  p_event_message text,
  p_mail_dedupe_key text,
  p_mail_to text,
  p_mail_subject text,
  p_mail_text text,
  p_audit_at timestamptz,
  p_audit_data jsonb,
  p_audit_canonical_without_prev text,
  p_placeholder text
) RETURNS json LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_dossier dossier%ROWTYPE;
  v_number text;
  v_reference text;
BEGIN
  SELECT * INTO v_dossier FROM dossier WHERE id = p_dossier_id AND administration_id = p_administration_id FOR UPDATE;
  IF NOT FOUND THEN RETURN json_build_object('status', 'STALE'); END IF;
  PERFORM 1 FROM dossier_event WHERE idempotency_key = p_idempotency_key;
  IF FOUND THEN RETURN json_build_object('status', 'REPLAY'); END IF;
  IF v_dossier.version <> p_read_version OR v_dossier.status NOT IN ('DRAFT', 'CORRECTION_REQUESTED') THEN
    RETURN json_build_object('status', 'STALE');
  END IF;
  PERFORM 1 FROM call WHERE id = v_dossier.call_id AND phase = p_call_phase
    AND opens_at IS NOT DISTINCT FROM p_call_opens_at AND closes_at IS NOT DISTINCT FROM p_call_closes_at;
  IF NOT FOUND THEN RETURN json_build_object('status', 'STALE'); END IF;
  IF coalesce((SELECT array_agg(file_name ORDER BY file_name) FROM dossier_attachment WHERE dossier_id = p_dossier_id), '{}')
     <> coalesce((SELECT array_agg(n ORDER BY n) FROM unnest(p_attachment_names) AS n), '{}') THEN
    RETURN json_build_object('status', 'STALE');
  END IF;

  v_reference := v_dossier.reference;
  IF v_reference IS NULL THEN
    v_number := nextval('dossier_reference_seq')::text;
    v_reference := 'LAU-' || p_reference_year || '-' || CASE WHEN length(v_number) >= 5 THEN v_number ELSE lpad(v_number, 5, '0') END;
  END IF;

  UPDATE dossier
    SET status = 'SUBMITTED', reference = v_reference, submitted_at = p_now, title = p_title, summary = p_summary,
        category_id = p_category_id, total_cost_cents = p_total_cost_cents, requested_cents = p_requested_cents,
        version = version + 1, updated_at = now()
    WHERE id = p_dossier_id;
  IF v_dossier.status = 'CORRECTION_REQUESTED' THEN
    UPDATE correction_request SET resubmitted_at = p_now WHERE dossier_id = p_dossier_id AND resubmitted_at IS NULL;
  END IF;
  INSERT INTO dossier_event (id, dossier_id, status, message, actor_id, idempotency_key, at)
    VALUES (gen_random_uuid(), p_dossier_id, 'SUBMITTED', replace(p_event_message, p_placeholder, v_reference), p_actor_id, p_idempotency_key, p_now);
  INSERT INTO mail_outbox (id, dedupe_key, "to", subject, text)
    VALUES (gen_random_uuid(), p_mail_dedupe_key, p_mail_to, replace(p_mail_subject, p_placeholder, v_reference), replace(p_mail_text, p_placeholder, v_reference))
    ON CONFLICT (dedupe_key) DO NOTHING;
  -- Last: the audit chain's lock is held from here to the commit.
  PERFORM audit_event_append(p_audit_at, p_actor_id, 'dossier.submitted', 'dossier', p_dossier_id::text,
    replace(p_audit_data::text, p_placeholder, v_reference)::jsonb, replace(p_audit_canonical_without_prev, p_placeholder, v_reference));
  RETURN json_build_object('status', 'SAVED', 'reference', v_reference);
END
$$;

-- migrate:down
DROP FUNCTION dossier_submit_write(uuid, uuid, integer, call_phase, timestamptz, timestamptz, text[], text, timestamptz, integer, text, text, uuid, bigint, bigint, uuid, text, text, text, text, text, timestamptz, jsonb, text, text);
