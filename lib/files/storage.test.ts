import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readServerEnv } from "@/lib/env";
import { startS3Server } from "@/lib/testing/s3-server";
import { LocalDiskStorage, S3Storage, storageFromEnv, type FileStorage } from "./storage";
import { LimitExceededError, UploadMeter } from "./upload-stream";

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** 3 MB of varied bytes, streamed in 64 kB chunks. */
const payload = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 31 + (i >> 10)) & 0xff));
const chunked = (buf: Buffer) => Readable.from((function* () { for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536); })());

function roundTrips(name: string, make: () => FileStorage) {
  describe(name, () => {
    it("stores a stream and gives the same bytes back, then deletes them (idempotently)", async () => {
      const storage = make();
      const key = randomUUID();
      await storage.put(key, chunked(payload), { contentType: "application/pdf" });
      const back = await storage.get(key);
      expect(back).not.toBeNull();
      const bytes = await readAll(back!);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(createHash("sha256").update(payload).digest("hex"));
      await storage.delete(key);
      expect(await storage.get(key)).toBeNull();
      await storage.delete(key);
    });

    it("answers null for a key that was never stored", async () => {
      expect(await make().get(randomUUID())).toBeNull();
    });

    it("refuses a key it did not make (a name, a path)", async () => {
      const storage = make();
      await expect(storage.put("../../etc/passwd", Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/invalid storage key/);
      await expect(storage.get("budget.pdf")).rejects.toThrow(/invalid storage key/);
    });

    it("keeps nothing when the stream fails on the way (the meter's limit)", async () => {
      const storage = make();
      const key = randomUUID();
      const meter = new UploadMeter(1024 * 1024);
      await expect(storage.put(key, chunked(payload).pipe(meter), { contentType: "application/pdf" })).rejects.toBeInstanceOf(LimitExceededError);
      expect(await storage.get(key)).toBeNull();
    });
  });
}

let localRoot: string;
let s3: Awaited<ReturnType<typeof startS3Server>>;
const BUCKET = "laureat-pieces-jointes";

beforeAll(async () => {
  localRoot = await mkdtemp(path.join(tmpdir(), "laureat-files-"));
  s3 = await startS3Server(BUCKET);
});
afterAll(async () => {
  await rm(localRoot, { recursive: true, force: true });
  await s3?.stop();
});

roundTrips("local disk", () => new LocalDiskStorage(localRoot));
roundTrips("S3-compatible (s3rver on the loopback)", () =>
  new S3Storage({ bucket: BUCKET, endpoint: s3.endpoint, region: "us-east-1", accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true, prefix: "dossiers/" }),
);

describe("S3-compatible: a large stream goes in parts", () => {
  // Small parts here (s3rver does not enforce S3's 5 MiB minimum), so that a 2.5 MB stream makes three of them.
  const parted = () =>
    new S3Storage({ bucket: BUCKET, endpoint: s3.endpoint, region: "us-east-1", accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true, prefix: "exports/", partBytes: 1024 * 1024 });
  const big = Buffer.from(Array.from({ length: 2_500_000 }, (_, i) => (i * 31 + 7) % 251));

  it("stores it by multipart upload and gives the same bytes back", async () => {
    const storage = parted();
    const key = randomUUID();
    await storage.put(key, chunked(big), { contentType: "text/csv" });
    const back = await readAll((await storage.get(key))!);
    expect(back.length).toBe(big.length);
    expect(createHash("sha256").update(back).digest("hex")).toBe(createHash("sha256").update(big).digest("hex"));
    await storage.delete(key);
  });

  // (The upload is aborted too; s3rver cannot list open uploads, so that part is not observed here.)
  it("keeps nothing when the stream fails after some parts were sent: no object appears", async () => {
    const storage = parted();
    const key = randomUUID();
    const failing = Readable.from(
      (function* () {
        for (let i = 0; i < big.length; i += 65536) {
          if (i > 1_600_000) throw new Error("export interrompu");
          yield big.subarray(i, i + 65536);
        }
      })(),
    );
    await expect(storage.put(key, failing, { contentType: "text/csv" })).rejects.toThrow("export interrompu");
    expect(await storage.get(key)).toBeNull();
  });
});

describe("local disk layout", () => {
  it("leaves no partial file behind and never uses a person's file name", async () => {
    const storage = new LocalDiskStorage(localRoot);
    const key = randomUUID();
    await storage.put(key, Buffer.from("%PDF-1.7"), { contentType: "application/pdf" });
    const files = (await readdir(localRoot, { recursive: true })) as string[];
    expect(files.some((f) => f.endsWith(".partial"))).toBe(false);
    expect(files.some((f) => f.endsWith(key))).toBe(true);
  });
});

describe("S3 objects", () => {
  it("are written under the prefix, with the key only", async () => {
    const storage = new S3Storage({ bucket: BUCKET, endpoint: s3.endpoint, region: "us-east-1", accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true, prefix: "p/" });
    const key = randomUUID();
    await storage.put(key, Buffer.from("%PDF-1.7"), { contentType: "application/pdf" });
    const files = (await readdir(path.join(s3.directory, BUCKET), { recursive: true })) as string[];
    expect(files.some((f) => f.includes(`p/${key}`) || f.includes(`p${path.sep}${key}`))).toBe(true);
  });

  it("fail with an unknown access key, or a bucket that does not exist", async () => {
    const wrongKey = new S3Storage({ bucket: BUCKET, endpoint: s3.endpoint, region: "us-east-1", accessKeyId: "INCONNU", secretAccessKey: "x", forcePathStyle: true, prefix: "" });
    await expect(wrongKey.put(randomUUID(), Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/Access Key Id/);
    const noBucket = new S3Storage({ bucket: "absent", endpoint: s3.endpoint, region: "us-east-1", accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true, prefix: "" });
    await expect(noBucket.put(randomUUID(), Buffer.from("x"), { contentType: "text/plain" })).rejects.toThrow(/bucket/i);
  });
});

describe("storage from the environment", () => {
  it("defaults to the local disk under LAUREAT_DATA_DIR/files", () => {
    const storage = storageFromEnv(readServerEnv({ LAUREAT_DATA_DIR: "/srv/laureat" } as unknown as NodeJS.ProcessEnv));
    expect(storage).toBeInstanceOf(LocalDiskStorage);
    expect((storage as LocalDiskStorage).root).toBe("/srv/laureat/files");
  });

  it("selects S3 when a bucket is set, and validates the variables", () => {
    const storage = storageFromEnv(
      readServerEnv({
        LAUREAT_S3_BUCKET: "laureat-prod",
        LAUREAT_S3_ENDPOINT: "https://s3.example.gouv.fr",
        LAUREAT_S3_ACCESS_KEY_ID: "id",
        LAUREAT_S3_SECRET_ACCESS_KEY: "secret",
        LAUREAT_S3_FORCE_PATH_STYLE: "1",
      } as unknown as NodeJS.ProcessEnv),
    );
    expect(storage).toBeInstanceOf(S3Storage);
    expect((storage as S3Storage).options).toMatchObject({ bucket: "laureat-prod", endpoint: "https://s3.example.gouv.fr", forcePathStyle: true, region: "us-east-1" });
    expect(() => readServerEnv({ LAUREAT_S3_ENDPOINT: "https://s3.example.gouv.fr" } as unknown as NodeJS.ProcessEnv)).toThrow(/LAUREAT_S3_BUCKET/);
    expect(() => readServerEnv({ LAUREAT_S3_BUCKET: "b-1", LAUREAT_S3_ACCESS_KEY_ID: "id" } as unknown as NodeJS.ProcessEnv)).toThrow(/LAUREAT_S3_SECRET_ACCESS_KEY/);
    expect(() => readServerEnv({ LAUREAT_S3_BUCKET: "Not A Bucket" } as unknown as NodeJS.ProcessEnv)).toThrow(/bucket/);
    // Blank values (an .env template) mean unset.
    expect(storageFromEnv(readServerEnv({ LAUREAT_S3_BUCKET: "", LAUREAT_S3_ENDPOINT: "" } as unknown as NodeJS.ProcessEnv))).toBeInstanceOf(LocalDiskStorage);
  });
});
