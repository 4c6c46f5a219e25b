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
  /** Pool size; 1 is forced for the embedded database (single connection). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  LAUREAT_DATA_DIR: z.string().default(".data"),
  LAUREAT_EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Demo data and demo accounts; default on for the embedded database only. */
  LAUREAT_DEMO: booleanish,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
});

export type ServerEnv = z.infer<typeof serverSchema>;

export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = serverSchema.safeParse({ ...source, DATABASE_URL: source.DATABASE_URL || undefined });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment / environnement invalide:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function isDemo(env: ServerEnv): boolean {
  return env.LAUREAT_DEMO ?? env.DATABASE_URL === undefined;
}
