// run.mjs FILE.sql: runs every statement of an SQL script with DuckDB
// (@duckdb/node-api, pinned in package-lock.json) in the current folder,
// and prints how long it took on stderr. Any error fails with exit code 1.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node run.mjs FILE.sql');
  process.exit(2);
}
try {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const start = performance.now();
  await conn.run(readFileSync(file, 'utf8'));
  console.error(`duckdb: ${file}: ${Math.round(performance.now() - start)} ms`);
} catch (err) {
  console.error(`duckdb: ${file}: ${err.message}`);
  process.exit(1);
}
