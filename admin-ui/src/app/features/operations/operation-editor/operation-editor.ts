import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { REVERSAL_PERMISSION } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { FormErrorBanner, SubmitButton } from '../../../shared/ui/form';
import { OperationDocument } from '../operation-document/operation-document';
import { OperationFacts } from '../operation-document/operation-facts';
import { TYPE_ICONS, TYPE_LABELS } from '../../../shared/util/operation-labels';
import { OperationStatusChip } from '../operation-status';
import { OperationDraft } from './operation-draft';
import { OperationHeader } from './operation-header/operation-header';
import { OperationLines } from './operation-lines/operation-lines';
import { OperationPlaces } from './operation-places';
import { OperationRequests } from './operation-requests';
import { OperationStore } from './operation-store';

/**
 * One operation: a new one (`/operations/new?type=receipt`), a draft to edit, or one to read
 * (done, cancelled, or beyond the user's rights) shown as a document. Validate posts what the
 * screen shows: edits not yet saved are saved first, then the moves are posted, all or nothing,
 * and every failing line is marked. The {@link OperationStore} does the work; this component
 * lays out the heading, the form (header fields and lines) and its actions.
 */
@Component({
  selector: 'sm-operation-editor',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    FormErrorBanner,
    SubmitButton,
    OperationStatusChip,
    OperationDocument,
    OperationFacts,
    OperationHeader,
    OperationLines,
  ],
  providers: [
    provideNativeDateAdapter(),
    OperationRequests,
    OperationDraft,
    OperationStore,
    OperationPlaces,
  ],
  templateUrl: './operation-editor.html',
  styleUrl: './operation-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationEditor {
  protected readonly store = inject(OperationStore);
  protected readonly draft = inject(OperationDraft);
  private readonly session = inject(Session);

  /** The operation's id from the route, or `new`. */
  readonly id = input<string>();
  /** `?type=` of a new operation. */
  readonly type = input<string>();

  protected readonly form = this.draft.form;
  /** The operation as last read or saved; null while new. */
  protected readonly operation = this.store.operation;
  protected readonly busy = this.store.busy;
  protected readonly editable = this.store.editable;
  protected readonly isNew = this.store.isNew;
  protected readonly typeIcons = TYPE_ICONS;

  protected readonly canReverse = computed(() => {
    const operation = this.operation();
    return (
      !!operation &&
      operation.status === 'done' &&
      !operation.reversedById &&
      this.session.can(REVERSAL_PERMISSION)
    );
  });
  protected readonly canCancel = computed(
    () => this.operation()?.status === 'draft' && this.draft.mayWrite(),
  );
  protected readonly title = computed(() => {
    const operation = this.operation();
    if (operation) return operation.reference;
    return `New ${TYPE_LABELS[this.draft.currentType()].toLowerCase()}`;
  });

  constructor() {
    // Created with the editor, as the locations follow the warehouse from the start.
    inject(OperationPlaces);
    this.store.attach(this.id, this.type);
  }
}
