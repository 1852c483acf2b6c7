import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { unitFor } from '@stockmaster/contracts';

import { FieldError } from '../../../../shared/ui/form';
import { ProductPicker } from '../../../../shared/ui/product-picker/product-picker';
import { QUANTITY_MESSAGES } from '../../../../shared/ui/quantity/quantity';
import { BatchPicker } from '../batch-picker';
import { OperationDraft } from '../operation-draft';
import { OperationPlaces } from '../operation-places';
import { OperationStore } from '../operation-store';
import { ScanField } from '../scan-field';

/**
 * The operation's lines: the scan field, one row per line (product, quantity or count, batch
 * of a receipt, per-line locations) with the problems of the last failed action, and Add line.
 */
@Component({
  selector: 'sm-operation-lines',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    FieldError,
    ProductPicker,
    BatchPicker,
    ScanField,
  ],
  templateUrl: './operation-lines.html',
  styleUrl: './operation-lines.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationLines {
  protected readonly draft = inject(OperationDraft);
  protected readonly places = inject(OperationPlaces);
  protected readonly store = inject(OperationStore);

  protected readonly quantityMessages = QUANTITY_MESSAGES;
  protected readonly unitFor = unitFor;
}
