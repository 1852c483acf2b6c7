import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

import { FieldError } from '../../../../shared/ui/form';
import { VIRTUAL_SIDE_LABELS } from '../../../../shared/util/operation-labels';
import { OperationDraft } from '../operation-draft';
import { OperationPlaces } from '../operation-places';
import { OperationStore } from '../operation-store';

/**
 * The operation's header fields: type (while new), warehouse, the sides the type lets the user
 * pick, partner, scheduled date and notes.
 */
@Component({
  selector: 'sm-operation-header',
  imports: [
    ReactiveFormsModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    FieldError,
  ],
  // The fields bind by name to the editor's form, one component up.
  viewProviders: [
    {
      provide: ControlContainer,
      useFactory: () => inject(ControlContainer, { skipSelf: true }),
    },
  ],
  templateUrl: './operation-header.html',
  styles: `
    :host {
      display: block;
    }
    .header-fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
      gap: 0 16px;
      max-width: 1100px;
    }
    .notes {
      grid-column: 1 / -1;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationHeader {
  protected readonly draft = inject(OperationDraft);
  protected readonly places = inject(OperationPlaces);
  protected readonly store = inject(OperationStore);

  protected readonly form = this.draft.form;
  protected readonly virtualLabels = VIRTUAL_SIDE_LABELS;
}
