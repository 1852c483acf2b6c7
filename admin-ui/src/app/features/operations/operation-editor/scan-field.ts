import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Product } from '@stockmaster/contracts';
import { Subject, catchError, concatMap, map, of } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { scannedProduct } from './operation-form';

type ScanResult = { code: string; product?: Product; error?: ApiError };

/**
 * The barcode field of an operation: a hand-held scanner types a code and Enter. Each code is
 * looked up in order (two quick scans of one code make a quantity of 2); the product found is
 * handed to `apply`, whose sentence ("added as line 2") is announced.
 */
@Component({
  selector: 'sm-scan-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>Scan barcode or SKU</mat-label>
      <mat-icon matPrefix aria-hidden="true">barcode_scanner</mat-icon>
      <input
        #scanInput
        matInput
        type="text"
        autocomplete="off"
        aria-describedby="scan-help"
        [formControl]="code"
        (keydown.enter)="onEnter($event)"
      />
    </mat-form-field>
    <p id="scan-help" class="hint">
      Scan or type a code and press Enter: a new product adds a line, a product already listed gets
      1 more.
    </p>
    <p class="scan-message" role="status" aria-live="polite">
      @if (message(); as message) {
        <span [class.scan-error]="!message.ok">
          <mat-icon aria-hidden="true">{{ message.ok ? 'check_circle' : 'error' }}</mat-icon>
          {{ message.text }}
        </span>
      }
    </p>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
      max-width: 640px;
    }
    mat-form-field {
      width: 100%;
    }
    .hint {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .scan-message {
      min-height: 24px;
      margin: 4px 0 0;
      span {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      mat-icon {
        color: var(--mat-sys-primary);
      }
      .scan-error {
        color: var(--mat-sys-error);
        mat-icon {
          color: inherit;
        }
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScanField {
  private readonly catalog = inject(CatalogApi);

  /** Adds the product to the operation; answers the sentence to announce. */
  readonly apply = input.required<(product: Product) => string>();
  /** Scans are ignored (and the field disabled) while the operation cannot change. */
  readonly disabled = input(false);

  protected readonly code = new FormControl('', { nonNullable: true });
  protected readonly message = signal<{ ok: boolean; text: string } | null>(null);
  private readonly input = viewChild<ElementRef<HTMLInputElement>>('scanInput');
  private readonly codes$ = new Subject<string>();

  constructor() {
    effect(() => {
      const disabled = this.disabled();
      untracked(() =>
        disabled ? this.code.disable({ emitEvent: false }) : this.code.enable({ emitEvent: false }),
      );
    });
    this.codes$
      .pipe(
        concatMap((code) =>
          this.catalog.products({ search: code, active: true, limit: 20 }).pipe(
            map((page): ScanResult => ({ code, product: scannedProduct(code, page.data) })),
            catchError((error: unknown) => of<ScanResult>({ code, error: toApiError(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => this.show(result));
  }

  protected onEnter(event: Event): void {
    event.preventDefault();
    const code = this.code.value.trim();
    this.code.setValue('');
    if (code === '' || this.disabled()) return;
    this.codes$.next(code);
  }

  private show({ code, product, error }: ScanResult): void {
    if (error) {
      this.message.set({ ok: false, text: `Could not look up “${code}”: ${error.message}` });
    } else if (!product) {
      this.message.set({ ok: false, text: `No active product has the SKU or barcode “${code}”.` });
    } else {
      this.message.set({ ok: true, text: this.apply()(product) });
    }
    this.input()?.nativeElement.focus();
  }
}
