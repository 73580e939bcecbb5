// Preloaded into the server by bench/lib/load-scenario.ts (NODE_OPTIONS=--require …): prints the
// V8 heap once a second on stderr, so that RSS growth can be told apart from a leak (an SQLite
// page cache filling up grows RSS; a leak grows the heap).
'use strict';
const timer = setInterval(() => {
  const m = process.memoryUsage();
  process.stderr.write(`laoshi-memory ${JSON.stringify({ t: Date.now(), heapUsedMb: m.heapUsed / 2 ** 20, externalMb: m.external / 2 ** 20 })}\n`);
}, 1000);
timer.unref();
