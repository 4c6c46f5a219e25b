import { NextResponse, type NextRequest } from "next/server";

/**
 * An address with a malformed percent-escape ("/appels/%", "/appels/%E9")
 * made Next.js fail while decoding the dynamic segment: a 500 for what is an
 * unknown address (found by e2e/public-fuzz.spec.ts). Such addresses get the
 * French 404 page instead.
 */
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.rewrite(new URL("/adresse-invalide", request.url), { status: 404 });
  }
  return NextResponse.next();
}

export const config = { matcher: "/((?!_next/static|_next/image|favicon.ico).*)" };
