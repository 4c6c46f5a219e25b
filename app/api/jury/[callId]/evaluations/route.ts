import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/session";
import { saveEvaluation } from "@/lib/jury/jury.mutations";
import { fail, HTTP_STATUS } from "@/lib/server/result";
import { isUuid } from "@/lib/validation/ids";

/**
 * The offline queue's sync endpoint: one queued save per request, idempotent
 * by its `opId` (a replay answers 200 with `replayed: true`).
 */
export async function POST(request: Request, { params }: { params: Promise<{ callId: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json(fail("UNAUTHENTICATED"), { status: 401 });
  const { callId } = await params;
  if (!isUuid(callId)) return NextResponse.json(fail("NOT_FOUND"), { status: 404 });
  // An unreadable body goes to the mutation as null: it authorizes first
  // (403 for a non-member), then refuses the input (INVALID_INPUT).
  const body: unknown = await request.json().catch(() => null);
  const result = await saveEvaluation(viewer, callId, body);
  return NextResponse.json(result, { status: result.ok ? 200 : HTTP_STATUS[result.code] });
}
