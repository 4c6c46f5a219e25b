"use server";
import { redirect } from "next/navigation";
import { echoOnFailure } from "@/lib/server/form-echo";
import { fail, fieldErrorsFromZod, type Err } from "@/lib/server/result";
import { authorize } from "./policy";
import { LOCKED_MESSAGE } from "./rate-limit";
import { clientIp } from "./request-context";
import { clearSessionCookie, setSessionCookie } from "./session-cookie";
import { getViewer } from "./session";
import { signInSchema, safeCallbackPath } from "./sign-in.schema";
import { checkPassword, revokeAllSessions } from "./sign-in.mutations";

export type SignInState = Err | null;

/** The same words for a wrong password and an unknown address: they must not reveal whether the account exists. */
const NEUTRAL = "Adresse électronique ou mot de passe incorrect.";

/** Works without JavaScript: a native form posts here. */
export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  // The address comes back with a refusal, never the password.
  const echo = (err: Err) => echoOnFailure(err, form, { omit: ["password"] });
  if (!parsed.success) return echo(fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues)));
  const result = await checkPassword(parsed.data.email, parsed.data.password, await clientIp());
  if (!result.ok) return echo(result.reason === "locked" ? fail("RATE_LIMITED", LOCKED_MESSAGE) : fail("UNAUTHENTICATED", NEUTRAL));
  await setSessionCookie(result);
  redirect(safeCallbackPath(parsed.data.callbackUrl));
}

export async function signOut(): Promise<void> {
  await clearSessionCookie();
  redirect("/");
}

/** Ends every session of the account, on every device, including this one. */
export async function signOutEverywhere(): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) redirect("/connexion");
  authorize(viewer, "account.revokeSessions", { userId: viewer.userId });
  await revokeAllSessions(viewer.userId);
  await clearSessionCookie();
  redirect("/connexion?deconnecte=partout");
}
