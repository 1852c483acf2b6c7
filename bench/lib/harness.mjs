// The frame every benchmark runs in: a stack of clean-up steps that runs on every way out
// (success, error, Ctrl-C, SIGTERM), so no server, database or temp folder outlives a run.

/** A LIFO stack of clean-up steps; `run()` is idempotent and never throws. */
export function createCleanup() {
  const steps = [];
  let running;
  return {
    /** Registers `fn` to run at the end; steps run in reverse order of registration. */
    add(label, fn) {
      steps.push({ label, fn });
    },
    run() {
      running ??= (async () => {
        while (steps.length) {
          const { label, fn } = steps.pop();
          try {
            await fn();
          } catch (error) {
            console.error(`clean-up: ${label} failed: ${error?.message ?? error}`);
          }
        }
      })();
      return running;
    },
  };
}

/**
 * Runs `main(cleanup)` and then the clean-up. Exit code 0 when `main` returns (a benchmark
 * measures, it does not judge), 1 when it throws, 130/143 when interrupted.
 */
export async function runBenchmark(main) {
  const cleanup = createCleanup();
  let interrupted = false;
  const onSignal = (signal) => {
    if (interrupted) {
      console.error(`${signal} again: exiting without finishing the clean-up`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    interrupted = true;
    console.error(`\n${signal} received, cleaning up…`);
    void cleanup.run().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let code = 0;
  try {
    await main(cleanup);
  } catch (error) {
    // After a signal, errors are the expected fallout of stopping things mid-request.
    if (!interrupted) {
      console.error(`\nBenchmark failed: ${error?.stack ?? error}`);
      code = 1;
    }
  } finally {
    await cleanup.run();
  }
  if (!interrupted) process.exit(code);
}
