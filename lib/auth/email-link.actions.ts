"use server";
import { redirect } from "next/navigation";
import { echoOnFailure } from "@/lib/server/form-echo";
import { fail, fieldErrorsFromZod, ok, type Result } from "@/lib/server/result";
import { emailLinkRequestSchema, LINK_INVALID, LINK_SENT, magicLinkSchema, passwordResetSchema } from "./email-link.schema";
import { requestMagicLink, requestPasswordReset, resetPassword, signInWithMagicLink } from "./email-link.mutations";
import { passwordPolicyErrors } from "./password-policy";
import { LOCKED_MESSAGE } from "./rate-limit";
import { appOrigin, clientIp } from "./request-context";
import { setSessionCookie } from "./session-cookie";
import { safeCallbackPath } from "./sign-in.schema";

export type LinkState = Result<{ message: string }> | null;


// Public by design (anonymous visitors sign in with them): the policy has
// nothing to check before authentication; rate limits and one-time tokens do.

export async function requestMagicLinkAction(_previous: LinkState, form: FormData): Promise<LinkState> {
  const parsed = emailLinkRequestSchema.safeParse({ email: form.get("email") ?? "" });
  if (!parsed.success) return echoOnFailure(fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues)), form);
  const result = await requestMagicLink(parsed.data.email, await clientIp(), appOrigin());
  return result.ok ? ok({ message: LINK_SENT }) : echoOnFailure(fail("RATE_LIMITED", LOCKED_MESSAGE), form);
}

export async function requestPasswordResetAction(_previous: LinkState, form: FormData): Promise<LinkState> {
  const parsed = emailLinkRequestSchema.safeParse({ email: form.get("email") ?? "" });
  if (!parsed.success) return echoOnFailure(fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues)), form);
  const result = await requestPasswordReset(parsed.data.email, await clientIp(), appOrigin());
  return result.ok ? ok({ message: LINK_SENT }) : echoOnFailure(fail("RATE_LIMITED", LOCKED_MESSAGE), form);
}

export async function consumeMagicLinkAction(_previous: LinkState, form: FormData): Promise<LinkState> {
  const parsed = magicLinkSchema.safeParse({ token: form.get("token") ?? "", callbackUrl: form.get("callbackUrl") ?? undefined });
  if (!parsed.success) return fail("INVALID_INPUT", LINK_INVALID);
  const user = await signInWithMagicLink(parsed.data.token, await clientIp());
  if (!user) return fail("INVALID_INPUT", LINK_INVALID);
  await setSessionCookie(user);
  redirect(safeCallbackPath(parsed.data.callbackUrl));
}

export async function resetPasswordAction(_previous: LinkState, form: FormData): Promise<LinkState> {
  const parsed = passwordResetSchema.safeParse({
    token: form.get("token") ?? "",
    password: form.get("password") ?? "",
    confirmation: form.get("confirmation") ?? "",
  });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromZod(parsed.error.issues);
    return fieldErrors.token ? fail("INVALID_INPUT", LINK_INVALID) : fail("INVALID_INPUT", undefined, fieldErrors);
  }
  const policy = passwordPolicyErrors(parsed.data.password);
  if (policy.length > 0) return fail("INVALID_INPUT", undefined, { password: policy });
  if (!(await resetPassword(parsed.data.token, parsed.data.password, await clientIp()))) return fail("INVALID_INPUT", LINK_INVALID);
  redirect("/connexion?mot-de-passe=modifie");
}
