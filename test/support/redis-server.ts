// A redis-server of a test's own, on a free port, for tests that stop and start Redis: never the shared one.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A folder for the server's files (nothing is saved; redis-server still wants one). */
export const redisDataDir = () => mkdtemp(path.join(tmpdir(), "siyu-redis-"));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let out = "";
  child.stdout!.on("data", (chunk) => (out += chunk));
  for (const deadline = Date.now() + 10_000; !out.includes("Ready to accept connections"); await sleep(50)) {
    if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start: ${out.slice(-500)}`);
  }
  return child;
}

export async function stopRedis(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}
