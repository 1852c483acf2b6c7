import { TransformFnParams } from 'class-transformer';

/** Surrounding spaces typed into a form are not part of a name, code or email. */
export const trim = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Query strings carry booleans as text: `true` / `false` (anything else fails validation). */
export const toBoolean = ({ value }: TransformFnParams): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
