import { randomUUID } from "node:crypto";
import type { DossierStatus } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/server/prisma";

/**
 * Records a status change in the dossier's history (shown in « Mes
 * dossiers »). Every module that changes a dossier's status — review, jury,
 * publication — calls it inside the same transaction.
 */
export async function recordDossierEvent(
  tx: Tx,
  event: { dossierId: string; status: DossierStatus; message?: string | null; actorId: string | null; idempotencyKey?: string | null; at?: Date },
): Promise<void> {
  await tx.dossierEvent.create({
    data: {
      id: randomUUID(),
      dossierId: event.dossierId,
      status: event.status,
      message: event.message ?? null,
      actorId: event.actorId,
      idempotencyKey: event.idempotencyKey ?? null,
      at: event.at ?? new Date(),
    },
  });
}

/** Refusals change nothing in the database; they are logged for the operators. */
export function logRefusal(action: string, actorId: string | null, dossierId: string | null, code: string, detail?: string): void {
  console.warn(JSON.stringify({ level: "warn", event: "dossier.refused", action, actorId, dossierId, code, detail, at: new Date().toISOString() }));
}
