/**
 * The registry: `npm run bench -- <name>` runs the benchmark of that name,
 * `all` runs them in this order. One file per benchmark (see bench/README.md).
 */
import type { Benchmark } from "../lib/types";
import { generator } from "./generator";
import { publicCall } from "./public-call";
import { publicResults } from "./public-results";
import { staffInbox } from "../staff-inbox";
import { deadlineSurge, juryRanking, juryScoring } from "./standalone";

export const BENCHMARKS: Benchmark[] = [generator, publicCall, publicResults, staffInbox, deadlineSurge, juryRanking, juryScoring];
