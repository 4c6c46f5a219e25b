import os from "node:os";
import pg from "pg";
import type { MachineInfo } from "./types";

export async function machineInfo(adminUrl: string): Promise<MachineInfo> {
  const info: MachineInfo = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "?",
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
  };
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version') v");
    info.postgres = rows[0]?.v;
  } finally {
    await client.end().catch(() => {});
  }
  return info;
}
