import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/session-cookie-name";
import { isStaticPublicPage, publicPageExists } from "@/lib/publication/public-pages";
import { newNonce, securityHeaders } from "@/lib/security/headers";

/**
 * Security headers and the per-request CSP nonce (read by app/layout.tsx).
 * Not an access control: pages, routes and actions ask lib/auth/policy.ts.
 */
export async function proxy(request: NextRequest) {
  const options = { https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"), development: process.env.NODE_ENV === "development" };
  const path = request.nextUrl.pathname;
  // First, what a crowd reads on announcement day: a published results or
  // laureate page, served whole from Next's cache. The same document for
  // everyone, so no nonce (the page does not read one) and the policy without
  // it (decision 017); this path costs a map lookup once the page is known.
  const staticPage = isStaticPublicPage(path);
  if (staticPage && !malformedPath(request) && (await pageExists(path))) {
    const cached = NextResponse.next();
    for (const [name, value] of Object.entries(cachedPageHeaders(options))) cached.headers.set(name, value);
    return cached;
  }
  const nonce = newNonce();
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
  // (A cached public page that got here is malformed or has nothing to show.)
  const missing = staticPage || malformedPath(request) || !(await pageExists(path));
  if (missing) {
    const notFound = NextResponse.rewrite(new URL("/adresse-invalide", request.url), { status: 404, request: { headers: requestHeaders } });
    for (const [name, value] of Object.entries(headers)) notFound.headers.set(name, value);
    return notFound;
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** The headers of a cached page never change while the process runs: built once per setting. */
const cachedHeaders = new Map<string, Record<string, string>>();
function cachedPageHeaders(options: { https: boolean; development: boolean }): Record<string, string> {
  const key = `${options.https}:${options.development}`;
  let headers = cachedHeaders.get(key);
  if (!headers) cachedHeaders.set(key, (headers = securityHeaders({ nonce: null, ...options })));
  return headers;
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
