/**
 * Preloaded into the app's processes by the benchmarks (`node --require ./bench/query-counter.js`):
 * counts every SQL statement sent through a pg client (BEGIN and COMMIT included, as the server
 * sees them) and the time until its answer, by statement text. The parent asks over the IPC
 * channel: { type: 'bench:queries', reset? } → { type: 'bench:queries', total, ms, statements }.
 * Nothing in the app depends on it; without an IPC channel it does nothing.
 */
'use strict';

if (typeof process.send === 'function') {
  const pg = require('pg');
  let total = 0;
  let statements = new Map(); // normalised text -> { n, ms }
  const normalise = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 160);
  const note = (text, ms) => {
    let s = statements.get(text);
    if (!s) statements.set(text, (s = { n: 0, ms: 0 }));
    s.n += 1;
    s.ms += ms;
  };
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(config, ...rest) {
    const raw = typeof config === 'string' ? config : config && config.text;
    const result = original.call(this, config, ...rest);
    if (typeof raw === 'string') {
      total += 1;
      const text = normalise(raw);
      const started = performance.now();
      if (result && typeof result.then === 'function')
        result.then(
          () => note(text, performance.now() - started),
          () => note(text, performance.now() - started),
        );
      else note(text, 0);
    }
    return result;
  };
  process.on('message', (m) => {
    if (!m || m.type !== 'bench:queries') return;
    const ms = [...statements.values()].reduce((a, s) => a + s.ms, 0);
    process.send({
      type: 'bench:queries',
      id: m.id,
      total,
      ms,
      statements: [...statements.entries()].map(([text, s]) => ({ text, n: s.n, ms: s.ms })),
    });
    if (m.reset) {
      total = 0;
      statements = new Map();
    }
  });
  // The channel must not keep a stopping app alive.
  process.channel?.unref();
}
