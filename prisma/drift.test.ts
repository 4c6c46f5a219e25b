import { inject, describe, expect, it, beforeAll, afterAll } from "vitest";
import { createFreshDatabase, dropDatabase, migrate, startEmbeddedDatabase } from "@/lib/server/database";
import { freePort } from "@/lib/testing/ports";
import { compareSchema, readDatabase, readPrismaSchema, type DbSnapshot } from "./drift";

/** All migrations, applied to a database created empty for this test. */
let url: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (inject("databaseKind") === "server" && server) {
    const name = `laureat_drift_${process.pid}`;
    url = await createFreshDatabase(server, name);
    cleanup = () => dropDatabase(server, name);
  } else {
    const embedded = await startEmbeddedDatabase({ port: await freePort() });
    url = embedded.url;
    cleanup = embedded.stop;
  }
  await migrate(url, { quiet: true });
});
afterAll(async () => cleanup?.());

describe("schema.prisma and the SQL migrations", () => {
  it("describe the same tables, columns, types, nullability, keys, uniques, indexes and relations", async () => {
    const problems = compareSchema(await readPrismaSchema(), await readDatabase(url));
    expect(problems).toEqual([]);
  });

  it("reports a field added to schema.prisma without its migration", async () => {
    const dm = await readPrismaSchema();
    const snapshot = await readDatabase(url);
    const ministry = dm.models.find((m) => m.name === "Ministry")!;
    const mutated = {
      ...dm,
      models: dm.models.map((m) =>
        m === ministry ? { ...m, fields: [...m.fields, { ...m.fields.find((f) => f.name === "code")!, name: "acronym", dbName: null }] } : m,
      ),
    };
    expect(compareSchema(mutated, snapshot)).toContain("ministry.acronym (Ministry.acronym) has no column");
  });

  it("reports a nullability, type, unique and foreign-key mismatch", async () => {
    const dm = await readPrismaSchema();
    const snapshot: DbSnapshot = await readDatabase(url);
    const tampered: DbSnapshot = {
      ...snapshot,
      columns: snapshot.columns.map((c) =>
        c.table === "call" && c.column === "title" ? { ...c, nullable: true } : c.table === "call" && c.column === "version" ? { ...c, udt: "int8" } : c,
      ),
      uniques: snapshot.uniques.filter((u) => u !== "call(slug)"),
      foreignKeys: snapshot.foreignKeys.map((f) => f.replace("dossier(call_id)->call(id) on delete Restrict", "dossier(call_id)->call(id) on delete Cascade")),
    };
    const problems = compareSchema(dm, tampered);
    expect(problems).toEqual(
      expect.arrayContaining([
        "call.title: required in schema.prisma, nullable in the database",
        "call.version: type int4 in schema.prisma, int8 in the database",
        "unique constraint call(slug) is in schema.prisma but not in the database",
        "foreign key dossier(call_id)->call(id) on delete Restrict is in schema.prisma but not in the database",
      ]),
    );
  });
});
