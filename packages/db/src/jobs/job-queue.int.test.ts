import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../client";
import { createTestDatabase, testDatabaseKinds, useTestDatabase } from "../testing";
import { createJobQueue, type JobQueue, POLL_HOST_QUEUE, type PollJob } from "./job-queue";
import { createPgExecutor } from "./pg-executor";
import { listPollJobs } from "./poll-history";

const hosts = (n: number): PollJob[] =>
  Array.from({ length: n }, (_, i) => ({ hostId: randomUUID(), hostName: `stor-q${i}` }));

describe.each(testDatabaseKinds())("the pg-boss poll queue on %s", (kind) => {
  const database = useTestDatabase(kind);
  let queue: JobQueue;
  const since = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    queue = createJobQueue({ url: database().url, maintenanceIntervalSeconds: 1 });
    await queue.start();
  }, 60_000);
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 1_000 });
  });

  it("keeps one job per host and slot, and works them at most `concurrency` at a time", async () => {
    const fleet = hosts(6);
    const options = { expireInSeconds: 30, onePerSeconds: 3_600 };
    await queue.enqueuePolls(fleet, options);
    await queue.enqueuePolls(fleet, options);
    let running = 0;
    let mostAtOnce = 0;
    const worked: string[] = [];
    await queue.workPolls(
      async (job) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 300));
        running -= 1;
        worked.push(job.hostId);
        return { instance: "test", status: "ok" };
      },
      { concurrency: 2, pollingIntervalSeconds: 0.5 },
    );
    await expect.poll(() => worked.length, { timeout: 30_000 }).toBe(6);
    expect(mostAtOnce).toBe(2);
    expect(new Set(worked)).toEqual(new Set(fleet.map((h) => h.hostId)));
    // Finished in this slot: offering the hosts again adds nothing until the next slot.
    await queue.enqueuePolls(fleet, options);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const jobs = (await listPollJobs(database().db, since)).filter((j) =>
      fleet.some((h) => h.hostId === j.hostId),
    );
    expect(jobs).toHaveLength(6);
    expect(jobs.every((j) => j.state === "completed" && j.output.instance === "test")).toBe(true);
  }, 60_000);

  it("works a full queue back to back, not one job per worker and polling interval", async () => {
    const fresh = await createTestDatabase(kind);
    const isolated = createJobQueue({ url: fresh.url });
    try {
      await isolated.start();
      const fleet = hosts(40);
      await isolated.enqueuePolls(fleet, { expireInSeconds: 60 });
      const worked: string[] = [];
      const started = performance.now();
      // A polling interval of a minute: pg-boss's own work() loops waited it after every job.
      await isolated.workPolls(
        async (job) => {
          worked.push(job.hostId);
          await new Promise((resolve) => setTimeout(resolve, 20));
          return { instance: "test", status: "ok" };
        },
        { concurrency: 4, pollingIntervalSeconds: 60 },
      );
      const done = async () =>
        (await listPollJobs(fresh.db, since)).filter((j) => j.state === "completed").length;
      await expect.poll(done, { timeout: 20_000, interval: 250 }).toBe(40);
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(new Set(worked)).toEqual(new Set(fleet.map((h) => h.hostId)));
      const jobs = await listPollJobs(fresh.db, since);
      expect(jobs.every((j) => j.output.instance === "test" && j.output.status === "ok")).toBe(
        true,
      );
    } finally {
      await isolated.stop({ timeoutMs: 1_000 });
      await fresh.close();
    }
  }, 60_000);

  it("expires a job whose holder vanished, after which the host can be planned again", async () => {
    // Its own database and queue: a worker already running (the first test's) could fetch the
    // job before the vanishing holder does, and then there would be nothing to expire.
    const fresh = await createTestDatabase(kind);
    const isolated = createJobQueue({ url: fresh.url, maintenanceIntervalSeconds: 1 });
    const holder = new PgBoss({ connectionString: fresh.url, supervise: false, max: 1 });
    try {
      await isolated.start();
      const [host] = hosts(1) as [PollJob];
      await isolated.enqueuePolls([host], { expireInSeconds: 1 });
      // A holder that fetches the job and then never reports: a collector killed mid-poll.
      await holder.start();
      const fetched = await holder.fetch<PollJob>(POLL_HOST_QUEUE, { batchSize: 10 });
      await holder.stop({ graceful: false });
      expect(fetched.map((job) => job.data.hostId)).toEqual([host.hostId]);
      // While it is active, offering the host again is a no-op: never two live jobs for a host.
      await isolated.enqueuePolls([host], { expireInSeconds: 1 });
      const mine = async () =>
        (await listPollJobs(fresh.db, since)).filter((j) => j.hostId === host.hostId);
      expect((await mine()).map((j) => j.state)).toEqual(["active"]);
      await expect
        .poll(async () => (await mine()).map((j) => j.state), { timeout: 15_000, interval: 250 })
        .toEqual(["failed"]);
      await isolated.enqueuePolls([host], { expireInSeconds: 1 });
      await isolated.workPolls(async () => ({ instance: "test", status: "ok" }), {
        concurrency: 1,
        pollingIntervalSeconds: 0.5,
      });
      await expect
        .poll(async () => (await mine()).map((j) => j.state), { timeout: 15_000, interval: 250 })
        .toEqual(["failed", "completed"]);
    } finally {
      await holder.stop({ graceful: false }).catch(() => {});
      await isolated.stop({ timeoutMs: 1_000 });
      await fresh.close();
    }
  }, 60_000);

  it("starts several queues at once on a fresh database (collectors started together)", async () => {
    const fresh = await createTestDatabase(kind);
    const queues = Array.from({ length: 3 }, () => createJobQueue({ url: fresh.url }));
    try {
      const started = await Promise.allSettled(queues.map((q) => q.start()));
      expect(started.map((result) => result.status)).toEqual(Array(3).fill("fulfilled"));
    } finally {
      await Promise.all(queues.map((q) => q.stop({ timeoutMs: 1_000 })));
      await fresh.close();
    }
  }, 60_000);

  it("rolls back a failed multi-statement command, so no other connection is blocked", async () => {
    const executor = createPgExecutor({
      url: database().url,
      max: 1,
      applicationName: "holmes-test",
      onError: () => {},
    });
    await expect(executor.executeSql("BEGIN; SELECT 1/0; COMMIT;")).rejects.toThrow(
      "division by zero",
    );
    // On PGlite (one session) a transaction left open would hold every other client.
    const other = createDb({ url: database().url, max: 1 });
    const answer = await Promise.race([
      other.sql`select 1 as one`.then((rows) => rows[0]?.one),
      new Promise((resolve) => setTimeout(() => resolve("blocked"), 5_000)),
    ]);
    expect(answer).toBe(1);
    expect((await executor.executeSql("select 2 as two")).rows).toEqual([{ two: 2 }]);
    await other.close();
    await executor.close();
  }, 30_000);

  it.runIf(kind === "postgres")(
    "survives its connection dying mid-statement (a server restart): the statement fails, the process lives",
    async () => {
      const lost: Error[] = [];
      const executor = createPgExecutor({
        url: database().url,
        max: 1,
        applicationName: "holmes-test-terminated",
        onError: (error) => lost.push(error),
      });
      const sleeping = executor.executeSql("select pg_sleep(30)");
      const other = createDb({ url: database().url, max: 1 });
      try {
        await expect
          .poll(
            async () =>
              (
                await other.sql`select pg_terminate_backend(pid) as done from pg_stat_activity
                  where application_name = 'holmes-test-terminated' and query like 'select pg_sleep%'`
              ).length,
            { timeout: 10_000, interval: 100 },
          )
          .toBe(1);
        await expect(sleeping).rejects.toThrow();
        expect(lost.map((error) => error.message)).toContain("Connection terminated unexpectedly");
        // The pool replaced the dead connection.
        expect((await executor.executeSql("select 3 as three")).rows).toEqual([{ three: 3 }]);
      } finally {
        await other.close();
        await executor.close();
      }
    },
    30_000,
  );
});
