import { AbstractControl, ValidationErrors } from '@angular/forms';
import { CatalogErrorCode } from '@stockmaster/contracts';

/** Spaces only would be trimmed to nothing. */
export function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && control.value.trim() === '' ? { required: true } : null;
}

export const WHOLE_NUMBER = /^\d+$/;

/** Printable characters without spaces, as the API takes barcodes. */
export const BARCODE_PATTERN = /^[!-~]{1,64}$/;
export const MAX_DAYS = 36500;

/** One of the API's patterns, on the value as it will be sent (trimmed). */
export function trimmedPattern(pattern: RegExp) {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const value = (control.value ?? '').trim();
    return value === '' || pattern.test(value) ? null : { pattern: true };
  };
}

/** Messages for the API's conflicts that belong to one field. */
export const PRODUCT_FIELD_CONFLICTS: Record<
  string,
  { field: 'sku' | 'barcode'; message: string }
> = {
  [CatalogErrorCode.SkuTaken]: {
    field: 'sku',
    message: 'Another product already uses this SKU.',
  },
  [CatalogErrorCode.BarcodeTaken]: {
    field: 'barcode',
    message: 'Another product already uses this barcode.',
  },
};
