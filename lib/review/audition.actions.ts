"use server";
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/session";
import { z } from "@/lib/validation/zod";
import type { Actor } from "@/lib/auth/actor";
import { fail, fieldErrorsFromZod, ok, type Err, type Result } from "@/lib/server/result";
import { saveAssignments, saveAuditionDay, sendConvocations } from "./audition.mutations";
import { assignmentsFromForm, assignmentsInput, auditionDayInput, versionInput } from "./audition.schema";

export type AuditionState = Result<{ message: string; version: number }> | null;

const callId = z.uuid();

/**
 * Authenticate, then read the call the form names: without a valid one
 * nobody gets further (the mutations authorize on the call they load).
 */
async function start(formData: FormData): Promise<{ error: Err } | { viewer: Actor; callId: string }> {
  const viewer = await getViewer();
  if (!viewer) return { error: fail("UNAUTHENTICATED") };
  const id = callId.safeParse(formData.get("callId"));
  if (!id.success) return { error: fail("FORBIDDEN") };
  return { viewer, callId: id.data };
}

const path = (formData: FormData) => `/instruction/appels/${String(formData.get("slug") ?? "")}/auditions`;

export async function saveAuditionDayAction(_previous: AuditionState, formData: FormData): Promise<AuditionState> {
  const s = await start(formData);
  if ("error" in s) return s.error;
  const parsed = auditionDayInput.safeParse(Object.fromEntries(["version", "date", "start", "end", "slotMinutes", "gapMinutes", "breaks", "location", "videoUrl"].map((k) => [k, formData.get(k) ?? undefined])));
  if (!parsed.success) return fail("INVALID_INPUT", parsed.error.issues[0]?.message, fieldErrorsFromZod(parsed.error.issues));
  const result = await saveAuditionDay(s.viewer, s.callId, parsed.data);
  if (!result.ok) return result;
  revalidatePath(path(formData));
  return ok({ message: `Journée enregistrée : ${result.data.slots} créneaux.`, version: result.data.version });
}

export async function saveAssignmentsAction(_previous: AuditionState, formData: FormData): Promise<AuditionState> {
  const s = await start(formData);
  if ("error" in s) return s.error;
  const parsed = assignmentsInput.safeParse(assignmentsFromForm(formData));
  if (!parsed.success) return fail("INVALID_INPUT", parsed.error.issues[0]?.message, fieldErrorsFromZod(parsed.error.issues));
  const result = await saveAssignments(s.viewer, s.callId, parsed.data);
  if (!result.ok) return result;
  revalidatePath(path(formData));
  return ok({ message: `Planning enregistré : ${result.data.assigned} dossier${result.data.assigned > 1 ? "s" : ""} placé${result.data.assigned > 1 ? "s" : ""}.`, version: result.data.version });
}

export async function sendConvocationsAction(_previous: AuditionState, formData: FormData): Promise<AuditionState> {
  const s = await start(formData);
  if ("error" in s) return s.error;
  const parsed = versionInput.safeParse({ version: formData.get("version") });
  if (!parsed.success) return fail("INVALID_INPUT", "Version du planning manquante : rechargez la page.");
  const result = await sendConvocations(s.viewer, s.callId, parsed.data.version);
  if (!result.ok) return result;
  revalidatePath(path(formData));
  const { sent, withoutRecipient } = result.data;
  return ok({
    message: `${sent} convocation${sent > 1 ? "s" : ""} envoyée${sent > 1 ? "s" : ""}.${withoutRecipient ? ` ${withoutRecipient} dossier${withoutRecipient > 1 ? "s" : ""} sans destinataire connu.` : ""}`,
    version: result.data.version,
  });
}
