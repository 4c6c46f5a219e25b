import "server-only";
import { randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { appendAudit } from "@/lib/audit/audit";
import { logRefusal } from "@/lib/dossiers/dossier.events";
import { fileStorage, type FileStorage } from "@/lib/files/storage";
import { db } from "@/lib/server/db";
import type { Db } from "@/lib/server/prisma";
import { fail, ok, type Result } from "@/lib/server/result";
import { isSlug } from "@/lib/validation/ids";
import { isPlainText } from "@/lib/validation/zod";
import { exportFileName, type ExportRow } from "./export.format";
import { EXPORT_BATCH_SIZE, inboxExportBatches } from "./export.queries";
import { csvStream, xlsxStream } from "./export.stream";
import { inboxSearchParams, parseInboxParams, searchParamsRecord, type InboxFilters } from "./inbox.schema";
import { inboxCountSql } from "./inbox.sql";
import { clearSweepCandidate, markSweepCandidate } from "@/lib/files/sweep";

/*
 * Large exports of a call's inbox, prepared in the background: the request
 * records a job (the list's filters, normalised by the inbox's parser, and
 * its row count); the app's worker streams the rows batch by batch to the
 * file store (never the whole file in memory), counting progress per batch;
 * the requester downloads the file from `…/exports/[id]` until it expires.
 * Only a DONE job is ever served: a process killed mid-export leaves a
 * RUNNING job, which the worker later marks FAILED, and no file.
 */

export const EXPORT_JOB_TTL_MS = 24 * 3_600_000;
/** A RUNNING job not finished after this long belonged to a process that died. */
export const EXPORT_JOB_STALE_MS = 15 * 60_000;
/** At most this many jobs waiting or running per person: a queue, not a flood. */
export const EXPORT_JOBS_PER_PERSON = 3;

export type ExportFormat = "csv" | "xlsx";

export async function requestExportJob(actor: Actor, input: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const raw = (input !== null && typeof input === "object" && !Array.isArray(input) ? input : {}) as { slug?: unknown; format?: unknown; query?: unknown };
  const slug = typeof raw.slug === "string" && isSlug(raw.slug) ? raw.slug : null;
  const format = raw.format === "csv" || raw.format === "xlsx" ? raw.format : null;
  // The form always sends the list's query, empty for the whole call.
  const queryOk = typeof raw.query === "string" && raw.query.length <= 2000 && isPlainText(raw.query);
  if (!slug || !format || !queryOk) {
    logRefusal("review.export.job", actor.userId, null, "INVALID_INPUT", "bad export request");
    return fail("INVALID_INPUT", "Demande d’export incomplète : rechargez la page.");
  }
  const call = await db.call.findUnique({ where: { slug }, select: { id: true, slug: true, phase: true } });
  if (!call || !can(actor, "review.export", call)) {
    logRefusal("review.export.job", actor.userId, null, "NOT_FOUND", slug);
    return fail("NOT_FOUND", "Cet appel à projets est introuvable.");
  }
  // The inbox's own whitelisting parser: anything it does not know is dropped.
  const filters: InboxFilters = { ...parseInboxParams(searchParamsRecord(new URLSearchParams(String(raw.query ?? "")))).filters, after: null };
  const query = inboxSearchParams({ ...filters, columns: undefined }).toString();
  return db.$transaction(async (tx) => {
    // One person's jobs, one after another: the per-person cap holds under double clicks.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`export-job:${actor.userId}`}))`;
    const open = await tx.exportJob.count({ where: { requestedById: actor.userId, status: { in: ["PENDING", "RUNNING"] } } });
    if (open >= EXPORT_JOBS_PER_PERSON) return fail("CONFLICT", `Vous avez déjà ${open} exports en préparation : attendez qu’ils soient prêts.`);
    const [{ total }] = await tx.$queryRaw<{ total: number }[]>(inboxCountSql(call.id, filters)) as [{ total: number }];
    const id = randomUUID();
    await tx.exportJob.create({
      data: { id, callId: call.id, requestedById: actor.userId, format, query, totalRows: total, fileName: exportFileName(call.slug, now, format), createdAt: now },
    });
    await appendAudit(tx, { actorId: actor.userId, action: "review.export", entityType: "call", entityId: call.id, data: { format, filters: query, background: true, jobId: id, rows: total } });
    return ok({ id });
  });
}

export type ExportJobRun = { done: string[]; failed: string[] };

/**
 * One pass of the export worker: fails the jobs a dead process left RUNNING,
 * deletes expired files, then runs the waiting jobs one by one.
 */
export async function processExportJobs(client: Db = db, storage: FileStorage = fileStorage(), now: () => Date = () => new Date(), batchSize = EXPORT_BATCH_SIZE): Promise<ExportJobRun> {
  const run: ExportJobRun = { done: [], failed: [] };
  await client.exportJob.updateMany({
    where: { status: "RUNNING", startedAt: { lt: new Date(now().getTime() - EXPORT_JOB_STALE_MS) } },
    data: { status: "FAILED", error: "Interrompu : le serveur s’est arrêté pendant la préparation.", finishedAt: now() },
  });
  const expired = await client.exportJob.findMany({ where: { status: "DONE", expiresAt: { lt: now() }, storageKey: { not: null } }, select: { id: true, storageKey: true } });
  for (const job of expired) {
    await storage.delete(job.storageKey!);
    await client.exportJob.update({ where: { id: job.id }, data: { storageKey: null, status: "FAILED", error: "Lien expiré." } });
  }
  for (;;) {
    const claimed = await client.$queryRaw<{ id: string; call_id: string; format: ExportFormat; query: string }[]>`
      update export_job set status = 'RUNNING', started_at = ${now()}
      where id = (select id from export_job where status = 'PENDING' order by created_at, id limit 1 for update skip locked)
      returning id, call_id, format, query`;
    const job = claimed[0];
    if (!job) return run;
    const key = randomUUID();
    try {
      // Registered before the bytes: should this process die mid-export, the sweep deletes what it wrote.
      await markSweepCandidate(client, key);
      const filters: InboxFilters = { ...parseInboxParams(searchParamsRecord(new URLSearchParams(job.query))).filters, after: null };
      let doneRows = 0;
      async function* counted(): AsyncGenerator<ExportRow[]> {
        for await (const batch of inboxExportBatches(job!.call_id, filters, batchSize)) {
          yield batch;
          doneRows += batch.length;
          await client.exportJob.update({ where: { id: job!.id }, data: { doneRows } });
        }
      }
      const web = job.format === "csv" ? csvStream(counted()) : xlsxStream(counted());
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          cb(null, chunk);
        },
      });
      await storage.put(key, Readable.fromWeb(web as NodeReadableStream<Uint8Array>).pipe(meter), {
        contentType: job.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      });
      const finished = now();
      await client.$transaction(async (tx) => {
        await tx.exportJob.update({
          where: { id: job.id },
          data: { status: "DONE", storageKey: key, sizeBytes: size, doneRows, finishedAt: finished, expiresAt: new Date(finished.getTime() + EXPORT_JOB_TTL_MS) },
        });
        await clearSweepCandidate(tx, key);
      });
      run.done.push(job.id);
    } catch (error) {
      await storage.delete(key).catch(() => {});
      await client.exportJob.update({
        where: { id: job.id },
        data: { status: "FAILED", error: "La préparation a échoué : relancez l’export.", finishedAt: now() },
      });
      console.warn("[laureat] export en arrière-plan :", error instanceof Error ? error.message : error);
      run.failed.push(job.id);
    }
  }
}

/** Polls for export jobs in the app process (lib/server/workers.ts). */
export function startExportWorker(client: Db, intervalMs = 2_000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await processExportJobs(client);
    } catch (error) {
      console.warn("[laureat] exports en arrière-plan :", error instanceof Error ? error.message : error);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export type ExportJobView = {
  id: string;
  format: ExportFormat;
  status: "PENDING" | "RUNNING" | "DONE" | "FAILED";
  totalRows: number;
  doneRows: number;
  fileName: string;
  sizeBytes: number | null;
  error: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  query: string;
};

/** The requester's jobs on a call (newest first), or null when they may not export it. */
export async function listMyExportJobs(actor: Actor, slug: string): Promise<{ call: { slug: string; title: string }; jobs: ExportJobView[] } | null> {
  const call = await db.call.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, phase: true } });
  if (!call || !can(actor, "review.export", call)) return null;
  const jobs = await db.exportJob.findMany({
    where: { callId: call.id, requestedById: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: { id: true, format: true, status: true, totalRows: true, doneRows: true, fileName: true, sizeBytes: true, error: true, createdAt: true, expiresAt: true, query: true },
  });
  return { call: { slug: call.slug, title: call.title }, jobs: jobs as ExportJobView[] };
}

/** A finished, unexpired file for its requester (still staff of the call); null otherwise. */
export async function openExportJobFile(actor: Actor, slug: string, id: string, now = new Date(), storage: FileStorage = fileStorage()) {
  const job = await db.exportJob.findFirst({
    where: { id, requestedById: actor.userId, call: { slug } },
    select: { status: true, storageKey: true, fileName: true, format: true, sizeBytes: true, expiresAt: true, call: { select: { id: true, phase: true } } },
  });
  if (!job || !can(actor, "review.export", job.call)) return null;
  if (job.status !== "DONE" || !job.storageKey || !job.expiresAt) return null;
  if (job.expiresAt < now) return { expired: true as const };
  const body = await storage.get(job.storageKey);
  if (!body) return null;
  return { expired: false as const, body, fileName: job.fileName, format: job.format as ExportFormat, sizeBytes: job.sizeBytes! };
}
