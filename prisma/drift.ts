/**
 * Compares the Prisma schema (DMMF) with a migrated database's catalogue.
 * Differences are returned as readable lines; none means no drift.
 */
import internals from "@prisma/internals";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

type DMMF = Awaited<ReturnType<typeof internals.getDMMF>>;
type Model = DMMF["datamodel"]["models"][number];
type Field = Model["fields"][number];

export async function readPrismaSchema(): Promise<DMMF["datamodel"]> {
  const datamodel = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
  return (await internals.getDMMF({ datamodel })).datamodel;
}

export type Column = { table: string; column: string; udt: string; nullable: boolean; precision: number | null; length: number | null };
export type DbSnapshot = {
  tables: string[];
  columns: Column[];
  enums: Record<string, string[]>;
  primaryKeys: Record<string, string[]>;
  /** "table(col1,col2)" */
  uniques: string[];
  indexes: string[];
  /** "table(cols)->target(cols) on delete X" */
  foreignKeys: string[];
};

const IGNORED_TABLES = new Set(["schema_migrations"]);

export async function readDatabase(url: string): Promise<DbSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async <T extends object>(sql: string) => (await client.query<T>(sql)).rows;
    const tables = (await q<{ t: string }>(`select table_name t from information_schema.tables where table_schema='public' and table_type='BASE TABLE'`))
      .map((r) => r.t)
      .filter((t) => !IGNORED_TABLES.has(t));
    const columns = (
      await q<{ t: string; c: string; udt: string; n: string; p: number | null; l: number | null }>(
        `select table_name t, column_name c, udt_name udt, is_nullable n, datetime_precision p, character_maximum_length l
         from information_schema.columns where table_schema='public'`,
      )
    )
      .filter((r) => !IGNORED_TABLES.has(r.t))
      .map((r) => ({ table: r.t, column: r.c, udt: r.udt, nullable: r.n === "YES", precision: r.p, length: r.l }));
    const enums: Record<string, string[]> = {};
    for (const r of await q<{ name: string; label: string }>(
      `select t.typname name, e.enumlabel label from pg_type t join pg_enum e on e.enumtypid=t.oid
       join pg_namespace n on n.oid=t.typnamespace where n.nspname='public' order by t.typname, e.enumsortorder`,
    )) {
      (enums[r.name] ??= []).push(r.label);
    }
    const indexRows = await q<{ t: string; cols: string[]; u: boolean; p: boolean }>(
      `select c.relname t, array_agg(a.attname order by k.ord)::text[] cols, i.indisunique u, i.indisprimary p
       from pg_index i join pg_class c on c.oid=i.indrelid join pg_namespace n on n.oid=c.relnamespace
       cross join lateral unnest(i.indkey) with ordinality k(attnum, ord)
       join pg_attribute a on a.attrelid=c.oid and a.attnum=k.attnum
       where n.nspname='public' group by c.relname, i.indexrelid, i.indisunique, i.indisprimary`,
    );
    const primaryKeys: Record<string, string[]> = {};
    const uniques: string[] = [];
    const indexes: string[] = [];
    for (const r of indexRows) {
      if (IGNORED_TABLES.has(r.t)) continue;
      if (r.p) primaryKeys[r.t] = r.cols;
      else if (r.u) uniques.push(`${r.t}(${r.cols.join(",")})`);
      else indexes.push(`${r.t}(${r.cols.join(",")})`);
    }
    const foreignKeys = (
      await q<{ t: string; cols: string[]; ft: string; fcols: string[]; del: string }>(
        `select c.relname t, (select array_agg(a.attname order by k.ord)::text[] from unnest(con.conkey) with ordinality k(n, ord)
            join pg_attribute a on a.attrelid=con.conrelid and a.attnum=k.n) cols,
          f.relname ft, (select array_agg(a.attname order by k.ord)::text[] from unnest(con.confkey) with ordinality k(n, ord)
            join pg_attribute a on a.attrelid=con.confrelid and a.attnum=k.n) fcols,
          con.confdeltype del
         from pg_constraint con join pg_class c on c.oid=con.conrelid join pg_class f on f.oid=con.confrelid
         join pg_namespace n on n.oid=c.relnamespace where con.contype='f' and n.nspname='public'`,
      )
    ).map((r) => `${r.t}(${r.cols.join(",")})->${r.ft}(${r.fcols.join(",")}) on delete ${DELETE_ACTION[r.del] ?? r.del}`);
    return { tables, columns, enums, primaryKeys, uniques, indexes, foreignKeys };
  } finally {
    await client.end();
  }
}

const DELETE_ACTION: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

const SCALAR_UDT: Record<string, string> = {
  String: "text",
  Int: "int4",
  BigInt: "int8",
  Float: "float8",
  Boolean: "bool",
  DateTime: "timestamp",
  Json: "jsonb",
  Decimal: "numeric",
  Bytes: "bytea",
};
const NATIVE_UDT: Record<string, string> = {
  Uuid: "uuid",
  Char: "bpchar",
  VarChar: "varchar",
  Text: "text",
  Timestamptz: "timestamptz",
  Timestamp: "timestamp",
  Date: "date",
  SmallInt: "int2",
  Integer: "int4",
  JsonB: "jsonb",
  Json: "json",
  Citext: "citext",
};

function expectedUdt(field: Field, enumDbName: (name: string) => string): string {
  const base =
    field.kind === "enum"
      ? enumDbName(field.type)
      : field.nativeType
        ? (NATIVE_UDT[field.nativeType[0]] ?? field.nativeType[0].toLowerCase())
        : (SCALAR_UDT[field.type] ?? field.type);
  return field.isList ? `_${base}` : base;
}

const col = (f: Field) => f.dbName ?? f.name;
const fmt = (table: string, cols: readonly string[]) => `${table}(${cols.join(",")})`;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("|") === [...b].sort().join("|");

/** Every difference between the Prisma schema and the database. */
export function compareSchema(dm: DMMF["datamodel"], db: DbSnapshot): string[] {
  const problems: string[] = [];
  const table = (m: Model) => m.dbName ?? m.name;
  const byName = new Map(dm.models.map((m) => [m.name, m]));
  const enumDbName = (name: string) => dm.enums.find((e) => e.name === name)?.dbName ?? name;

  const modelTables = dm.models.map(table);
  for (const t of modelTables) if (!db.tables.includes(t)) problems.push(`table ${t} is in schema.prisma but not in the migrations`);
  for (const t of db.tables) if (!modelTables.includes(t)) problems.push(`table ${t} is in the migrations but not in schema.prisma`);

  for (const e of dm.enums) {
    const name = e.dbName ?? e.name;
    const values = e.values.map((v) => v.dbName ?? v.name);
    const actual = db.enums[name];
    if (!actual) problems.push(`enum ${name} is missing from the database`);
    else if (actual.join(",") !== values.join(",")) problems.push(`enum ${name}: schema [${values}] vs database [${actual}]`);
  }

  const expectedUniques: string[] = [];
  const expectedIndexes: string[] = [];
  const expectedFks: string[] = [];
  for (const m of dm.models) {
    const t = table(m);
    if (!db.tables.includes(t)) continue;
    const scalars = m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    const dbColumns = db.columns.filter((c) => c.table === t);
    for (const f of scalars) {
      const c = dbColumns.find((x) => x.column === col(f));
      if (!c) {
        problems.push(`${t}.${col(f)} (${m.name}.${f.name}) has no column`);
        continue;
      }
      const udt = expectedUdt(f, enumDbName);
      if (c.udt !== udt) problems.push(`${t}.${c.column}: type ${udt} in schema.prisma, ${c.udt} in the database`);
      // Lists are required in Prisma; the migrations declare them NOT NULL.
      const nullable = !f.isRequired && !f.isList;
      if (c.nullable !== nullable) {
        problems.push(`${t}.${c.column}: ${nullable ? "optional" : "required"} in schema.prisma, ${c.nullable ? "nullable" : "NOT NULL"} in the database`);
      }
      const args = f.nativeType?.[1] ?? [];
      if (f.type === "DateTime" && c.precision !== Number(args[0] ?? 3)) {
        problems.push(`${t}.${c.column}: precision ${args[0] ?? 3} in schema.prisma, ${c.precision} in the database`);
      }
      if ((udt === "bpchar" || udt === "varchar") && args[0] !== undefined && c.length !== Number(args[0])) {
        problems.push(`${t}.${c.column}: length ${args[0]} in schema.prisma, ${c.length} in the database`);
      }
      if (f.isUnique) expectedUniques.push(fmt(t, [col(f)]));
    }
    for (const c of dbColumns) {
      if (!scalars.some((f) => col(f) === c.column)) problems.push(`${t}.${c.column} is in the database but not in schema.prisma`);
    }

    const pk = m.primaryKey ? m.primaryKey.fields.map((n) => col(m.fields.find((f) => f.name === n)!)) : scalars.filter((f) => f.isId).map(col);
    if (!sameSet(pk, db.primaryKeys[t] ?? [])) problems.push(`${t}: primary key (${pk}) in schema.prisma, (${db.primaryKeys[t] ?? []}) in the database`);

    const columnOf = (name: string) => col(m.fields.find((f) => f.name === name)!);
    for (const u of m.uniqueFields) expectedUniques.push(fmt(t, u.map(columnOf)));

    for (const f of m.fields) {
      if (f.kind !== "object" || !f.relationFromFields?.length) continue;
      const target = byName.get(f.type)!;
      const targetFields = f.relationToFields!.map((n) => col(target.fields.find((x) => x.name === n)!));
      const required = f.relationFromFields.every((n) => m.fields.find((x) => x.name === n)!.isRequired);
      const onDelete = (f as { relationOnDelete?: string }).relationOnDelete ?? (required ? "Restrict" : "SetNull");
      expectedFks.push(`${t}(${f.relationFromFields.map(columnOf).join(",")})->${table(target)}(${targetFields.join(",")}) on delete ${onDelete}`);
    }
  }
  for (const m of dm.indexes ?? []) {
    if (m.type !== "normal") continue;
    const model = byName.get(m.model)!;
    expectedIndexes.push(fmt(table(model), m.fields.map((f) => col(model.fields.find((x) => x.name === f.name)!))));
  }

  diff("unique constraint", expectedUniques, db.uniques, problems);
  diff("index", expectedIndexes, db.indexes, problems);
  diff("foreign key", expectedFks, db.foreignKeys, problems);
  return problems;
}

function diff(kind: string, expected: string[], actual: string[], problems: string[]) {
  for (const e of expected) if (!actual.includes(e)) problems.push(`${kind} ${e} is in schema.prisma but not in the database`);
  for (const a of actual) if (!expected.includes(a)) problems.push(`${kind} ${a} is in the database but not in schema.prisma`);
}
