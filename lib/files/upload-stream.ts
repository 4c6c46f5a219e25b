import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { HEAD_BYTES, TAIL_BYTES } from "./file-type";

export class LimitExceededError extends Error {
  override name = "LimitExceededError";
  constructor(readonly limit: number) {
    super(`body exceeds ${limit} bytes`);
  }
}

/**
 * A pass-through that counts, hashes and keeps the first and last bytes of
 * what flows through it (for type detection), and fails the stream as soon
 * as more than `limit` bytes have passed: an oversize upload is cut at the
 * limit, never read to its end nor held in memory.
 */
export class UploadMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash("sha256");
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  private tailBuffer = Buffer.alloc(0);
  private digest: string | null = null;

  constructor(readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    this.bytes += data.length;
    if (this.bytes > this.limit) return done(new LimitExceededError(this.limit));
    this.hash.update(data);
    if (this.headLength < HEAD_BYTES) {
      const part = data.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    this.tailBuffer = Buffer.concat([this.tailBuffer, data]);
    if (this.tailBuffer.length > TAIL_BYTES) this.tailBuffer = this.tailBuffer.subarray(this.tailBuffer.length - TAIL_BYTES);
    done(null, data);
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  get tail(): Buffer {
    return this.tailBuffer;
  }

  get sha256(): string {
    return (this.digest ??= this.hash.digest("hex"));
  }
}
