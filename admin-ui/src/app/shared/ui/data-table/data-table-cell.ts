import { Directive, TemplateRef, inject, input } from '@angular/core';

import { DataTableColumn } from './data-table.types';

export interface DataTableCellContext<T> {
  $implicit: T;
}

/**
 * A custom cell for the column `smCell` names: `<ng-template smCell="name" let-row>`.
 * Pass `[smCellOf]="columns"` to type `row` like the table's rows.
 */
@Directive({ selector: 'ng-template[smCell]' })
// `any` by default so that untyped cell templates still compile under strictTemplates.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class DataTableCell<T = any> {
  readonly key = input.required<string>({ alias: 'smCell' });
  /** Only for type inference of `let-row`. */
  readonly smCellOf = input<readonly DataTableColumn<T>[]>([]);
  readonly template = inject<TemplateRef<DataTableCellContext<T>>>(TemplateRef);

  static ngTemplateContextGuard<T>(
    _directive: DataTableCell<T>,
    _context: unknown,
  ): _context is DataTableCellContext<T> {
    return true;
  }
}
