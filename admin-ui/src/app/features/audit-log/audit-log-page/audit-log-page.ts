import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AuditEntry, AuditQuery } from '@stockmaster/contracts';
import { Router, RouterLink } from '@angular/router';

import {
  DataTable,
  DataTableCell,
  DataTableColumn,
  PageLoader,
} from '../../../shared/ui/data-table';
import { AuditApi } from '../audit-api';
import {
  AUDIT_ACTION_LABELS,
  actionLabel,
  dayRange,
  summaryText,
  targetLink,
} from '../audit-summary';

type AuditFilters = Pick<AuditQuery, 'userId' | 'action' | 'from' | 'to'>;

@Component({
  selector: 'sm-audit-log-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    RouterLink,
    DataTable,
    DataTableCell,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './audit-log-page.html',
  styleUrl: './audit-log-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage {
  private readonly api = inject(AuditApi);
  private readonly router = inject(Router);

  /** `?userId=` narrows the log to one user's actions (bound by the router). */
  readonly userId = input<string>();

  protected readonly actions = Object.entries(AUDIT_ACTION_LABELS)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  protected readonly action = new FormControl('', { nonNullable: true });
  protected readonly range = new FormGroup({
    start: new FormControl<Date | null>(null),
    end: new FormControl<Date | null>(null),
  });

  private readonly actionValue = toSignal(this.action.valueChanges, { initialValue: '' });
  private readonly rangeValue = toSignal(this.range.valueChanges, {
    initialValue: this.range.value,
  });

  protected readonly filters = computed<AuditFilters>(() => {
    const { start, end } = this.rangeValue();
    // Wait for the end of a range being picked, rather than loading twice.
    const picking = !!start && !end && this.range.controls.end.pristine;
    return {
      userId: this.userId() || undefined,
      action: this.actionValue() || undefined,
      ...(picking ? dayRange(start ?? null, null) : dayRange(start ?? null, end ?? null)),
    };
  });

  protected readonly columns: DataTableColumn<AuditEntry>[] = [
    { key: 'at', header: 'When' },
    { key: 'actor', header: 'Who', cell: (entry) => entry.actorEmail ?? 'System' },
    { key: 'action', header: 'Action' },
    { key: 'entity', header: 'On' },
    { key: 'summary', header: 'Details' },
    { key: 'ip', header: 'IP address', cell: (entry) => entry.ip ?? '' },
  ];

  protected readonly load: PageLoader<AuditEntry, AuditFilters> = (query) => this.api.list(query);
  protected readonly rowKey = (entry: AuditEntry) => entry.id;
  protected readonly actionLabel = actionLabel;
  protected readonly summaryText = summaryText;
  protected readonly targetLink = targetLink;

  protected clearDates(): void {
    this.range.reset({ start: null, end: null });
  }

  protected clearUser(): void {
    void this.router.navigate([], { queryParams: { userId: null }, queryParamsHandling: 'merge' });
  }
}
