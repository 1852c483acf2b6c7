import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ErrorCode } from '@stockmaster/contracts';
import { Subject, finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { FieldError } from './field-error';
import { FormErrorBanner } from './form-error-banner/form-error-banner';
import { applyServerErrors } from './server-errors';
import { SubmitButton } from './submit-button/submit-button';

/** A feature form written the way the console's forms are. */
@Component({
  selector: 'sm-test-product-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="save()" aria-label="Product">
      <sm-form-error-banner [messages]="formErrors()" />
      <mat-form-field>
        <mat-label>SKU</mat-label>
        <input matInput formControlName="sku" />
        <mat-error><sm-field-error [control]="form.controls.sku" /></mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Name</mat-label>
        <input matInput formControlName="name" />
        <mat-error><sm-field-error [control]="form.controls.name" /></mat-error>
      </mat-form-field>
      <sm-submit-button [busy]="saving()">Save</sm-submit-button>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class ProductForm {
  readonly form = inject(FormBuilder).nonNullable.group({
    sku: ['', [Validators.required, Validators.maxLength(8)]],
    name: ['', Validators.required],
  });
  readonly saving = signal(false);
  readonly formErrors = signal<string[]>([]);
  readonly response = new Subject<void>();
  submits = 0;

  save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submits++;
    this.saving.set(true);
    this.formErrors.set([]);
    this.response.pipe(finalize(() => this.saving.set(false))).subscribe({
      error: (error: unknown) =>
        this.formErrors.set(applyServerErrors(this.form, toApiError(error))),
    });
  }
}

describe('the form pattern', () => {
  let fixture: ComponentFixture<ProductForm>;
  let element: HTMLElement;

  const errorOf = (label: string) =>
    Array.from(element.querySelectorAll('mat-form-field'))
      .find((field) => field.querySelector('mat-label')?.textContent?.includes(label))
      ?.querySelector('mat-error')
      ?.textContent?.trim();
  const submit = () => element.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const type = (label: string, value: string) => {
    const input = Array.from(element.querySelectorAll('mat-form-field'))
      .find((field) => field.querySelector('mat-label')?.textContent?.includes(label))!
      .querySelector('input')!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  };

  beforeEach(async () => {
    fixture = TestBed.createComponent(ProductForm);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  it('shows why each field is invalid once the user tries to submit', async () => {
    submit().click();
    await fixture.whenStable();

    expect(fixture.componentInstance.submits).toBe(0);
    expect(errorOf('SKU')).toBe('This field is required.');
    expect(errorOf('Name')).toBe('This field is required.');

    type('SKU', 'TOO-LONG-SKU');
    await fixture.whenStable();
    expect(errorOf('SKU')).toBe('Enter at most 8 characters.');
  });

  it('disables the button with a spinner while saving, so it cannot post twice', async () => {
    type('SKU', 'APL-1');
    type('Name', 'Apples');
    submit().click();
    await fixture.whenStable();

    expect(submit().disabled).toBe(true);
    expect(submit().getAttribute('aria-busy')).toBe('true');
    expect(element.querySelector('mat-progress-spinner')).not.toBeNull();
    submit().click();
    expect(fixture.componentInstance.submits).toBe(1);

    fixture.componentInstance.response.complete();
    await fixture.whenStable();
    expect(submit().disabled).toBe(false);
    expect(element.querySelector('mat-progress-spinner')).toBeNull();
  });

  it("shows the API's field errors under the fields and the rest in the banner", async () => {
    type('SKU', 'APL-1');
    type('Name', 'Apples');
    submit().click();
    await fixture.whenStable();

    fixture.componentInstance.response.error(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          error: ErrorCode.ValidationFailed,
          message: 'Some fields are not valid.',
          details: [
            { field: 'sku', message: 'SKU APL-1 already exists.' },
            { field: 'categoryId', message: 'Category does not exist.' },
          ],
          requestId: 'r-7',
        },
      }),
    );
    await fixture.whenStable();

    expect(errorOf('SKU')).toBe('SKU APL-1 already exists.');
    expect(errorOf('Name')).toBeUndefined();
    const banner = element.querySelector('sm-form-error-banner [role="alert"]');
    expect(banner?.textContent).toContain('Category does not exist.');
    expect(submit().disabled).toBe(false);

    type('SKU', 'APL-2');
    await fixture.whenStable();
    expect(errorOf('SKU')).toBeUndefined();
  });
});
