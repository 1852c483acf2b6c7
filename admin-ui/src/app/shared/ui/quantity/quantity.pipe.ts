import { Pipe, PipeTransform } from '@angular/core';
import { displayAmount, displayQuantity } from '@stockmaster/contracts';

/**
 * A quantity as every screen shows it: `{{ level.quantity | quantity: level.product.unit }}` →
 * "1,000 units", "1 unit", "12.5 kg"; without a unit, "1,000". Nothing for an empty value.
 */
@Pipe({ name: 'quantity' })
export class QuantityPipe implements PipeTransform {
  transform(value: string | null | undefined, unit?: string | null): string {
    if (value === null || value === undefined || value.trim() === '') return '';
    return unit ? displayAmount(value, unit) : displayQuantity(value);
  }
}
