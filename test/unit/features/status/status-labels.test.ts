import { describe, expect, it } from "vitest";
import { allJobs } from "../../../../jobs/index.js";
import { jobLabels } from "../../../../src/kernel/jobs/define-job.js";

describe("状态's job queue labels", () => {
  it("names every job queue in Chinese, so no job id reaches an operator", () => {
    // What 状态 reads: the labels of the jobs the entry point tells the app context (main/stack.ts).
    const JOB_LABELS = jobLabels(allJobs);
    for (const job of allJobs) expect(JOB_LABELS[job.id], job.id).toMatch(/^[\u4e00-\u9fff/]+$/);
    expect(Object.keys(JOB_LABELS).sort()).toEqual(allJobs.map((job) => job.id).sort());
  });
});
