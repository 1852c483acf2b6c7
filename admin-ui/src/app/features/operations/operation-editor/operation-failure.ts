import { formatDate } from '@angular/common';
import { ErrorDetail, StockErrorCode } from '@stockmaster/contracts';

import { ApiError } from '../../../core/http/api-error';
import { LineForm, lineErrors } from './operation-form';

/** One line's problems, with the line's value when they were reported. */
export interface LineProblem {
  messages: string[];
  /** The line as sent: once it is edited, the problems no longer describe it. */
  sentValue: string;
}

/** What a failed save or validation says, tied to the lines that were sent. */
export interface OperationFailure {
  title: string;
  /** The server's sentence about the operation as a whole, when lines are marked. */
  summary: string | null;
  /** Problems that belong to no line shown (fields, or a line no longer listed). */
  other: string[];
  lines: ReadonlyMap<LineForm, LineProblem>;
}

/** What the user sees of a line, with picked product and batch by id (their details load later). */
function lineValue(line: LineForm): string {
  const { product, batch, ...rest } = line.getRawValue();
  const id = (choice: typeof product | typeof batch) =>
    choice && typeof choice === 'object' ? choice.id : choice;
  return JSON.stringify({ ...rest, product: id(product), batch: id(batch) });
}

/** Ends a sentence the way the banner writes it: "nothing was posted" → "nothing was posted." */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * A 422's per-line details placed on the lines that were `sent` (positions in the request),
 * keyed by the line's form group so that they stay with it when other lines are removed.
 */
export function operationFailure(
  title: string,
  error: ApiError,
  sent: readonly LineForm[],
  other: readonly string[] = [],
): OperationFailure {
  const lineDetails = error.details.filter((d) => d.line !== undefined);
  const { byLine, other: unplaced } = lineErrors(sent, lineDetails);
  const lines = new Map<LineForm, LineProblem>();
  for (const [line, messages] of byLine) {
    lines.set(line, { messages: messages.map(sentence), sentValue: lineValue(line) });
  }
  return {
    title,
    summary: lines.size > 0 ? sentence(error.message) : null,
    other: [...unplaced, ...other].map(sentence),
    lines,
  };
}

/**
 * Keeps only what still describes the screen: a line removed, or edited since it was sent, loses
 * its problems; when no marked line is left, the summary about them goes too.
 */
export function withoutStaleLines(
  failure: OperationFailure,
  shown: readonly LineForm[],
): OperationFailure {
  const present = new Set(shown);
  const lines = new Map(
    [...failure.lines].filter(([line, problem]) => {
      return present.has(line) && lineValue(line) === problem.sentValue;
    }),
  );
  if (lines.size === failure.lines.size) return failure;
  return { ...failure, lines, summary: lines.size > 0 ? failure.summary : null };
}

/** The banner's sentences: the server's summary, how many lines are marked, then the rest. */
export function bannerMessages(failure: OperationFailure | null): string[] {
  if (!failure) return [];
  const count = failure.lines.size;
  const marked =
    count > 0
      ? [
          `${failure.summary ?? ''} ${count === 1 ? '1 line needs' : `${count} lines need`} attention: see the lines marked below.`.trim(),
        ]
      : [];
  return [...marked, ...failure.other];
}

/** A receipt line the server refused because its batch has expired. */
export interface ExpiredLine {
  line: LineForm;
  /** "Batch L-2611-07 expired on Nov 3, 2026", or without the date when the screen lacks it. */
  text: string;
}

/** The receipt lines a 422 refused for an expired batch, and not yet agreed to. */
export function expiredLines(error: ApiError, sent: readonly LineForm[]): ExpiredLine[] {
  if (error.status !== 422) return [];
  const refused = new Set<LineForm>();
  for (const detail of error.details as ErrorDetail[]) {
    if (detail.error !== StockErrorCode.BatchExpired || detail.line === undefined) continue;
    const line = sent[detail.line];
    if (line && !line.controls.acceptExpired.value) refused.add(line);
  }
  return [...refused].map((line) => ({ line, text: expiredText(line) }));
}

function expiredText(line: LineForm): string {
  const { batch, batchExpiresAt } = line.getRawValue();
  const code = typeof batch === 'string' ? batch.trim() : (batch?.code ?? '');
  const expiry = typeof batch === 'object' && batch ? batch.expiresAt : batchExpiresAt;
  const name = code ? `Batch ${code}` : 'The batch';
  return expiry
    ? `${name} expired on ${formatDate(expiry, 'mediumDate', 'en-US')}`
    : `${name} has expired`;
}

/** "Batch X expired on … — receive it anyway?", for one line or several. */
export function expiredQuestion(lines: readonly ExpiredLine[]): string {
  const texts = lines.map((l, i) => (i === 0 ? l.text : l.text.replace(/^Batch/, 'batch')));
  const list =
    texts.length <= 1 ? texts.join('') : `${texts.slice(0, -1).join(', ')} and ${texts.at(-1)}`;
  return `${list} — receive ${lines.length === 1 ? 'it' : 'them'} anyway?`;
}
