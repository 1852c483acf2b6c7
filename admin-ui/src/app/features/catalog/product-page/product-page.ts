import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import {
  CatalogErrorCode,
  CreateProductRequest,
  DEFAULT_EXPIRY_WARNING_DAYS,
  ErrorCode,
  Permission,
  Product,
  SKU_PATTERN,
  TRACKING,
  Tracking,
  UNITS,
  Unit,
} from '@stockmaster/contracts';
import { Observable, catchError, filter, finalize, map, of, switchMap } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  FieldError,
  FormErrorBanner,
  SubmitButton,
  applyServerErrors,
} from '../../../shared/ui/form';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { TRACKING_LABELS, UNIT_LABELS, categoryChoices } from '../catalog-labels';
import { ReorderRules } from '../reorder-rules/reorder-rules';
import {
  BARCODE_PATTERN,
  MAX_DAYS,
  notBlank,
  PRODUCT_FIELD_CONFLICTS,
  trimmedPattern,
  WHOLE_NUMBER,
} from './product-form';
import { ProductActivity } from './sections/product-activity';
import { ProductStock } from './sections/product-stock';

/**
 * One product: create (`/products/new`) or view and edit (`/products/:id`), with archive and
 * restore; once it exists, the hub of everything about it: its stock per warehouse, location and
 * batch, its recent moves and open drafts, and its reorder rules. Saves send the version read, so that a concurrent change is
 * reported (409 STALE_VERSION) instead of overwritten.
 */
@Component({
  selector: 'sm-product-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
    ReorderRules,
    ProductStock,
    ProductActivity,
  ],
  templateUrl: './product-page.html',
  styleUrl: './product-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProductPage {
  private readonly api = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(Session);

  /** The product's id from the route; absent when creating one. */
  readonly id = input<string>();

  protected readonly canWrite = computed(() => this.session.can(Permission.CatalogWrite));
  protected readonly units = UNITS.map((value) => ({ value, label: UNIT_LABELS[value] }));
  protected readonly trackings = TRACKING.map((value) => ({
    value,
    label: TRACKING_LABELS[value],
  }));
  protected readonly skuMessages = {
    pattern: 'Use up to 64 letters, digits, dots, dashes or underscores (no spaces).',
  };
  protected readonly barcodeMessages = {
    pattern: 'Use up to 64 letters, digits or symbols, without spaces.',
  };
  protected readonly dayMessages = { pattern: 'Enter a whole number of days.' };

  private readonly fb = inject(FormBuilder).nonNullable;
  readonly form = this.fb.group({
    sku: ['', [Validators.required, trimmedPattern(SKU_PATTERN)]],
    name: ['', [Validators.required, Validators.maxLength(200), notBlank]],
    description: ['', Validators.maxLength(2000)],
    categoryId: [''],
    unit: ['unit' as Unit, Validators.required],
    barcode: ['', trimmedPattern(BARCODE_PATTERN)],
    tracking: ['none' as Tracking, Validators.required],
    shelfLifeDays: this.fb.control<number | null>(null, [
      Validators.min(0),
      Validators.max(MAX_DAYS),
      Validators.pattern(WHOLE_NUMBER),
    ]),
    expiryWarningDays: this.fb.control<number | null>(DEFAULT_EXPIRY_WARNING_DAYS, [
      Validators.required,
      Validators.min(0),
      Validators.max(MAX_DAYS),
      Validators.pattern(WHOLE_NUMBER),
    ]),
  });

  /** The product as last read or saved; null while creating or loading. */
  readonly product = signal<Product | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  /** Someone else saved the product since it was read: offer to reload it. */
  readonly stale = signal(false);

  protected readonly categories = rxResource({
    stream: () => this.api.categoryTree().pipe(map(categoryChoices)),
  });
  protected readonly title = computed(() => {
    const product = this.product();
    if (product) return product.name;
    return this.id() ? 'Product' : 'New product';
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => (id ? this.fetch(id) : of(null))),
        takeUntilDestroyed(),
      )
      .subscribe((product) => this.show(product));

    // Viewers and agents see the product read-only.
    effect(() => {
      if (this.canWrite()) this.form.enable({ emitEvent: false });
      else this.form.disable({ emitEvent: false });
    });
  }

  /** Reads the product again, e.g. after a stale-version conflict; unsaved edits are dropped. */
  reload(): void {
    const id = this.product()?.id ?? this.id();
    if (!id) return;
    this.fetch(id).subscribe((product) => this.show(product));
  }

  submit(): void {
    if (this.busy() || !this.canWrite()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    this.stale.set(false);
    const current = this.product();
    const fields = this.fields();
    const save: Observable<Product> = current
      ? this.api.updateProduct(current.id, { version: current.version, ...fields })
      : this.api.createProduct(fields);
    save.pipe(finalize(() => this.busy.set(false))).subscribe({
      next: (saved) => {
        this.snackBar.open(
          current ? `${saved.name} has been saved.` : `${saved.name} has been created.`,
          undefined,
          { duration: 5000 },
        );
        if (current) this.show(saved);
        else void this.router.navigate(['/products', saved.id]);
      },
      error: (error: unknown) => this.failed(toApiError(error)),
    });
  }

  protected archive(): void {
    const product = this.product();
    if (!product) return;
    confirmAction(this.dialog, {
      title: `Archive ${product.name}?`,
      message: `${product.sku} — ${product.name} will be hidden from new operations and from the active product list. You can restore it later.`,
      confirmLabel: 'Archive',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(true);
          return this.api.archiveProduct(product.id);
        }),
        switchMap(() => this.api.product(product.id)),
        finalize(() => this.busy.set(false)),
      )
      .subscribe({
        next: (archived) => {
          this.snackBar.open(`${product.name} has been archived.`, undefined, { duration: 5000 });
          this.show(archived);
        },
        error: (error: unknown) => this.failed(toApiError(error)),
      });
  }

  protected restore(): void {
    const product = this.product();
    if (!product || this.busy()) return;
    this.busy.set(true);
    this.errors.set([]);
    this.api
      .updateProduct(product.id, { version: product.version, active: true })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (restored) => {
          this.snackBar.open(`${restored.name} is active again.`, undefined, { duration: 5000 });
          this.show(restored);
        },
        error: (error: unknown) => this.failed(toApiError(error)),
      });
  }

  private fetch(id: string): Observable<Product | null> {
    this.loading.set(true);
    this.loadError.set(null);
    return this.api.product(id).pipe(
      catchError((error: unknown) => {
        this.loadError.set(toApiError(error));
        return of(null);
      }),
      finalize(() => this.loading.set(false)),
    );
  }

  private show(product: Product | null): void {
    this.product.set(product);
    this.stale.set(false);
    this.errors.set([]);
    if (!product) return;
    this.form.reset({
      sku: product.sku,
      name: product.name,
      description: product.description ?? '',
      categoryId: product.categoryId ?? '',
      unit: product.unit,
      barcode: product.barcode ?? '',
      tracking: product.tracking,
      shelfLifeDays: product.shelfLifeDays,
      expiryWarningDays: product.expiryWarningDays,
    });
  }

  private fields(): CreateProductRequest {
    const value = this.form.getRawValue();
    return {
      sku: value.sku.trim(),
      name: value.name.trim(),
      description: value.description.trim() || null,
      categoryId: value.categoryId || null,
      unit: value.unit,
      barcode: value.barcode.trim() || null,
      tracking: value.tracking,
      shelfLifeDays: value.shelfLifeDays ?? null,
      expiryWarningDays: value.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
    };
  }

  private failed(error: ApiError): void {
    if (error.code === CatalogErrorCode.StaleVersion || error.code === ErrorCode.StaleVersion) {
      this.stale.set(true);
      return;
    }
    const conflict = PRODUCT_FIELD_CONFLICTS[error.code];
    if (conflict) {
      const control = this.form.controls[conflict.field];
      control.setErrors({ server: conflict.message });
      control.markAsTouched();
      return;
    }
    if (error.code === CatalogErrorCode.ProductHasStock) {
      this.errors.set([
        'This product still has stock. Move or scrap its stock before archiving it.',
      ]);
      return;
    }
    this.errors.set(applyServerErrors(this.form, error));
  }
}
