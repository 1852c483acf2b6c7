import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/**
 * Work a request starts but does not wait for (so that its answer cannot depend on it, e.g. on
 * whether an account exists). Failures are logged; shutdown waits for what is still running.
 */
@Injectable()
export class BackgroundTasks implements OnApplicationShutdown {
  private readonly logger = new Logger(BackgroundTasks.name);
  private readonly running = new Set<Promise<void>>();

  run(name: string, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) =>
        this.logger.error({ err: error, task: name }, 'background task failed'),
      )
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves once every task started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  onApplicationShutdown(): Promise<void> {
    return this.settled();
  }
}
