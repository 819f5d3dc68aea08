/**
 * Version of the engine's semantics, stored with every match run so that any answer can be
 * replayed. Bump it on any change to rule semantics (operators, three-valued logic, missingFacts,
 * hints, details) or to the score formula: major when an old run would now give a different
 * status, minor for score or explanation changes, patch for fixes that change no output.
 */
export const ENGINE_VERSION = '2.2.0';
