/**
 * Preloaded into the API and the worker by bench/impact.bench.js (`node --require`): counts the
 * SQL statements the process sends through pg and the bytes it reads from PostgreSQL, and on
 * SIGWINCH (a signal the app neither stops on nor uses itself) writes them with the process's CPU time (process.cpuUsage) to BENCH_STATS_FILE. These
 * do not depend on how busy the machine is, unlike wall-clock times.
 */
'use strict';

const fs = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_STATS_FILE;
let statements = 0;
const sockets = new Set();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements += 1;
  const stream = this.connection && this.connection.stream;
  if (stream) sockets.add(stream);
  return query.apply(this, args);
};

process.on('SIGWINCH', () => {
  let bytesRead = 0;
  for (const s of sockets) bytesRead += s.bytesRead || 0;
  const cpu = process.cpuUsage();
  fs.writeFileSync(
    file,
    JSON.stringify({
      statements,
      bytesRead,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rss: process.memoryUsage.rss(),
    }),
  );
});
