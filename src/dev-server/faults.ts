/**
 * Failures the dev server can be told to produce, so tests can show how the CLI behaves when a
 * proxy, the network or the server misbehaves.
 */
export type Fault =
  /** Answer with this instead of handling the request (429, 502 HTML, truncated JSON, …). */
  | { kind: "respond"; status: number; body: string | object; headers?: Record<string, string> }
  /** Close the connection without answering, before handling: nothing happened. */
  | { kind: "reset-before" }
  /** Handle the request (a token is created), then close without answering. */
  | { kind: "reset-after" }
  /** Wait, then handle normally. */
  | { kind: "delay"; ms: number };

export interface FaultRule {
  method?: string;
  /** Matched against the path without query string or trailing slash. */
  path?: string | RegExp;
  /** How many matching requests get the fault; unlimited when omitted. */
  times?: number;
  fault: Fault;
}

export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if any; consumes one use of a limited rule. */
  take(method: string, path: string): Fault | undefined {
    const index = this.rules.findIndex(
      (rule) =>
        (rule.method === undefined || rule.method === method) &&
        (rule.path === undefined ||
          (typeof rule.path === "string" ? rule.path === path : rule.path.test(path))),
    );
    const rule = this.rules[index];
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.rules.splice(index, 1);
    }
    return rule.fault;
  }
}
