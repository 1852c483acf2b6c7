/** One failing field (400) or line (422) inside `details`. */
export interface ErrorDetail {
  /** Dotted path of the offending input, e.g. `lines.2.quantity`. */
  field?: string;
  /** Zero-based line index for per-line business errors. */
  line?: number;
  /** Machine code for this detail, when it has its own. */
  error?: string;
  message: string;
}

/** The one shape every non-2xx answer of the API takes. */
export interface ErrorEnvelope {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
  requestId: string;
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['statusCode'] === 'number' &&
    typeof v['error'] === 'string' &&
    typeof v['message'] === 'string'
  );
}
