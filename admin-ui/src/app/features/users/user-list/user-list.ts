import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import {
  DigestRunResult,
  ROLES,
  Role,
  USER_STATUSES,
  UserListQuery,
  UserStatus,
  UserSummary,
  isWarehouseScoped,
} from '@stockmaster/contracts';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, switchMap } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { ROLE_LABELS, STATUS_ICONS, STATUS_LABELS } from '../../../core/session/role-labels';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  DataTable,
  DataTableCell,
  DataTableColumn,
  PageLoader,
} from '../../../shared/ui/data-table';
import { DigestDialog } from '../digest-dialog/digest-dialog';
import { UserDialog, UserDialogData } from '../user-dialog/user-dialog';
import { UsersApi } from '../users-api';

type UserFilters = Pick<UserListQuery, 'search' | 'role' | 'status'>;

@Component({
  selector: 'sm-user-list',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    RouterLink,
    DataTable,
    DataTableCell,
  ],
  templateUrl: './user-list.html',
  styleUrl: './user-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserList {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(Session);
  private readonly table = viewChild.required<DataTable<UserSummary, UserFilters>>(DataTable);

  protected readonly roles = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
  protected readonly statuses = USER_STATUSES.map((status) => ({
    value: status,
    label: STATUS_LABELS[status],
  }));
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly statusIcons = STATUS_ICONS;
  protected readonly myId = computed(() => this.session.user()?.id ?? null);

  /** `?q=`: the list opens searched for it (the audit log links to a user this way). */
  readonly q = input<string>();

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly role = new FormControl<Role | ''>('', { nonNullable: true });
  protected readonly status = new FormControl<UserStatus | ''>('', { nonNullable: true });

  /** What the user typed; null until they type, when the address's search applies. */
  private readonly typed = toSignal(
    this.search.valueChanges.pipe(
      debounceTime(300),
      map((text) => text.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: null },
  );
  private readonly searchText = computed(() => this.typed() ?? this.q()?.trim() ?? '');
  private readonly roleValue = toSignal(this.role.valueChanges, { initialValue: '' as const });
  private readonly statusValue = toSignal(this.status.valueChanges, { initialValue: '' as const });

  protected readonly filters = computed<UserFilters>(() => ({
    search: this.searchText() || undefined,
    role: this.roleValue() || undefined,
    status: this.statusValue() || undefined,
  }));

  constructor() {
    // The field shows the address's search without counting as typing.
    effect(() => {
      const q = this.q();
      if (q) untracked(() => this.search.setValue(q, { emitEvent: false }));
    });
  }

  protected readonly columns: DataTableColumn<UserSummary>[] = [
    { key: 'fullName', header: 'Name', sortable: true },
    { key: 'email', header: 'Email', sortable: true },
    { key: 'role', header: 'Role', sortable: true },
    { key: 'warehouses', header: 'Warehouses' },
    { key: 'status', header: 'Status', sortable: true },
    { key: 'alertDigest', header: 'Alert mail' },
    { key: 'lastLoginAt', header: 'Last sign-in', sortable: true },
    { key: 'actions', header: 'Actions', align: 'end' },
  ];

  protected readonly rowKey = (user: UserSummary) => user.id;

  protected readonly load: PageLoader<UserSummary, UserFilters> = (query) => this.api.list(query);

  /** Codes to show for the agents' warehouses; the list still works if they cannot load. */
  private readonly warehouses = rxResource({
    stream: () => this.api.warehouses().pipe(catchError(() => of(null))),
  });
  private readonly warehouseCodes = computed(() => {
    const page = this.warehouses.hasValue() ? this.warehouses.value() : null;
    return new Map((page?.data ?? []).map((w) => [w.id, w.code]));
  });
  protected readonly busyRow = signal<string | null>(null);

  protected warehouseText(user: UserSummary): string {
    if (user.warehouseIds.length === 0) return isWarehouseScoped(user.role) ? 'None' : 'All';
    const codes = this.warehouseCodes();
    const known = user.warehouseIds.map((id) => codes.get(id));
    return known.every((code) => code !== undefined)
      ? known.join(', ')
      : `${user.warehouseIds.length} warehouse${user.warehouseIds.length === 1 ? '' : 's'}`;
  }

  protected invite(): void {
    this.openDialog({ mode: 'invite' }).subscribe((user) =>
      this.done(`Invitation sent to ${user.email}.`),
    );
  }

  /** Previews today's alert digest, and sends it now if asked. */
  protected digest(): void {
    this.dialog
      .open<DigestDialog, void, DigestRunResult>(DigestDialog, {
        width: '640px',
        maxWidth: '95vw',
        autoFocus: 'dialog',
      })
      .afterClosed()
      .pipe(filter((result): result is DigestRunResult => result !== undefined))
      .subscribe((result) => {
        const count = result.recipients.length;
        this.snackBar.open(
          `The digest was queued for ${count} ${count === 1 ? 'user' : 'users'}.`,
          undefined,
          { duration: 5000 },
        );
      });
  }

  protected edit(user: UserSummary): void {
    this.openDialog({ mode: 'edit', user }).subscribe((saved) =>
      this.done(`${saved.fullName} has been saved.`),
    );
  }

  protected disable(user: UserSummary): void {
    confirmAction(this.dialog, {
      title: `Disable ${user.fullName}?`,
      message: `${user.fullName} (${user.email}) will be signed out at once and cannot sign in until an administrator enables the account again.`,
      confirmLabel: 'Disable',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busyRow.set(user.id);
          return this.api.disable(user.id);
        }),
      )
      .subscribe({
        next: () => this.done(`${user.fullName} has been disabled.`),
        error: (error: unknown) => this.failed(error),
      });
  }

  protected resend(user: UserSummary): void {
    this.busyRow.set(user.id);
    this.api.resendInvitation(user.id).subscribe({
      next: () => this.done(`The invitation was sent again to ${user.email}.`),
      error: (error: unknown) => this.failed(error),
    });
  }

  private openDialog(data: UserDialogData) {
    return this.dialog
      .open<UserDialog, UserDialogData, UserSummary>(UserDialog, {
        data,
        width: '520px',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .pipe(filter((user): user is UserSummary => user !== undefined));
  }

  private done(message: string): void {
    this.busyRow.set(null);
    this.snackBar.open(message, undefined, { duration: 5000 });
    this.table().reload();
  }

  private failed(error: unknown): void {
    this.busyRow.set(null);
    this.snackBar.open(toApiError(error).message, 'Dismiss', { duration: 8000 });
  }
}
