import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/session-cookie-name";
import { isStaticPublicPage, publicPageExists } from "@/lib/publication/public-pages";
import { newNonce, securityHeaders } from "@/lib/security/headers";

/**
 * Security headers and the per-request CSP nonce (read by app/layout.tsx).
 * Not an access control: pages, routes and actions ask lib/auth/policy.ts.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const options = { https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"), development: process.env.NODE_ENV === "development" };
  const headers = securityHeaders({ nonce, ...options });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Next.js reads the nonce from the request's CSP and puts it on its own scripts.
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  // next-auth answers a callbackUrl it does not like with a 500 (found by
  // e2e/public-fuzz.spec.ts): only local paths reach it.
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (request.nextUrl.pathname.startsWith("/api/auth/") && callbackUrl !== null && !/^\/(?!\/)[\w\-./?=&%#]*$/.test(callbackUrl)) {
    const cleaned = request.nextUrl.clone();
    cleaned.searchParams.delete("callbackUrl");
    const redirect = NextResponse.redirect(cleaned, 303);
    for (const [name, value] of Object.entries(headers)) redirect.headers.set(name, value);
    return redirect;
  }
  // Layer 1 of authorization, a convenience only: a visitor without any
  // session cookie who opens a page behind sign-in goes to the sign-in page
  // before the page even parses its address (so a malformed address there is
  // a sign-in, not a 404). Pages, actions and queries still check the session.
  const path = request.nextUrl.pathname;
  if (PRIVATE.test(path) && (request.method === "GET" || request.method === "HEAD") && !request.cookies.has(sessionCookieName())) {
    const signIn = new URL("/connexion", request.url);
    // An address too long to carry back (its Location header would exceed what
    // HTTP clients accept) is dropped: the person lands on their space instead.
    const back = path + request.nextUrl.search;
    if (back.length <= 2_000) signIn.searchParams.set("callbackUrl", back);
    const redirect = NextResponse.redirect(signIn, 307);
    for (const [name, value] of Object.entries(headers)) redirect.headers.set(name, value);
    return redirect;
  }
  // A malformed percent-escape ("/appels/%E9") made Next.js fail while
  // decoding the dynamic segment: a 500 for what is an unknown address (found
  // by e2e/public-fuzz.spec.ts). A public page with nothing to show (unknown
  // call, results under embargo) is answered here too, so that its French 404
  // is rendered on the server (lib/publication/public-pages.ts).
  const missing = malformedPath(request) || !(await pageExists(request.nextUrl.pathname));
  if (missing) {
    const notFound = NextResponse.rewrite(new URL("/adresse-invalide", request.url), { status: 404, request: { headers: requestHeaders } });
    for (const [name, value] of Object.entries(headers)) notFound.headers.set(name, value);
    return notFound;
  }
  if (isStaticPublicPage(request.nextUrl.pathname)) {
    // Served from the full-route cache: the same document for everyone, so
    // no nonce (the page does not read one) and the policy without it.
    const cached = NextResponse.next();
    for (const [name, value] of Object.entries(securityHeaders({ nonce: null, ...options }))) cached.headers.set(name, value);
    return cached;
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** Everything under these needs a signed-in person. */
const PRIVATE = /^\/(espace|instruction|jury)(\/|$)/;

/** A database that does not answer is left to the page (its own notFound() or error page). */
async function pageExists(pathname: string): Promise<boolean> {
  try {
    return await publicPageExists(pathname);
  } catch {
    return true;
  }
}

function malformedPath(request: NextRequest): boolean {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return false;
  } catch {
    return true;
  }
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
