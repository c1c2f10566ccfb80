// What bounds each figure, as found by profiling (`--cpu-prof` / the inspector) on the bench machine.
/** One line per row of BENCHMARKS.md. */
export const BOUNDS = {
  resolveIndex:
    'Lookups: `ResolutionIndex.resolve` builds the whole explanation chain on every call (3–4 scope objects, each slot key built twice, a ChainLink and a SetBy with `String(position)` per scope: ~20 allocations), ~50% of CPU in its chain callback plus GC; a fast path that stops at the first hit and builds the chain only when asked would lift it. Heap: per link an Entry object, the slot key (a concatenated, then flattened, string), and its own actor and ISO-time strings; interning actors and storing the time as a number would cut it.',
  replay:
    'io-ts decoding in `readEvent` (t.strict/stripKeys, the rules’ regexes) and the garbage of the decoded copies: without validation the same replay runs at 0.7–0.8 × the bare loop, with it at about 0.36–0.38 ×. Validation stays on: meeting the target needs a cheaper validator (hand-written checks or a compiled schema), not turning it off — a decision for the projections owner.',
  fold:
    'Per event `apply` allocates an Entry and a slot-key string and replaces the previous one, and with a million decoded events held in memory the collector runs over a large old space (≈30% of the time); at 50k events (--quick) the same loop runs at about 1.8–2.4M/s.',
  commandLatency:
    'Met: the state is cached and each command reads only the stream tail (one indexed SELECT) before its BEGIN IMMEDIATE; the 1M-event cold load (printed) is bound by decoding and validating every event of the stream.',
  cli: 'Met: both are bound by Node start-up and loading the bundle; resolve then replays only the org’s own stream (an indexed range read), so the store’s total size barely matters.',
  vending: 'Met: one single-flight AssumeRole per instance, the rest served from the session cache; the per-request baseline (at most 500 in flight: each call builds its own client and sockets, and 10,000 at once run out of file descriptors) is bound by CPU per call — signing, a new client and connection per request — far more than by the 20 ms latency.',
  migration: 'Met (in memory, MemoryEventStore): bound by decoding and validating the imported legacy events on replay and one command per planned link.',
  appends:
    'The SQLite commit of each BEGIN IMMEDIATE transaction (≈50% of CPU), then per command the tail-read SELECT, the revision check, validation, decide and the event-id hash; store.append alone ran at 0.4–0.9 × the bare INSERT rate across runs (each contender is one timed pass of 3,000, noisy on this shared 2-core machine).',
} as const;
