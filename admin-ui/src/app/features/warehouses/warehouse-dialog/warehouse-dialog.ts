import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  UpdateWarehouseRequest,
  WAREHOUSE_CODE_PATTERN,
  Warehouse,
  WarehouseErrorCode,
} from '@stockmaster/contracts';
import { Observable, finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import {
  FieldError,
  FormErrorBanner,
  SubmitButton,
  applyServerErrors,
} from '../../../shared/ui/form';
import { WarehousesApi } from '../../../shared/api/warehouses-api';

export interface WarehouseDialogData {
  /** The warehouse to edit; absent to create one. */
  warehouse?: Warehouse;
}

const CODE_MESSAGES: Record<string, string> = {
  [WarehouseErrorCode.CodeTaken]: 'Another warehouse already uses this code.',
  [WarehouseErrorCode.CodeFrozen]:
    'Stock has already moved through this warehouse, so its code can no longer change.',
};

/** Creates a warehouse (and so its root location `CODE/Stock`) or edits one. */
@Component({
  selector: 'sm-warehouse-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
  ],
  templateUrl: './warehouse-dialog.html',
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(420px, 80vw);
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WarehouseDialog {
  private readonly api = inject(WarehousesApi);
  private readonly dialogRef = inject<MatDialogRef<WarehouseDialog, Warehouse>>(MatDialogRef);
  protected readonly editing = inject<WarehouseDialogData>(MAT_DIALOG_DATA)?.warehouse ?? null;
  /** Once stock has moved, documents carry the code: it may not change. */
  protected readonly codeFrozen = this.editing?.hasStockHistory ?? false;

  protected readonly codeMessages = {
    pattern: 'Use 2 to 10 upper-case letters or digits, e.g. MAIN.',
  };

  readonly form = inject(FormBuilder).nonNullable.group({
    code: [
      { value: this.editing?.code ?? '', disabled: this.codeFrozen },
      [Validators.required, Validators.pattern(WAREHOUSE_CODE_PATTERN)],
    ],
    name: [this.editing?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    address: [this.editing?.address ?? '', Validators.maxLength(500)],
  });

  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  /** Codes are upper case: fix the case as the user types rather than reject it. */
  protected upperCaseCode(): void {
    const code = this.form.controls.code;
    const upper = code.value.toUpperCase();
    if (upper !== code.value) code.setValue(upper);
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
        next: (warehouse) => this.dialogRef.close(warehouse),
        error: (error: unknown) => {
          const apiError = toApiError(error);
          const codeMessage = CODE_MESSAGES[apiError.code];
          if (codeMessage) {
            const code = this.form.controls.code;
            code.setErrors({ server: codeMessage });
            code.markAsTouched();
            return;
          }
          this.errors.set(applyServerErrors(this.form, apiError));
        },
      });
  }

  private save(): Observable<Warehouse> {
    const value = this.form.getRawValue();
    const fields = {
      code: value.code.trim(),
      name: value.name.trim(),
      address: value.address.trim() || null,
    };
    if (!this.editing) return this.api.create(fields);
    const body: UpdateWarehouseRequest = { name: fields.name, address: fields.address };
    if (fields.code !== this.editing.code) body.code = fields.code;
    return this.api.update(this.editing.id, body);
  }
}
