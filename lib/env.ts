import { z } from "zod";

/**
 * Environment, validated once. Server variables never reach the browser:
 * only `clientEnv` may be imported from client components.
 */
const booleanish = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "1" || v === "true"));

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL server; unset = embedded PGlite under LAUREAT_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Pool size; default 2 × cores + 1 (lib/server/pool-size.ts); 1 is forced for the embedded database (single connection). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  LAUREAT_DATA_DIR: z.string().default(".data"),
  LAUREAT_EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Demo data and demo accounts; default on for the embedded database only. */
  LAUREAT_DEMO: booleanish,
  /**
   * Background workers (outbox, exports, call scheduler) in this process; default on. Off (0) for an
   * instance that only serves pages while another one runs them — and in bench/public-results, so that
   * its SQL count is the page's alone.
   */
  LAUREAT_WORKERS: booleanish,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * Attachments' storage (lib/files). Unset: files on the local disk under
   * LAUREAT_DATA_DIR/files. Set LAUREAT_S3_BUCKET to use an S3-compatible
   * object store; the endpoint is needed for anything that is not AWS itself.
   */
  LAUREAT_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "nom de bucket S3 invalide" }).optional(),
  LAUREAT_S3_ENDPOINT: z.string().url().optional(),
  LAUREAT_S3_REGION: z.string().min(1).default("us-east-1"),
  LAUREAT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  LAUREAT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style addressing (http://host/bucket/key): MinIO, Garage, Ceph… need it. */
  LAUREAT_S3_FORCE_PATH_STYLE: booleanish,
  /** A prefix for every object key, to share a bucket. */
  LAUREAT_S3_PREFIX: z.string().regex(/^[A-Za-z0-9/_-]*$/).default(""),
}).superRefine((env, ctx) => {
  const s3 = [env.LAUREAT_S3_ENDPOINT, env.LAUREAT_S3_ACCESS_KEY_ID, env.LAUREAT_S3_SECRET_ACCESS_KEY];
  if (!env.LAUREAT_S3_BUCKET && s3.some((v) => v !== undefined)) {
    ctx.addIssue({ code: "custom", path: ["LAUREAT_S3_BUCKET"], message: "requis dès qu’une autre variable LAUREAT_S3_* est renseignée" });
  }
  if ((env.LAUREAT_S3_ACCESS_KEY_ID === undefined) !== (env.LAUREAT_S3_SECRET_ACCESS_KEY === undefined)) {
    ctx.addIssue({ code: "custom", path: ["LAUREAT_S3_SECRET_ACCESS_KEY"], message: "LAUREAT_S3_ACCESS_KEY_ID et LAUREAT_S3_SECRET_ACCESS_KEY vont ensemble" });
  }
});

export type ServerEnv = z.infer<typeof serverSchema>;

export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const blankToUndefined = Object.fromEntries(Object.entries(source).filter(([k, v]) => !(k.startsWith("LAUREAT_S3_") && v === "")));
  const parsed = serverSchema.safeParse({ ...blankToUndefined, DATABASE_URL: source.DATABASE_URL || undefined });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment / environnement invalide:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function isDemo(env: ServerEnv): boolean {
  return env.LAUREAT_DEMO ?? env.DATABASE_URL === undefined;
}
