import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  CatalogErrorCode,
  compareQuantities,
  formatQuantity,
  Product,
  QUANTITY_PATTERN,
  ReorderRule,
  unitFor,
  Warehouse,
} from '@stockmaster/contracts';
import { Observable, finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import {
  FieldError,
  FormErrorBanner,
  SubmitButton,
  applyServerErrors,
} from '../../../shared/ui/form';
import { CatalogApi } from '../../../shared/api/catalog-api';

export interface ReorderRuleDialogData {
  product: Pick<Product, 'id' | 'name' | 'unit'>;
  /** Every warehouse; those that already have a rule for the product are offered disabled. */
  warehouses: readonly Warehouse[];
  /** Warehouses that already have a rule for the product. */
  takenWarehouseIds?: readonly string[];
  /** The rule to edit; absent to add one. */
  rule?: ReorderRule;
}

/** The maximum may not be below the minimum (compared as exact decimals). */
export function notBelowMinimum(control: AbstractControl<string>): ValidationErrors | null {
  const min = control.parent?.get('minQuantity')?.value as string | undefined;
  const max = control.value;
  if (!min || !max || !QUANTITY_PATTERN.test(min) || !QUANTITY_PATTERN.test(max)) return null;
  return compareQuantities(max, min) < 0 ? { belowMinimum: { min: formatQuantity(min) } } : null;
}

/** Adds or edits a product's reorder rule for one warehouse: minimum and maximum quantity. */
@Component({
  selector: 'sm-reorder-rule-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
  ],
  templateUrl: './reorder-rule-dialog.html',
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(400px, 80vw);
    }
    mat-form-field {
      width: 100%;
    }
    .hint {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReorderRuleDialog {
  private readonly api = inject(CatalogApi);
  private readonly dialogRef = inject<MatDialogRef<ReorderRuleDialog, ReorderRule>>(MatDialogRef);
  protected readonly data = inject<ReorderRuleDialogData>(MAT_DIALOG_DATA);
  protected readonly editing = this.data.rule ?? null;
  protected readonly taken = new Set(this.data.takenWarehouseIds ?? []);

  protected readonly unitFor = unitFor;
  protected readonly quantityMessages = {
    pattern: 'Enter a quantity such as 12 or 12.5 (up to 3 decimals).',
    belowMinimum: (error: unknown) =>
      `The maximum must be at least the minimum (${(error as { min: string }).min}).`,
  };

  protected readonly form = inject(FormBuilder).nonNullable.group({
    warehouseId: [
      { value: this.editing?.warehouseId ?? '', disabled: this.editing !== null },
      Validators.required,
    ],
    minQuantity: [
      this.editing ? formatQuantity(this.editing.minQuantity) : '',
      [Validators.required, Validators.pattern(QUANTITY_PATTERN)],
    ],
    maxQuantity: [
      this.editing ? formatQuantity(this.editing.maxQuantity) : '',
      [Validators.required, Validators.pattern(QUANTITY_PATTERN), notBelowMinimum],
    ],
  });

  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  constructor() {
    // The maximum's check depends on the minimum: re-run it as the minimum changes.
    this.form.controls.minQuantity.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.maxQuantity.updateValueAndValidity());
  }

  protected warehouseLabel(warehouse: Warehouse): string {
    return `${warehouse.code} — ${warehouse.name}`;
  }

  submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    this.save()
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (rule) => this.dialogRef.close(rule),
        error: (error: unknown) => this.failed(error),
      });
  }

  private save(): Observable<ReorderRule> {
    const { warehouseId, minQuantity, maxQuantity } = this.form.getRawValue();
    if (this.editing) {
      return this.api.updateReorderRule(this.editing.id, { minQuantity, maxQuantity });
    }
    return this.api.createReorderRule({
      productId: this.data.product.id,
      warehouseId,
      minQuantity,
      maxQuantity,
    });
  }

  private failed(error: unknown): void {
    const apiError = toApiError(error);
    if (apiError.code === CatalogErrorCode.ReorderRuleExists) {
      const warehouse = this.form.controls.warehouseId;
      warehouse.setErrors({
        server: 'This product already has a reorder rule for this warehouse. Edit that one.',
      });
      warehouse.markAsTouched();
      return;
    }
    this.errors.set(applyServerErrors(this.form, apiError));
  }
}
