-- migrate:up
-- Writes one juror's evaluation in a single statement (issue 7: 15 jurors
-- saving at once on audition day, p95 under 100 ms). It was a transaction of
-- about fifteen round trips through Prisma, whose cost per statement in the
-- Node process queued the jurors behind one another. lib/jury/jury.mutations.ts
-- reads the current state, prepares the whole write (scores, outcome, audit
-- event) and sends it here with the revision it read: the function re-checks,
-- under the juror-and-dossier lock, everything a concurrent change could have
-- altered, and writes nothing unless every check passes.
--
-- Returns what happened:
--   SAVED       everything written (operation, evaluation, scores, audit event)
--   CLOSED      the call no longer takes scores (phase, deliberation locked)
--   LOCKED      the chair locked the dossier (or it is not on this call's agenda)
--   CONFLICTED  a conflict of interest now stands for this juror and dossier
--   STALE       the evaluation changed since it was read: read again, prepare again
--   REPLAY      this operation id was already used: its recorded outcome stands
CREATE FUNCTION jury_evaluation_write(
  p_call_id uuid,
  p_member_id uuid,
  p_jury_dossier_id uuid,
  p_read_revision integer,
  p_new_evaluation_id uuid,
  p_overall_comment text,
  p_feedback text,
  p_internal_note text,
  p_submitted_at timestamptz,
  p_scores jsonb,
  p_op_id text,
  p_outcome jsonb,
  p_audit_at timestamptz,
  p_actor_id uuid,
  p_audit_data jsonb,
  p_audit_canonical_without_prev text
) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_evaluation_id uuid;
  v_revision integer;
BEGIN
  -- Same key as before this function: one juror's saves on one dossier queue here.
  PERFORM pg_advisory_xact_lock(hashtext(p_member_id::text || ':' || p_jury_dossier_id::text));

  PERFORM 1 FROM call WHERE id = p_call_id AND phase IN ('AUDITIONS', 'DELIBERATION') AND deliberation_locked_at IS NULL;
  IF NOT FOUND THEN RETURN 'CLOSED'; END IF;
  -- FOR SHARE: the chair's lock of the dossier waits for this save to commit, or this save sees the lock.
  PERFORM 1 FROM jury_dossier jd JOIN dossier d ON d.id = jd.dossier_id
    WHERE jd.id = p_jury_dossier_id AND d.call_id = p_call_id AND jd.locked_at IS NULL
    FOR SHARE OF jd;
  IF NOT FOUND THEN RETURN 'LOCKED'; END IF;
  PERFORM 1 FROM jury_conflict WHERE member_id = p_member_id AND jury_dossier_id = p_jury_dossier_id AND status <> 'DISMISSED';
  IF FOUND THEN RETURN 'CONFLICTED'; END IF;

  SELECT id, revision INTO v_evaluation_id, v_revision
    FROM jury_evaluation WHERE member_id = p_member_id AND jury_dossier_id = p_jury_dossier_id;
  IF coalesce(v_revision, 0) <> p_read_revision THEN RETURN 'STALE'; END IF;

  -- Nothing is written before this line: the first write claims the operation id.
  INSERT INTO jury_operation (id, op_id, member_id, outcome) VALUES (gen_random_uuid(), p_op_id, p_member_id, p_outcome)
    ON CONFLICT (op_id) DO NOTHING;
  IF NOT FOUND THEN RETURN 'REPLAY'; END IF;

  IF v_evaluation_id IS NULL THEN
    v_evaluation_id := p_new_evaluation_id;
    INSERT INTO jury_evaluation (id, member_id, jury_dossier_id, overall_comment, feedback, internal_note, submitted_at, revision, updated_at)
      VALUES (v_evaluation_id, p_member_id, p_jury_dossier_id, p_overall_comment, p_feedback, p_internal_note, p_submitted_at, 1, now());
  ELSE
    UPDATE jury_evaluation
      SET overall_comment = p_overall_comment, feedback = p_feedback, internal_note = p_internal_note,
          submitted_at = coalesce(submitted_at, p_submitted_at), revision = revision + 1, updated_at = now()
      WHERE id = v_evaluation_id;
  END IF;

  INSERT INTO jury_score (id, evaluation_id, criterion_id, value_half, comment, updated_at)
    SELECT gen_random_uuid(), v_evaluation_id, s.criterion_id, s.value_half, s.comment, now()
    FROM jsonb_to_recordset(p_scores) AS s(criterion_id uuid, value_half integer, comment text)
    ON CONFLICT (evaluation_id, criterion_id) DO UPDATE SET value_half = EXCLUDED.value_half, comment = EXCLUDED.comment, updated_at = now();

  PERFORM audit_event_append(p_audit_at, p_actor_id, 'jury.evaluation.saved', 'jury_evaluation', v_evaluation_id::text, p_audit_data, p_audit_canonical_without_prev);
  RETURN 'SAVED';
END
$$;

-- migrate:down
DROP FUNCTION jury_evaluation_write(uuid, uuid, uuid, integer, uuid, text, text, text, timestamptz, jsonb, text, jsonb, timestamptz, uuid, jsonb, text);
