import { ValidationErrors } from '@angular/forms';

type MessageFn = (error: unknown) => string;

/** Messages for a control's errors; a field can override any of them by key. */
export type ValidationMessages = Record<string, string | MessageFn>;

const num = (error: unknown, key: string): unknown =>
  typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;

/** The built-in validators' messages, in the order they are reported. */
export const DEFAULT_VALIDATION_MESSAGES: ValidationMessages = {
  server: (error) => (typeof error === 'string' ? error : 'The server rejected this value.'),
  required: 'This field is required.',
  minlength: (error) => `Enter at least ${num(error, 'requiredLength')} characters.`,
  maxlength: (error) => `Enter at most ${num(error, 'requiredLength')} characters.`,
  email: 'Enter a valid email address.',
  pattern: 'This value is not in the expected format.',
  min: (error) => `Enter ${num(error, 'min')} or more.`,
  max: (error) => `Enter ${num(error, 'max')} or less.`,
  password: (error) => (typeof error === 'string' ? `${error}.` : 'Choose a stronger password.'),
  mismatch: 'The two passwords do not match.',
};

/**
 * The one message to show for a control's errors: the server's verdict first, then the
 * built-in validators in a fixed order, then any other error key.
 */
export function validationMessage(
  errors: ValidationErrors | null | undefined,
  overrides: ValidationMessages = {},
): string | null {
  if (!errors) return null;
  const messages = { ...DEFAULT_VALIDATION_MESSAGES, ...overrides };
  const known = Object.keys(DEFAULT_VALIDATION_MESSAGES);
  const keys = [
    ...known.filter((key) => key in errors),
    ...Object.keys(errors).filter((key) => !known.includes(key)),
  ];
  const key = keys[0];
  if (key === undefined) return null;
  const message = messages[key];
  if (typeof message === 'function') return message(errors[key]);
  return message ?? 'This value is not valid.';
}
