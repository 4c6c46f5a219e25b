import "server-only";
import { db } from "@/lib/server/db";
import type { Viewer } from "./actor";
import { hashToken } from "./email-token";
import { acceptInput, type InvitationKind } from "./invitation.schema";
import { can } from "./policy";

export type InvitationStatus = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

export type InvitationRow = {
  id: string;
  email: string;
  name: string;
  kind: InvitationKind;
  target: string;
  status: InvitationStatus;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
};

export type InvitationConsole = {
  invitations: InvitationRow[];
  administrations: { id: string; name: string }[];
  calls: { id: string; title: string }[];
};

function statusOf(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (i.acceptedAt) return "ACCEPTED";
  if (i.revokedAt) return "REVOKED";
  return i.expiresAt <= now ? "EXPIRED" : "PENDING";
}

function targetOf(i: { kind: InvitationKind; administration: { name: string } | null; call: { title: string } | null }): string {
  if (i.kind === "ADMINISTRATION") return i.administration?.name ?? "—";
  return i.call?.title ?? "Tous les appels";
}

/** The administrators' invitation console: the latest invitations and what can be chosen. Null for anyone else. */
export async function loadInvitationConsole(viewer: Viewer, now = new Date()): Promise<InvitationConsole | null> {
  if (!can(viewer, "invitation.manage", null)) return null;
  const [invitations, administrations, calls] = await Promise.all([
    db.invitation.findMany({
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        email: true,
        name: true,
        kind: true,
        acceptedAt: true,
        revokedAt: true,
        expiresAt: true,
        createdAt: true,
        administration: { select: { name: true } },
        call: { select: { title: true } },
        invitedBy: { select: { name: true } },
      },
    }),
    db.administration.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.call.findMany({ orderBy: { opensAt: "desc" }, select: { id: true, title: true } }),
  ]);
  return {
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      kind: i.kind,
      target: targetOf(i),
      status: statusOf(i, now),
      invitedBy: i.invitedBy?.name ?? null,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
    })),
    administrations,
    calls,
  };
}

export type InvitationPreview = { name: string; email: string; kind: InvitationKind; target: string; expiresAt: string };

/** What the invitation link shows before acceptance; null for an unknown, used, revoked or expired link. */
export async function loadInvitationPreview(rawToken: unknown, now = new Date()): Promise<InvitationPreview | null> {
  const parsed = acceptInput.safeParse({ token: rawToken });
  if (!parsed.success) return null;
  const i = await db.invitation.findFirst({
    where: { tokenHash: hashToken(parsed.data.token), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { name: true, email: true, kind: true, expiresAt: true, administration: { select: { name: true } }, call: { select: { title: true } } },
  });
  return i ? { name: i.name, email: i.email, kind: i.kind, target: targetOf(i), expiresAt: i.expiresAt.toISOString() } : null;
}
