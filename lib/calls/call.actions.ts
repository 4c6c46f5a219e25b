"use server";
/**
 * Thin wrappers: the session, then the mutation, which authorizes before it
 * reads the input and re-validates everything with zod.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/session";
import { echoOnFailure } from "@/lib/server/form-echo";
import type { Err, Result } from "@/lib/server/result";
import { addQuestion, addTeamMember, createCall, duplicateCall, removeQuestion, removeTeamMember, transitionCall, updateCall, type TransitionDone } from "./call.mutations";

export type FormState = Err | { ok: true; message: string } | null;

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

function refresh(slug?: string) {
  revalidatePath("/espace/appels");
  if (slug) revalidatePath(`/espace/appels/${slug}`, "layout");
}

export async function createCallAction(values: unknown): Promise<Result<{ id: string; slug: string }>> {
  const result = await createCall(await getViewer(), values);
  if (result.ok) refresh(result.data.slug);
  return result;
}

export async function updateCallAction(input: unknown): Promise<Result<{ slug: string; version: number }>> {
  const result = await updateCall(await getViewer(), input);
  if (result.ok) refresh(result.data.slug);
  return result;
}

export async function addQuestionAction(input: unknown): Promise<Result<{ id: string; key: string }>> {
  const result = await addQuestion(await getViewer(), input);
  if (result.ok) revalidatePath("/espace/appels", "layout");
  return result;
}

export async function removeQuestionAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await removeQuestion(await getViewer(), { callId: field(form, "callId"), questionId: field(form, "questionId") });
  if (!result.ok) return result;
  revalidatePath("/espace/appels", "layout");
  return { ok: true, message: "Question retirée." };
}

export async function transitionCallAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await getViewer();
  const result: Result<TransitionDone> = await transitionCall(viewer, {
    callId: field(form, "callId"),
    to: field(form, "to"),
    confirm: field(form, "confirm"),
    newClosesAt: field(form, "newClosesAt") ?? "",
  });
  if (!result.ok) return echoOnFailure(result, form);
  revalidatePath("/", "layout");
  const mails = result.data.notified > 0 ? ` ${result.data.notified} courriel(s) envoyé(s) aux administrations concernées.` : "";
  return { ok: true, message: `Phase changée.${mails}` };
}

export async function duplicateCallAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await duplicateCall(await getViewer(), { callId: field(form, "callId"), title: field(form, "title"), slug: field(form, "slug"), kind: field(form, "kind") });
  if (!result.ok) return echoOnFailure(result, form);
  refresh(result.data.slug);
  redirect(`/espace/appels/${result.data.slug}`);
}

export async function addTeamMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await addTeamMember(await getViewer(), { callId: field(form, "callId"), email: field(form, "email"), role: field(form, "role") });
  if (!result.ok) return echoOnFailure(result, form);
  revalidatePath("/espace/appels", "layout");
  return { ok: true, message: "Personne ajoutée." };
}

export async function removeTeamMemberAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await removeTeamMember(await getViewer(), { callId: field(form, "callId"), userId: field(form, "userId"), role: field(form, "role") });
  if (!result.ok) return result;
  revalidatePath("/espace/appels", "layout");
  return { ok: true, message: "Personne retirée." };
}

