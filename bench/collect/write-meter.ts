import type { Database } from "@holmes/db/client";
import { probeRuns } from "@holmes/db/schema";

/** The drizzle entry points that each start one SQL statement. */
const STATEMENT_BUILDERS = new Set([
  // postgres-js, reached only through a watched transaction's session.client
  "unsafe",
  "select",
  "selectDistinct",
  "insert",
  "update",
  "delete",
  "execute",
]);

export type MeterFigures = {
  /** recordSnapshot/recordFailure transactions: count, summed time, wall time with one open. */
  writes: number;
  writeSumMs: number;
  writeBusyMs: number;
  /** Every other transaction (findings and the like), summed. */
  otherTxSumMs: number;
  /** Statements sent, counting BEGIN and COMMIT of each transaction: all, and the poll writes'. */
  statements: number;
  writeStatements: number;
};

/**
 * Watches the collector's database handle from outside (no hook in production code): times the
 * poll writes, the transactions of recordSnapshot and recordFailure, told apart from any other
 * transaction by their first statement (an insert into probe_runs), and counts statements.
 */
export class WriteMeter {
  #writes: Array<[number, number]> = [];
  #otherTxSumMs = 0;
  #statements = 0;
  #writeStatements = 0;

  wrap(db: Database): Database {
    return new Proxy(db, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== "function") return value;
        if (property === "transaction") {
          return (run: (tx: object) => Promise<unknown>, ...rest: unknown[]) =>
            this.#timed(target, value, run, rest);
        }
        return this.#counted(target, property, value);
      },
    });
  }

  reset(): void {
    this.#writes = [];
    this.#otherTxSumMs = 0;
    this.#statements = 0;
    this.#writeStatements = 0;
  }

  figures(): MeterFigures {
    const sorted = [...this.#writes].sort((a, b) => a[0] - b[0]);
    let writeSumMs = 0;
    let writeBusyMs = 0;
    let coveredUntil = Number.NEGATIVE_INFINITY;
    for (const [start, end] of sorted) {
      writeSumMs += end - start;
      writeBusyMs += Math.max(0, end - Math.max(start, coveredUntil));
      coveredUntil = Math.max(coveredUntil, end);
    }
    return {
      writes: sorted.length,
      writeSumMs,
      writeBusyMs,
      otherTxSumMs: this.#otherTxSumMs,
      statements: this.#statements,
      writeStatements: this.#writeStatements,
    };
  }

  #counted(
    target: object,
    property: string | symbol,
    value: (...args: unknown[]) => unknown,
    onStatement = () => {},
  ) {
    if (typeof property !== "string" || !STATEMENT_BUILDERS.has(property)) return value;
    return (...args: unknown[]) => {
      this.#statements += 1;
      onStatement();
      return value.apply(target, args);
    };
  }

  async #timed(
    target: object,
    transaction: (...args: unknown[]) => Promise<unknown>,
    run: (tx: object) => Promise<unknown>,
    rest: unknown[],
  ): Promise<unknown> {
    const started = performance.now();
    let isPollWrite: boolean | null = null;
    let statements = 2;
    const onStatement = () => {
      statements += 1;
    };
    this.#statements += 2;
    const watch = (tx: object): object =>
      new Proxy(tx, {
        get: (t, property, receiver) => {
          const value = Reflect.get(t, property, receiver);
          // json-rows.ts sends a transaction's hot statements on its postgres-js connection
          // (drizzle's session.client): those `unsafe` calls are statements too.
          if ((property === "session" || property === "client") && value instanceof Object) {
            return watch(value);
          }
          if (typeof value !== "function") return value;
          if (isPollWrite === null && property !== "then") {
            return (...args: unknown[]) => {
              isPollWrite ??=
                (property === "insert" && args[0] === probeRuns) ||
                (property === "unsafe" && String(args[0]).startsWith('insert into "probe_runs"'));
              return this.#counted(t, property, value, onStatement)(...args);
            };
          }
          return this.#counted(t, property, value, onStatement);
        },
      });
    try {
      return await transaction.call(target, (tx: object) => run(watch(tx)), ...rest);
    } finally {
      const now = performance.now();
      if (isPollWrite) {
        this.#writes.push([started, now]);
        this.#writeStatements += statements;
      } else this.#otherTxSumMs += now - started;
    }
  }
}
