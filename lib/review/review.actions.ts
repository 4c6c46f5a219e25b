"use server";
/**
 * Thin wrappers for native forms (useActionState): authenticate, the coarse
 * staff gate, then the mutation, which authorizes on the dossier or call it
 * loads and re-validates everything with zod.
 */
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import type { Actor } from "@/lib/auth/actor";
import { echoOnFailure } from "@/lib/server/form-echo";
import { fail, type Err, type Result } from "@/lib/server/result";
import {
  addAnnotation,
  bulkAction,
  createTag,
  decidePreselection,
  releaseDecisions,
  setAssignees,
  setTags,
  tickEligibility,
  type BulkDone,
  type BulkPreview,
  type Decided,
  type DecisionConflict,
  type Release,
} from "./review.mutations";
import { requestCorrection, type CorrectionRequested } from "@/lib/dossiers/dossier.mutations";

export type ActionState<T> = Result<T> | null;

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};
const all = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");

async function staffViewer(): Promise<{ viewer: Actor } | { error: Err }> {
  const viewer = await getViewer();
  if (!viewer) return { error: fail("UNAUTHENTICATED") };
  if (!can(viewer, "review.act", null)) return { error: fail("FORBIDDEN") };
  return { viewer };
}

function done<T>(result: Result<T>, form: FormData): Result<T> {
  // Every staff page and the applicant's dossier pages read what changed.
  if (result.ok) revalidatePath("/", "layout");
  return echoOnFailure(result, form);
}

export async function addAnnotationAction(_prev: ActionState<{ id: string }>, form: FormData): Promise<ActionState<{ id: string }>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await addAnnotation(s.viewer, { dossierId: str(form, "dossierId"), body: str(form, "body") }), form);
}

export async function requestCorrectionAction(_prev: ActionState<CorrectionRequested>, form: FormData): Promise<ActionState<CorrectionRequested>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await requestCorrection(s.viewer, { dossierId: str(form, "dossierId"), message: str(form, "message"), dueDate: str(form, "dueDate") }), form);
}

export async function decideAction(_prev: ActionState<Decided> | DecisionConflict, form: FormData): Promise<ActionState<Decided> | DecisionConflict> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  const result = await decidePreselection(s.viewer, {
    callId: str(form, "callId"),
    dossierId: str(form, "dossierId"),
    decision: str(form, "decision"),
    reason: str(form, "reason"),
    expectedVersion: str(form, "expectedVersion"),
  });
  if (result.ok) revalidatePath("/", "layout");
  return echoOnFailure(result, form);
}

export async function releaseDecisionsAction(_prev: ActionState<Release>, form: FormData): Promise<ActionState<Release>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await releaseDecisions(s.viewer, { callId: str(form, "callId"), confirm: str(form, "confirm") }), form);
}

export async function setAssigneesAction(_prev: ActionState<{ userIds: string[] }>, form: FormData): Promise<ActionState<{ userIds: string[] }>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await setAssignees(s.viewer, { dossierId: str(form, "dossierId"), userIds: all(form, "userIds") }), form);
}

export async function setTagsAction(_prev: ActionState<{ tagIds: string[] }>, form: FormData): Promise<ActionState<{ tagIds: string[] }>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await setTags(s.viewer, { dossierId: str(form, "dossierId"), tagIds: all(form, "tagIds") }), form);
}

export async function createTagAction(_prev: ActionState<{ id: string }>, form: FormData): Promise<ActionState<{ id: string }>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await createTag(s.viewer, { callId: str(form, "callId"), label: str(form, "label"), colour: str(form, "colour") }), form);
}

export async function tickEligibilityAction(_prev: ActionState<{ met: boolean }>, form: FormData): Promise<ActionState<{ met: boolean }>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await tickEligibility(s.viewer, { dossierId: str(form, "dossierId"), itemKey: str(form, "itemKey"), met: str(form, "met") }), form);
}

export async function bulkActionAction(_prev: ActionState<BulkPreview | BulkDone>, form: FormData): Promise<ActionState<BulkPreview | BulkDone>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  const optional = (name: string) => str(form, name) || undefined;
  const result = await bulkAction(s.viewer, {
    callId: str(form, "callId"),
    dossierIds: all(form, "ids"),
    action: str(form, "action"),
    assigneeId: optional("assigneeId"),
    tagId: optional("tagId"),
    decision: optional("decision"),
    reason: optional("reason"),
    intent: str(form, "intent"),
    token: optional("token"),
  });
  if (result.ok && result.data.intent === "confirm") revalidatePath("/", "layout");
  return echoOnFailure(result, form);
}
