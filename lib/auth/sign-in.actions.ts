"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { fail, fieldErrorsFromZod, type Err } from "@/lib/server/result";
import { sessionCookieName, SESSION_MAX_AGE_SECONDS } from "./auth-options";
import { signInSchema, safeCallbackPath } from "./sign-in.schema";
import { checkPassword, encodeSessionToken } from "./sign-in.mutations";

export type SignInState = Err | null;

const NEUTRAL = "Adresse électronique ou mot de passe incorrect.";

/** Works without JavaScript: a native form posts here. */
export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const result = await checkPassword(parsed.data.email, parsed.data.password);
  if (!result.ok) return fail("UNAUTHENTICATED", NEUTRAL);
  (await cookies()).set(sessionCookieName(), await encodeSessionToken(result), {
    httpOnly: true,
    sameSite: "lax",
    secure: sessionCookieName().startsWith("__Secure-"),
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  redirect(safeCallbackPath(parsed.data.callbackUrl));
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(sessionCookieName());
  redirect("/");
}
