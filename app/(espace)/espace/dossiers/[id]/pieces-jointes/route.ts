import { getViewer } from "@/lib/auth/session";
import { uploadAttachment } from "@/lib/files/attachment.mutations";
import { fail, HTTP_STATUS, type Result } from "@/lib/server/result";

const json = (body: Result<unknown>, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

/**
 * Upload of one attachment: the raw file as the body, its name in the
 * `X-File-Name` header (URI-encoded). A custom header cannot be sent across
 * origins without a CORS preflight, which this route never answers; the
 * Origin, when present, must be ours. The mutation authorizes and streams.
 */
export async function POST(request: Request, props: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return json(fail("UNAUTHENTICATED"), 401);
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== process.env.NEXTAUTH_URL?.replace(/\/$/, "")) {
    return json(fail("FORBIDDEN"), 403);
  }
  const rawName = request.headers.get("x-file-name");
  let fileName: string | null = null;
  try {
    fileName = rawName === null ? null : decodeURIComponent(rawName);
  } catch {
    fileName = null;
  }
  const length = request.headers.get("content-length");
  const { id } = await props.params;
  const result = await uploadAttachment(viewer, {
    dossierId: id,
    fileName,
    declaredBytes: length !== null && /^\d+$/.test(length) ? Number(length) : null,
    body: request.body,
  });
  return json(result, result.ok ? 201 : HTTP_STATUS[result.code]);
}
