import { describe, expect, it } from "vitest";
import { allJobs } from "../../../../jobs/index.js";
import { JOB_LABELS } from "../../../../src/features/status/commands.js";

describe("状态's job queue labels", () => {
  it("names every job queue in Chinese, so no job id reaches an operator", () => {
    for (const job of allJobs) expect(JOB_LABELS[job.id], job.id).toMatch(/^[\u4e00-\u9fff/]+$/);
    expect(Object.keys(JOB_LABELS).sort()).toEqual(allJobs.map((job) => job.id).sort());
  });
});
