// Import rules (docs/architecture.md): transports and jobs → features → kernel; a feature reaches another
// only through its index.ts; the kernel imports no feature; pure rules import no I/O.
const PURE = [
  "^src/features/[^/]+/rules/",
  "^src/kernel/(time|text|codes)/",
  "^src/kernel/commands/(args|help|match|roles|spec|suggest|decide)\\.ts$",
  "^src/kernel/outbox/(message-kind|outgoing-message|skip-reasons|combine-replies)\\.ts$",
];
const IO_PACKAGES = "(^|/)node_modules/(wechaty|wechaty-puppet[^/]*|bullmq|ioredis|@prisma/[^/]+|prisma|pg|fastify|pino)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "kernel-imports-no-feature",
      comment:
        "The kernel is what every feature stands on: it must not know any feature (pass what it needs in, e.g. through the app context).",
      severity: "error",
      from: { path: "^src/kernel/" },
      to: { path: "^(src/(features|bot|http|web|main|sim)/|jobs/)" },
    },
    {
      name: "feature-through-index",
      comment: "A feature reaches another feature only through that feature's index.ts, its public face.",
      severity: "error",
      from: { path: "^src/features/([^/]+)/" },
      to: { path: "^src/features/[^/]+/", pathNot: ["^src/features/$1/", "^src/features/[^/]+/index\\.ts$"] },
    },
    {
      name: "outside-through-index",
      comment: "Transports, entry points and jobs use a feature through its index.ts.",
      severity: "error",
      from: { path: "^(src/(bot|http|web|main|sim)/|jobs/)" },
      to: { path: "^src/features/[^/]+/", pathNot: "^src/features/[^/]+/index\\.ts$" },
    },
    {
      name: "features-import-no-transport",
      comment: "Features are called by transports and jobs, never the other way round.",
      severity: "error",
      from: { path: "^src/features/" },
      to: { path: "^(src/(bot|http|web|main|sim)/|jobs/)" },
    },
    {
      name: "pure-rules-import-no-io",
      comment: "Pure rules (rules/, the kernel's time, text, codes and command parsing) import no database, queue, Redis or WeChat code.",
      severity: "error",
      from: { path: PURE },
      to: { pathNot: [...PURE, "node_modules"], dependencyTypesNot: ["core"] },
    },
    {
      name: "pure-rules-import-no-io-packages",
      comment: "Pure rules import no database, queue, Redis, HTTP or WeChat package.",
      severity: "error",
      from: { path: PURE },
      to: { path: IO_PACKAGES },
    },
    {
      name: "wechaty-only-at-the-edge",
      comment: "Only src/bot (the Wechaty edge) imports wechaty; past it, messages are plain ChatInput.",
      severity: "error",
      from: { path: "^(src|jobs)/", pathNot: "^src/bot/" },
      to: { path: "(^|/)node_modules/wechaty[^/]*/" },
    },
    {
      name: "no-circular",
      comment: "Import cycles make load order matter and hide who depends on whom.",
      severity: "error",
      from: { path: "^(src|jobs)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)generated/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js"],
    },
  },
};
