/**
 * Background sends to MLflow (a run's buffered metrics, a mirror's queued calls) run on the event
 * loop. A caller that only awaits promises that are already resolved (a tight training loop whose
 * logging calls return at once) never lets the loop turn, so every request would wait until the
 * caller stops: measured, a 20-s sweep sent nothing until its end, then waited 2-4 s for the server.
 * The logging calls await `eventLoopTurn()`, which costs nothing while the loop turns on its own
 * (gemlab's trainer yields after each epoch) and otherwise yields once every MAX_BLOCKED_MS.
 */

/** How long the event loop may go without a turn before a logging call yields to it (ms). */
const MAX_BLOCKED_MS = 50;

let lastTurn = performance.now();
let markerPending = false;

function markTurn(): void {
  markerPending = false;
  lastTurn = performance.now();
}

/** Resolves at once if the event loop has turned within MAX_BLOCKED_MS, else after it has turned. */
export async function eventLoopTurn(): Promise<void> {
  if (performance.now() - lastTurn > MAX_BLOCKED_MS) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastTurn = performance.now();
    return;
  }
  // Runs on the loop's next turn, so `lastTurn` tells whether the loop turned since.
  if (!markerPending) {
    markerPending = true;
    setImmediate(markTurn);
  }
}
