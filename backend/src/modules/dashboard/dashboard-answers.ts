/**
 * Where the database's writes stand: `xmax` is one past the newest finished transaction, and
 * `quiet` says that none older was still running when it was read. Two equal marks with a quiet
 * first one mean nothing has committed in between, in any table, whoever wrote it.
 */
export interface WriteMark {
  xmax: string;
  quiet: boolean;
}

/** At most this many answers (one per warehouse scope and day) are kept. */
const MAX_ANSWERS = 256;

/**
 * Answers kept until the database changes. An answer is kept only when its mark, read before it
 * was computed, was quiet: then every transaction not visible to its queries has an id at or
 * above `xmax`, and its commit moves `xmax` on. So a kept answer is served only while no
 * transaction has finished since, and it is never older than the data.
 */
export class AnswersUntilWrite<T> {
  private readonly answers = new Map<string, { xmax: string; answer: T }>();

  /** The answer kept for `key`, if nothing has been written since it was computed. */
  get(key: string, now: WriteMark): T | undefined {
    const held = this.answers.get(key);
    if (held && held.xmax === now.xmax) return held.answer;
    if (held) this.answers.delete(key);
    return undefined;
  }

  /** Keeps `answer`, computed after `mark` was read, if the mark was quiet. */
  keep(key: string, mark: WriteMark, answer: T): void {
    if (!mark.quiet) return;
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    this.answers.set(key, { xmax: mark.xmax, answer });
  }
}
