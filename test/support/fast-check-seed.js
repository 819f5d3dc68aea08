// One seed for every fast-check property in a run, so that a failure can be replayed: the run prints
// it (summary reporter), fast-check repeats it in any counterexample, and FC_SEED=<n> runs it again.
const DEFAULT_FC_SEED = 20260601;

function fastCheckSeed(env = process.env) {
  const raw = env.FC_SEED;
  if (raw === undefined || raw.trim() === '') return DEFAULT_FC_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(raw)}`);
  }
  return seed;
}

module.exports = { DEFAULT_FC_SEED, fastCheckSeed };
