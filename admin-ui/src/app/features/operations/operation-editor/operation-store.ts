import {
  DestroyRef,
  Injectable,
  Injector,
  Signal,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { OperationDetail, StockErrorCode } from '@stockmaster/contracts';
import { EMPTY, Observable, filter, switchMap } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { applyServerErrors } from '../../../shared/ui/form';
import { OperationDraft } from './operation-draft';
import {
  OperationFailure,
  bannerMessages,
  expiredLines,
  expiredQuestion,
  operationFailure,
  withoutStaleLines,
} from './operation-failure';
import { InlineBatchValue, LineForm, inlineBatchOf } from './operation-form';
import { OperationRequests } from './operation-requests';

/**
 * One operation on screen: what the server holds, what is in flight, what failed, and the
 * actions (load, save, validate, cancel, reverse). The form itself is the {@link OperationDraft};
 * the store fills it from the server's copy and sends what it shows, so Validate never posts an
 * older version than the one on screen.
 */
@Injectable()
export class OperationStore {
  private readonly requests = inject(OperationRequests);
  private readonly draft = inject(OperationDraft);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);

  /** The operation as last read or saved; null while new. */
  readonly operation = this.requests.operation;
  readonly loading = this.requests.loading;
  readonly loadError = this.requests.loadError;
  readonly busy = this.requests.busy;

  /** The last failed action, kept to what still describes the lines shown. */
  readonly failure = signal<OperationFailure | null>(null);
  readonly errorTitle = computed(() => this.failure()?.title ?? 'The operation was not saved.');
  readonly errors = computed(() => bannerMessages(this.failure()));
  /** Per-line messages of the last failed save or validation. */
  readonly failing = computed(
    () => new Map([...(this.failure()?.lines ?? [])].map(([line, p]) => [line, p.messages])),
  );

  readonly isNew = computed(() => this.operation() === null);
  readonly editable = computed(() => {
    const operation = this.operation();
    return this.draft.mayWrite() && (!operation || operation.status === 'draft');
  });

  /**
   * Follows the route: `id` (`new` or an operation's id) and `type` (of a new operation). Called
   * once, by the editor.
   */
  attach(id: Signal<string | undefined>, type: Signal<string | undefined>): void {
    const form = this.draft.form;
    toObservable(id, { injector: this.injector })
      .pipe(
        switchMap((current) => {
          if (!current || current === 'new') {
            this.startNew(type());
            return EMPTY;
          }
          if (this.operation()?.id === current) return EMPTY;
          this.failure.set(null);
          return this.requests.load(current);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((operation) => this.show(operation));

    // A new operation starts in the user's only (or first) warehouse.
    effect(
      () => {
        const options = this.draft.warehouseOptions();
        untracked(() => {
          if (this.isNew() && !form.controls.warehouseId.value && options.length > 0) {
            form.controls.warehouseId.setValue(options[0].id);
          }
        });
      },
      { injector: this.injector },
    );

    // An edited line's old problems go as soon as it changes.
    form.controls.lines.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.pruneFailure());
    this.draft.linesShown
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.pruneFailure());

    // Nothing changes while a request is in flight: what is validated is what is shown.
    effect(
      () => {
        const editable = this.editable() && this.busy() === null;
        const isNew = this.isNew();
        untracked(() => {
          if (!editable) {
            form.disable({ emitEvent: false });
            return;
          }
          form.enable({ emitEvent: false });
          // The reference carries the warehouse and the type: both are fixed once saved.
          if (!isNew) {
            form.controls.type.disable({ emitEvent: false });
            form.controls.warehouseId.disable({ emitEvent: false });
          }
        });
      },
      { injector: this.injector },
    );
  }

  save(): void {
    if (this.busy() || !this.checkForm()) return;
    const wasNew = this.isNew();
    const sent = this.draft.shownLines();
    this.failure.set(null);
    this.requests.save(this.draft.request()).subscribe({
      next: (saved) => {
        this.afterSave(saved, wasNew, sent);
        this.notify(`${saved.reference} has been saved as a draft.`);
      },
      error: (error: unknown) =>
        this.failed('The operation was not saved.', toApiError(error), sent, () => this.save()),
    });
  }

  /**
   * Validates exactly what the screen shows: unsaved edits are saved first. A failure is
   * reported on the lines that were validated (those shown once the draft was saved).
   */
  validate(): void {
    if (this.busy() || !this.checkForm()) return;
    const wasNew = this.isNew();
    let sent = this.draft.shownLines();
    this.failure.set(null);
    this.requests
      .validate(this.draft.request(), (saved) => {
        this.afterSave(saved, wasNew, sent);
        sent = this.draft.shownLines();
      })
      .subscribe({
        next: (done) => {
          this.show(done);
          this.notify(`${done.reference} has been validated.`);
        },
        error: (error: unknown) =>
          this.failed('The operation was not validated.', toApiError(error), sent, () =>
            this.validate(),
          ),
      });
  }

  cancel(): void {
    const operation = this.operation();
    if (!operation || this.busy()) return;
    this.confirmed(
      `Cancel ${operation.reference}?`,
      'The draft will be marked cancelled and can no longer be edited or validated. No stock moves.',
      'Cancel operation',
      () => this.requests.cancel(),
    ).subscribe({
      next: (cancelled) => {
        this.show(cancelled);
        this.notify(`${cancelled.reference} has been cancelled.`);
      },
      error: (error: unknown) =>
        this.failed('The operation was not cancelled.', toApiError(error), []),
    });
  }

  reverse(): void {
    const operation = this.operation();
    if (!operation || this.busy()) return;
    this.confirmed(
      `Reverse ${operation.reference}?`,
      'A mirror operation will move every quantity back where it came from. Both stay in the ledger.',
      'Reverse',
      () => this.requests.reverse(),
    ).subscribe({
      next: (mirror) => {
        this.notify(`${operation.reference} has been reversed by ${mirror.reference}.`, 6000);
        void this.router.navigate(['/operations', mirror.id]);
      },
      error: (error: unknown) =>
        this.failed('The operation was not reversed.', toApiError(error), []),
    });
  }

  /** Reads the operation `id` (or the one shown) again. */
  reload(id?: string): void {
    const current = this.operation()?.id ?? id;
    if (!current || current === 'new') return;
    this.requests.load(current).subscribe((operation) => this.show(operation));
  }

  // Internals

  private startNew(type: string | undefined): void {
    this.requests.reset();
    this.failure.set(null);
    this.draft.reset(type);
  }

  /** Shows `operation`; a draft also fills the form, which then matches the server's copy. */
  private show(operation: OperationDetail, inline: (InlineBatchValue | null)[] = []): void {
    this.operation.set(operation);
    this.draft.showHeader(operation);
    if (operation.status !== 'draft') return;
    this.draft.fill(operation, inline);
    this.requests.markSynced(this.draft.request());
    if (operation.type === 'receipt') this.draft.completeBatches(operation, this.editable());
  }

  /** The form again from the saved draft, carrying over what the API does not send back. */
  private afterSave(saved: OperationDetail, wasNew: boolean, sent: readonly LineForm[]): void {
    this.show(
      saved,
      sent.map((line) => inlineBatchOf(line)),
    );
    // Same route (`:id`), so the component stays and the request in flight goes on.
    if (wasNew) void this.router.navigate(['/operations', saved.id], { replaceUrl: true });
  }

  private checkForm(): boolean {
    const problem = this.draft.problem();
    if (problem === null) return true;
    this.failure.set({
      title: 'The operation was not saved.',
      summary: null,
      other: [problem],
      lines: new Map(),
    });
    return false;
  }

  private pruneFailure(): void {
    const failure = this.failure();
    if (failure) this.failure.set(withoutStaleLines(failure, this.draft.shownLines()));
  }

  /** Asks first; on a yes clears the last failure and runs `action`. */
  private confirmed(
    title: string,
    message: string,
    confirmLabel: string,
    action: () => Observable<OperationDetail>,
  ): Observable<OperationDetail> {
    return confirmAction(this.dialog, { title, message, confirmLabel, destructive: true }).pipe(
      filter(Boolean),
      switchMap(() => {
        this.failure.set(null);
        return action();
      }),
    );
  }

  private notify(message: string, duration = 5000): void {
    this.snackBar.open(message, undefined, { duration });
  }

  /**
   * Reports a failure on the lines that were `sent`. A receipt refused for expired batches asks
   * first, and on a yes runs `retry` with those lines marked as accepted.
   */
  private failed(
    title: string,
    error: ApiError,
    sent: readonly LineForm[],
    retry?: () => void,
  ): void {
    if (error.code === StockErrorCode.OperationNotDraft) {
      this.failure.set({
        title,
        summary: null,
        other: [`${error.message} Reload to see its current state.`],
        lines: new Map(),
      });
      this.reload();
      return;
    }
    const receipt = this.draft.currentType() === 'receipt';
    const expired = retry && receipt ? expiredLines(error, sent) : [];
    const report = () => {
      const fields = error.details.filter((d) => d.line === undefined);
      const fieldMessages =
        fields.length > 0 || error.details.length === 0
          ? applyServerErrors(this.draft.form, { ...error, details: fields })
          : [];
      const failure = operationFailure(title, error, sent, fieldMessages);
      this.failure.set(withoutStaleLines(failure, this.draft.shownLines()));
    };
    if (expired.length === 0) return report();
    confirmAction(this.dialog, {
      title: expired.length === 1 ? 'Receive an expired batch?' : 'Receive expired batches?',
      message: expiredQuestion(expired),
      confirmLabel: 'Receive anyway',
      destructive: true,
    }).subscribe((yes) => {
      if (!yes) return report();
      for (const { line } of expired) line.controls.acceptExpired.setValue(true);
      retry!();
    });
  }
}
