import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  ReactiveFormsModule,
  ValidationErrors,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Product, ProductRef } from '@stockmaster/contracts';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';

import { FieldError } from '../form';
import { CatalogApi } from '../../api/catalog-api';

/** While the user types, the control holds text; once an option is picked, the product. */
export type ProductChoice = ProductRef | string | null;

export function productRef(product: Product | ProductRef): ProductRef {
  return { id: product.id, sku: product.sku, name: product.name, unit: product.unit };
}

/** A product must be picked from the list, not just typed. */
export function productChosen(control: AbstractControl<ProductChoice>): ValidationErrors | null {
  const value = control.value;
  if (value === null || value === '') return { required: true };
  return typeof value === 'object' ? null : { product: true };
}

export const PRODUCT_MESSAGES = { product: 'Choose a product from the list.' };

/**
 * An active product, searched on the server by SKU, name or barcode as the user types
 * (`GET /products?search=&active=true&limit=20`).
 */
@Component({
  selector: 'sm-product-picker',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    FieldError,
  ],
  template: `
    <mat-form-field [subscriptSizing]="subscriptSizing()" class="picker">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="text"
        autocomplete="off"
        [formControl]="control()"
        [matAutocomplete]="auto"
      />
      <mat-autocomplete
        #auto="matAutocomplete"
        [displayWith]="display"
        [autoActiveFirstOption]="true"
        (optionSelected)="picked.emit($event.option.value)"
      >
        @for (product of options(); track product.id) {
          <mat-option [value]="product">
            <code>{{ product.sku }}</code> — {{ product.name }}
          </mat-option>
        }
      </mat-autocomplete>
      <mat-error><sm-field-error [control]="control()" [messages]="messages" /></mat-error>
    </mat-form-field>
  `,
  styles: `
    .picker {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProductPicker {
  private readonly catalog = inject(CatalogApi);

  readonly control = input.required<FormControl<ProductChoice>>();
  readonly label = input('Product');
  readonly subscriptSizing = input<'fixed' | 'dynamic'>('dynamic');
  /** A product was chosen from the list. */
  readonly picked = output<ProductRef>();

  protected readonly messages = PRODUCT_MESSAGES;
  protected readonly display = (value: ProductChoice): string =>
    value && typeof value === 'object' ? `${value.sku} — ${value.name}` : (value ?? '');

  protected readonly options = toSignal(
    toObservable(this.control).pipe(
      switchMap((control) => control.valueChanges.pipe(startWith(control.value))),
      map((value) => (typeof value === 'string' ? value.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((search) =>
        search === ''
          ? of<ProductRef[]>([])
          : this.catalog.products({ search, active: true, limit: 20 }).pipe(
              map((page) => page.data.map(productRef)),
              catchError(() => of<ProductRef[]>([])),
            ),
      ),
    ),
    { initialValue: [] as ProductRef[] },
  );
}
