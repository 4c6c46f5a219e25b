import "server-only";
import { randomUUID } from "node:crypto";
import { appendAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { logRefusal } from "@/lib/dossiers/dossier.events";
import { db } from "@/lib/server/db";
import type { Tx } from "@/lib/server/prisma";
import { fail, fieldErrorsFromZod, ok, type Err, type Result } from "@/lib/server/result";
import { deleteViewInput, MAX_VIEWS_PER_CALL, normaliseViewQuery, renameViewInput, saveViewInput } from "./inbox-view.schema";

/*
 * Saved inbox views. Each: parse → load what it touches, scoped by the
 * session's user (another person's view is NOT_FOUND, never FORBIDDEN: its
 * existence is not revealed) → authorize on the call (`review.views`) →
 * write with its audit event in one transaction. A refusal writes nothing.
 */

export type SavedView = { id: string; name: string; query: string };

const VIEW_NOT_FOUND = "Cette vue est introuvable.";
const CALL_NOT_FOUND = "Cet appel à projets est introuvable.";

function refuse<T extends Err>(action: string, actor: Actor | null, id: string | null, err: T): T {
  logRefusal(action, actor?.userId ?? null, id, err.code, err.message);
  return err;
}

const invalid = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  fail("INVALID_INPUT", issues[0]?.message ?? undefined, fieldErrorsFromZod(issues));

const nameError = (message: string) => fail("INVALID_INPUT", message, { name: [message] });
const duplicate = (name: string) => nameError(`Vous avez déjà une vue nommée « ${name} » pour cet appel : choisissez un autre nom.`);

/** Serialises one person's changes to their views (the 20-view cap and the name check run under it). */
async function lockUser(tx: Tx, userId: string): Promise<void> {
  await tx.$queryRaw`select id from app_user where id = ${userId}::uuid for update`;
}

/** Another view of this person on this call with the same name, letter case aside. */
async function nameTaken(tx: Tx, userId: string, callId: string, name: string, except: string | null): Promise<boolean> {
  const other = await tx.inboxView.findFirst({
    where: { userId, callId, name: { equals: name, mode: "insensitive" }, ...(except ? { id: { not: except } } : {}) },
    select: { id: true },
  });
  return other !== null;
}

export async function saveInboxView(actor: Actor, raw: unknown, now = new Date()): Promise<Result<SavedView>> {
  const input = saveViewInput.safeParse(raw);
  if (!input.success) return refuse("review.views", actor, null, invalid(input.error.issues));
  const { callId, name } = input.data;
  // The inbox's own parser decides what a view may hold; anything it would ignore is refused here.
  const normalised = normaliseViewQuery(input.data.query);
  if (normalised.ignored.length > 0) {
    // The parameters are not echoed: they are whatever was posted.
    const message = "Filtres de la vue : la liste affichée contient des paramètres inconnus. Rechargez la liste puis réessayez.";
    return refuse("review.views", actor, callId, fail("INVALID_INPUT", message, { query: [message] }));
  }
  const result = await db.$transaction(async (tx): Promise<Result<SavedView>> => {
    const call = await tx.call.findUnique({ where: { id: callId }, select: { id: true } });
    if (!call || !can(actor, "review.views", call)) return fail("NOT_FOUND", CALL_NOT_FOUND);
    await lockUser(tx, actor.userId);
    if (await nameTaken(tx, actor.userId, callId, name, null)) return duplicate(name);
    const count = await tx.inboxView.count({ where: { userId: actor.userId, callId } });
    if (count >= MAX_VIEWS_PER_CALL) {
      return nameError(`Vous avez déjà ${MAX_VIEWS_PER_CALL} vues enregistrées pour cet appel : supprimez-en une avant d’en enregistrer une autre.`);
    }
    const id = randomUUID();
    await tx.inboxView.create({ data: { id, userId: actor.userId, callId, name, query: normalised.query, createdAt: now, updatedAt: now } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.view.saved",
      entityType: "call",
      entityId: callId,
      data: { viewId: id, before: null, after: { name, query: normalised.query } },
    });
    return ok({ id, name, query: normalised.query });
  });
  return result.ok ? result : refuse("review.views", actor, callId, result);
}

/** The actor's own view, locked, on a call they still may use; null otherwise. */
async function lockOwnView(tx: Tx, actor: Actor, viewId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from inbox_view where id = ${viewId}::uuid and user_id = ${actor.userId}::uuid for update`;
  if (rows.length === 0) return null;
  const view = await tx.inboxView.findUniqueOrThrow({ where: { id: viewId }, select: { id: true, callId: true, name: true, query: true } });
  return can(actor, "review.views", { id: view.callId }) ? view : null;
}

export async function renameInboxView(actor: Actor, raw: unknown, now = new Date()): Promise<Result<SavedView>> {
  const input = renameViewInput.safeParse(raw);
  if (!input.success) return refuse("review.views", actor, null, invalid(input.error.issues));
  const { viewId, name } = input.data;
  const result = await db.$transaction(async (tx): Promise<Result<SavedView>> => {
    await lockUser(tx, actor.userId);
    const view = await lockOwnView(tx, actor, viewId);
    if (!view) return fail("NOT_FOUND", VIEW_NOT_FOUND);
    if (view.name === name) return ok({ id: view.id, name, query: view.query });
    if (await nameTaken(tx, actor.userId, view.callId, name, view.id)) return duplicate(name);
    await tx.inboxView.update({ where: { id: view.id }, data: { name, updatedAt: now } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.view.renamed",
      entityType: "call",
      entityId: view.callId,
      data: { viewId: view.id, before: { name: view.name }, after: { name } },
    });
    return ok({ id: view.id, name, query: view.query });
  });
  return result.ok ? result : refuse("review.views", actor, viewId, result);
}

export async function deleteInboxView(actor: Actor, raw: unknown): Promise<Result<{ id: string }>> {
  const input = deleteViewInput.safeParse(raw);
  if (!input.success) return refuse("review.views", actor, null, invalid(input.error.issues));
  const { viewId } = input.data;
  const result = await db.$transaction(async (tx): Promise<Result<{ id: string }>> => {
    const view = await lockOwnView(tx, actor, viewId);
    if (!view) return fail("NOT_FOUND", VIEW_NOT_FOUND);
    await tx.inboxView.delete({ where: { id: view.id } });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "review.view.deleted",
      entityType: "call",
      entityId: view.callId,
      data: { viewId: view.id, before: { name: view.name, query: view.query }, after: null },
    });
    return ok({ id: view.id });
  });
  return result.ok ? result : refuse("review.views", actor, viewId, result);
}
