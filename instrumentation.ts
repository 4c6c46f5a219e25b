/** Runs once when the Next.js server starts: background workers of the app process. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startAppWorkers } = await import("./lib/server/workers");
    startAppWorkers();
  }
}
