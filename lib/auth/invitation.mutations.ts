import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/audit";
import type { Role } from "@/lib/generated/prisma/enums";
import { enqueueMail } from "@/lib/mail/outbox";
import { db } from "@/lib/server/db";
import type { Tx } from "@/lib/server/prisma";
import { fail, fieldErrorsFromZod, ok, type Result } from "@/lib/server/result";
import { formatParisDateTime } from "@/lib/time";
import type { Viewer } from "./actor";
import { hashToken } from "./email-token";
import {
  acceptInput,
  INVITATION_INVALID,
  INVITATION_TTL_DAYS,
  invitationInput,
  revokeInput,
  type InvitationInput,
} from "./invitation.schema";
import { can } from "./policy";
import type { SessionUser } from "./sign-in.mutations";

/**
 * Invitations: an administrator invites a person by e-mail to an
 * administration, to the programme staff or to a call's jury. The link
 * carries a 256-bit token (only its hash is stored); it expires after
 * INVITATION_TTL_DAYS and is accepted once, which creates the account if
 * needed, grants the role and signs the person in.
 */

async function targetLabel(tx: Tx, input: Pick<InvitationInput, "kind" | "administrationId" | "callId">): Promise<string | null> {
  if (input.kind === "ADMINISTRATION") {
    const a = await tx.administration.findUnique({ where: { id: input.administrationId! }, select: { name: true } });
    return a ? `l’administration « ${a.name} »` : null;
  }
  if (input.callId) {
    const c = await tx.call.findUnique({ where: { id: input.callId }, select: { title: true } });
    if (!c) return null;
    return input.kind === "JURY" ? `le jury de l’appel « ${c.title} »` : `l’équipe du programme pour l’appel « ${c.title} »`;
  }
  return "l’équipe du programme (tous les appels)";
}

export async function createInvitation(viewer: Viewer, raw: unknown, origin: string, now = new Date()): Promise<Result<{ id: string; expiresAt: string }>> {
  if (!viewer) return fail("UNAUTHENTICATED");
  if (!can(viewer, "invitation.manage", null)) return fail("FORBIDDEN");
  const parsed = invitationInput.safeParse(raw);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const input = parsed.data;
  return db.$transaction(async (tx): Promise<Result<{ id: string; expiresAt: string }>> => {
    const target = await targetLabel(tx, input);
    if (!target) {
      return fail("INVALID_INPUT", undefined, input.kind === "ADMINISTRATION" ? { administrationId: ["Cette administration est introuvable."] } : { callId: ["Cet appel est introuvable."] });
    }
    if (input.kind === "ADMINISTRATION") {
      const existing = await tx.user.findUnique({ where: { email: input.email }, select: { administrationId: true, administration: { select: { name: true } } } });
      if (existing?.administrationId && existing.administrationId !== input.administrationId) {
        return fail("INVALID_INPUT", undefined, { email: [`Cette personne est déjà membre d’une autre administration (${existing.administration!.name}).`] });
      }
    }
    // A new invitation to the same place replaces the pending one.
    await tx.invitation.updateMany({
      where: { email: input.email, kind: input.kind, administrationId: input.administrationId, callId: input.callId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const token = randomBytes(32).toString("base64url");
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
    await tx.invitation.create({
      data: { id, email: input.email, name: input.name, kind: input.kind, administrationId: input.administrationId, callId: input.callId, invitedById: viewer.userId, tokenHash: hashToken(token), expiresAt },
    });
    const url = `${origin}/invitation?jeton=${token}`;
    await enqueueMail(tx, {
      dedupeKey: `invitation:${id}`,
      to: input.email,
      subject: "Invitation à rejoindre Lauréat",
      text: [
        `Bonjour ${input.name},`,
        "",
        `${viewer.name} vous invite à rejoindre ${target} sur Lauréat, le portail des appels à projets de l’État.`,
        "",
        `Pour accepter l’invitation, ouvrez ce lien :`,
        url,
        "",
        `Il est valable jusqu’au ${formatParisDateTime(expiresAt)} (heure de Paris) et ne fonctionne qu’une fois. Si vous ne vous attendiez pas à ce message, ignorez-le.`,
        "",
        "L’équipe Lauréat",
      ].join("\n"),
    });
    await appendAudit(tx, {
      actorId: viewer.userId,
      action: "invitation.created",
      entityType: "invitation",
      entityId: id,
      data: { email: input.email, kind: input.kind, administrationId: input.administrationId, callId: input.callId, expiresAt: expiresAt.toISOString() },
    });
    return ok({ id, expiresAt: expiresAt.toISOString() });
  });
}

export async function revokeInvitation(viewer: Viewer, raw: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  if (!viewer) return fail("UNAUTHENTICATED");
  if (!can(viewer, "invitation.manage", null)) return fail("FORBIDDEN");
  const parsed = revokeInput.safeParse(raw);
  if (!parsed.success) return fail("INVALID_INPUT", undefined, fieldErrorsFromZod(parsed.error.issues));
  const { invitationId } = parsed.data;
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: invitationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return fail("CONFLICT", "Cette invitation n’est plus en attente : elle a déjà été acceptée ou annulée.");
    await appendAudit(tx, { actorId: viewer.userId, action: "invitation.revoked", entityType: "invitation", entityId: invitationId });
    return ok({ id: invitationId });
  });
}

export type Acceptance = { user: SessionUser; destination: string };

/**
 * Accepts an invitation: one conditional UPDATE consumes it (two clicks cannot
 * both succeed), then the account is created or completed and the role
 * granted, in the same transaction. Any refusal rolls everything back and the
 * invitation stays usable.
 */
export async function acceptInvitation(raw: unknown, ip: string, now = new Date()): Promise<Result<Acceptance>> {
  const parsed = acceptInput.safeParse(raw);
  if (!parsed.success) return fail("INVALID_INPUT", INVITATION_INVALID);
  try {
    return await db.$transaction(async (tx): Promise<Result<Acceptance>> => {
      const [invitation] = await tx.$queryRaw<{ id: string; email: string; name: string; kind: "ADMINISTRATION" | "STAFF" | "JURY"; administration_id: string | null; call_id: string | null }[]>`
        update invitation set accepted_at = ${now}
        where token_hash = ${hashToken(parsed.data.token)} and accepted_at is null and revoked_at is null and expires_at > ${now}
        returning id::text, email, name, kind::text as kind, administration_id::text, call_id::text`;
      if (!invitation) return fail("INVALID_INPUT", INVITATION_INVALID);
      let user = await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true, email: true, name: true, sessionVersion: true, administrationId: true, disabledAt: true } });
      if (user?.disabledAt) throw new Refusal(fail("FORBIDDEN", "Ce compte est désactivé : contactez l’équipe Lauréat."));
      if (!user) {
        user = await tx.user.create({
          data: { email: invitation.email, name: invitation.name, administrationId: invitation.kind === "ADMINISTRATION" ? invitation.administration_id : null },
          select: { id: true, email: true, name: true, sessionVersion: true, administrationId: true, disabledAt: true },
        });
      } else if (invitation.kind === "ADMINISTRATION") {
        if (user.administrationId && user.administrationId !== invitation.administration_id) {
          throw new Refusal(fail("CONFLICT", "Votre compte est déjà rattaché à une autre administration : demandez à l’équipe Lauréat de corriger l’invitation."));
        }
        if (!user.administrationId) await tx.user.update({ where: { id: user.id }, data: { administrationId: invitation.administration_id } });
      }
      const role: Role = invitation.kind === "ADMINISTRATION" ? "APPLICANT" : invitation.kind;
      const callId = invitation.kind === "ADMINISTRATION" ? null : invitation.call_id;
      const granted = !(await tx.roleGrant.findFirst({ where: { userId: user.id, role, callId }, select: { id: true } }));
      if (granted) await tx.roleGrant.create({ data: { userId: user.id, role, callId } });
      let destination = invitation.kind === "ADMINISTRATION" ? "/espace/dossiers" : "/espace";
      if (invitation.kind === "JURY") {
        await tx.juryMember.upsert({ where: { callId_userId: { callId: invitation.call_id!, userId: user.id } }, create: { callId: invitation.call_id!, userId: user.id }, update: {} });
        const call = await tx.call.findUniqueOrThrow({ where: { id: invitation.call_id! }, select: { slug: true } });
        destination = `/jury/${call.slug}`;
      }
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedById: user.id } });
      await appendAudit(tx, { actorId: user.id, action: "invitation.accepted", entityType: "invitation", entityId: invitation.id, data: { ip } });
      if (granted) {
        await appendAudit(tx, { actorId: user.id, action: "role.granted", entityType: "user", entityId: user.id, data: { role, callId, administrationId: invitation.administration_id, through: "invitation" } });
      }
      return ok({ user: { userId: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion }, destination });
    });
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    throw error;
  }
}

/** Rolls the transaction back (the invitation stays usable) and carries the refusal out. */
class Refusal extends Error {
  constructor(readonly result: Result<never>) {
    super("refused");
  }
}
