import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/**
 * The few raw SQL operations the migrator needs, over either PostgreSQL (pg) or PGlite.
 * Prisma's client cannot run multi-statement DDL files with per-statement error reporting.
 */
export interface SqlDriver {
  query<T extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs fn inside one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
}

export function pgDriver(
  pool: pg.Pool,
): SqlDriver & { withConnection<T>(fn: (c: SqlDriver) => Promise<T>): Promise<T> } {
  const onClient = (client: pg.PoolClient): SqlDriver => ({
    async query(sql, params) {
      const result = await client.query(sql, params as unknown[] | undefined);
      return result.rows;
    },
    transaction: () => Promise.reject(new Error("nested transactions are not supported")),
  });
  return {
    async query(sql, params) {
      const result = await pool.query(sql, params as unknown[] | undefined);
      return result.rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const value = await fn(onClient(client));
        await client.query("COMMIT");
        return value;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          ...onClient(client),
          transaction: async (inner) => {
            await client.query("BEGIN");
            try {
              const value = await inner(onClient(client));
              await client.query("COMMIT");
              return value;
            } catch (err) {
              await client.query("ROLLBACK").catch(() => undefined);
              throw err;
            }
          },
        });
      } finally {
        client.release();
      }
    },
  };
}

export function pgliteDriver(
  db: PGlite,
): SqlDriver & { withConnection<T>(fn: (c: SqlDriver) => Promise<T>): Promise<T> } {
  const driver: SqlDriver & { withConnection<T>(fn: (c: SqlDriver) => Promise<T>): Promise<T> } = {
    async query(sql, params) {
      const result = await db.query(sql, params as unknown[] | undefined);
      return result.rows as never[];
    },
    transaction(fn) {
      return db.transaction(async (tx) =>
        fn({
          async query(sql, params) {
            const result = await tx.query(sql, params as unknown[] | undefined);
            return result.rows as never[];
          },
          transaction: () => Promise.reject(new Error("nested transactions are not supported")),
        }),
      );
    },
    // PGlite is a single connection already.
    withConnection: (fn) => fn(driver),
  };
  return driver;
}
