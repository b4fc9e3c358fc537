// Loaded by prisma.config.ts, so only inside the Prisma CLI process; never by the application.
// Two upstream bugs of the pg driver adapter that the CLI's WebAssembly schema engine runs into:
import pg from "pg";

const TEXT_OID = 25;
// Types the adapter does not map and whose values are plain strings on the wire.
const CATALOG_TEXT_OIDS = new Set([18 /* "char" */, 19 /* name */, 22, 24, 30, 194, 1033, 2205, 2206, 3734]);
const SHADOW_DROP = /^DROP DATABASE "prisma_migrate_shadow_db_[0-9a-f-]+"$/;

/**
 * 1. prisma/orm#27403: the adapter refuses PostgreSQL's internal catalog types (name, "char", …) that
 *    `migrate deploy|status` read from pg_catalog ("Column type 'name' could not be deserialized").
 *    pg reports such columns as text, which is what they are to the schema engine.
 * 2. The adapter drops its shadow database while its own pool still holds a connection to it, so
 *    `migrate diff --from-migrations` fails ("is being accessed by other users"). The drop is forced.
 */
export function applyCliPgWorkarounds(): void {
  const result = pg.Result.prototype as unknown as { addFields(fields: Array<{ dataTypeID: number }>): void; __siyu?: true };
  if (result.__siyu) return;
  result.__siyu = true;
  const addFields = result.addFields;
  result.addFields = function (fields) {
    for (const field of fields) if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    return addFields.call(this, fields);
  };

  const client = pg.Client.prototype as unknown as { query(...args: unknown[]): unknown };
  const query = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    if (typeof args[0] === "string" && SHADOW_DROP.test(args[0])) args[0] = `${args[0]} WITH (FORCE)`;
    return query.apply(this, args);
  };
  // The forced drop ends the shadow pool's idle connection; that pool has no error listener.
  const pool = pg.Pool.prototype as unknown as { emit(event: string, ...args: unknown[]): boolean; options?: { database?: string } };
  const emit = pool.emit;
  pool.emit = function (this: typeof pool, event: string, ...args: unknown[]) {
    if (event === "error" && this.options?.database?.startsWith("prisma_migrate_shadow_db_")) return true;
    return emit.call(this, event, ...args);
  };
}
