/**
 * Runs `task` with an AbortSignal that the first SIGINT/SIGTERM aborts (running trials end
 * KILLED and the store stays consistent); a second SIGINT exits at once.
 */
export async function withInterrupt<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\ngemlab: interrupted; closing the running trials (Ctrl-C again to quit now)\n');
    controller.abort('cancelled');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await task(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
