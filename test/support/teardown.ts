// Teardown that always reaches the end: each step gets a deadline, and a step that overruns is named
// and left behind, so one stuck close cannot use up the hook's timeout or keep the database alive.
import type { Worker } from "bullmq";
import { within } from "../../src/kernel/time/within.js";

/** Runs `steps` in order, each within `ms`, and names on stderr those that overran or failed. */
export async function tearDown(steps: Array<[name: string, step: () => Promise<unknown>]>, ms = 15_000): Promise<void> {
  for (const [name, step] of steps) {
    const outcome = await within(
      step().then(
        () => "done",
        (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
      ms,
      `still running after ${ms} ms`,
    );
    if (outcome !== "done") console.warn(`teardown step "${name}" ${outcome}`);
  }
}

/** Closes workers, letting jobs in hand finish for `graceMs`, then closing without waiting for them. */
export async function closeWorkers(workers: readonly Worker[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      const closed = worker.close().then(() => true);
      if (await within(closed, graceMs, false)) return;
      console.warn(`worker ${worker.name} still busy after ${graceMs} ms; closing it without waiting for its jobs`);
      await worker.close(true);
    }),
  );
}
