// In-process figures: rendering a list of 10,000 tokens, and turning 1,000 scopes into a request.
import { performance } from "node:perf_hooks";
import type { ServiceTokenData } from "../../src/api/schemas.js";
import { buildCreateRequestBody, parseCreateInput } from "../../src/core/create-request.js";
import { tokenJson } from "../../src/output/token-json.js";
import { tokenLines } from "../../src/output/token-list.js";
import { tokenTable } from "../../src/output/token-table.js";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(runs: number, work: () => unknown): number {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const now = new Date();
const tokens: ServiceTokenData[] = Array.from({ length: 10_000 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  name: `token number ${i} for service ${i % 37}`,
  scopes: [
    {
      environment: ["dev", "staging", "prod"][i % 3] as string,
      secretPath: i % 2 ? "/" : "/backend/**",
    },
  ],
  permissions: i % 4 ? ["read"] : ["read", "write"],
  lastUsed: i % 3 ? null : new Date(now.getTime() - i * 1000).toISOString(),
  expiresAt: i % 5 ? new Date(now.getTime() + (i + 1) * 60_000).toISOString() : null,
  createdAt: new Date(now.getTime() - i * 60_000).toISOString(),
  updatedAt: now.toISOString(),
  createdBy: "00000000-0000-4000-8000-000000000001",
  projectId: "00000000-0000-4000-8000-000000000002",
  expiryNotificationSent: false,
}));

const scopes = Array.from({ length: 1_000 }, (_, i) => `env${i % 10}:/service-${i}/**`);

console.log(
  JSON.stringify({
    listTableMs: time(5, () => tokenTable(tokens, now, 120)),
    listLinesMs: time(5, () => tokenLines(tokens)),
    listJsonMs: time(5, () => JSON.stringify(tokens.map(tokenJson), null, 2)),
    create1000ScopesMs: time(20, () =>
      JSON.stringify(
        buildCreateRequestBody(
          parseCreateInput({
            scope: [scopes.join(",")],
            accessLevel: ["read,write"],
            name: "bench",
          }),
          "project",
          "00".repeat(16),
        ),
      ),
    ),
  }),
);
