"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { echoOnFailure } from "@/lib/server/form-echo";
import { fail, ok, type Result } from "@/lib/server/result";
import { acceptInvitation, createInvitation, revokeInvitation } from "./invitation.mutations";
import { appOrigin, clientIp } from "./request-context";
import { getViewer } from "./session";
import { setSessionCookie } from "./session-cookie";

/** A refusal carries the submitted values (`echoOnFailure`): the form shows them again (React resets it after an action). */
export type InvitationState = Result<{ message: string }> | null;

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** « Envoyer l’invitation »: a native form, works without JavaScript. */
export async function createInvitationAction(_previous: InvitationState, form: FormData): Promise<InvitationState> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  const input = {
    email: field(form, "email") ?? "",
    name: field(form, "name") ?? "",
    kind: field(form, "kind") ?? "",
    administrationId: field(form, "administrationId") ?? "",
    callId: field(form, "callId") ?? "",
  };
  const result = await createInvitation(viewer, input, appOrigin());
  if (!result.ok) return echoOnFailure(result, form);
  revalidatePath("/espace/invitations");
  return ok({ message: `Invitation envoyée à ${String(form.get("email")).trim().toLowerCase()}.` });
}

export async function revokeInvitationAction(_previous: InvitationState, form: FormData): Promise<InvitationState> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  const result = await revokeInvitation(viewer, { invitationId: field(form, "invitationId") ?? "" });
  if (!result.ok) return result;
  revalidatePath("/espace/invitations");
  return ok({ message: "Invitation annulée." });
}

/** Public by design (the invited person has no account yet): the one-time token is the credential. */
export async function acceptInvitationAction(_previous: InvitationState, form: FormData): Promise<InvitationState> {
  const result = await acceptInvitation({ token: field(form, "token") ?? "" }, await clientIp());
  if (!result.ok) return result;
  await setSessionCookie(result.data.user);
  redirect(result.data.destination);
}
