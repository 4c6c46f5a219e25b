import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A real S3-compatible server (s3rver: the S3 REST API over a directory) on
 * the loopback interface, for the storage tests. It refuses an unknown
 * access key and a missing bucket; it does not verify SigV4 signatures.
 */
export async function startS3Server(bucket: string) {
  const { default: S3rver } = await import("s3rver");
  const directory = await mkdtemp(path.join(tmpdir(), "laureat-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    // s3rver's default credentials.
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
