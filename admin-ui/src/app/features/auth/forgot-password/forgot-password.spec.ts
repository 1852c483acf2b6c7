import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import ForgotPassword from './forgot-password';

describe('ForgotPassword', () => {
  let fixture: ComponentFixture<ForgotPassword>;
  let element: HTMLElement;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(ForgotPassword);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const type = async (name: string, value: string) => {
    const input = element.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  };
  const submit = async () => {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await fixture.whenStable();
  };
  const button = (label: string) =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes(label),
    );
  const fieldError = (name: string) =>
    element
      .querySelector(`input[formcontrolname="${name}"]`)
      ?.closest('mat-form-field')
      ?.querySelector('mat-error')
      ?.textContent?.trim();

  async function reachCodeStep() {
    await type('email', 'ana@example.com');
    await submit();
    const request = backend.expectOne('/api/v1/auth/password/forgot');
    expect(request.request.body).toEqual({ email: 'ana@example.com' });
    request.flush(null, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
  }

  async function fillCodeStep(code = '123456', password = 'correct horse battery') {
    await type('code', code);
    await type('newPassword', password);
    await type('confirmPassword', password);
  }

  it('asks for the email, then for the code and a new password without revealing accounts', async () => {
    expect(element.querySelector('input[formcontrolname="code"]')).toBeNull();

    await reachCodeStep();

    expect(element.querySelector('[role="status"]')?.textContent).toContain(
      'If an account exists for ana@example.com',
    );
    expect(element.textContent).toContain('valid for 10 minutes');
    expect(element.querySelector('input[formcontrolname="code"]')).not.toBeNull();
  });

  it('resets the password and goes to the login page with a success message', async () => {
    await reachCodeStep();
    await fillCodeStep();
    await submit();

    const request = backend.expectOne('/api/v1/auth/password/reset');
    expect(request.request.body).toEqual({
      email: 'ana@example.com',
      code: '123456',
      newPassword: 'correct horse battery',
    });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(router.navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { notice: 'password-reset' },
    });
  });

  it('applies the password rule and the confirmation before calling the API', async () => {
    await reachCodeStep();
    await fillCodeStep('12345', 'short');
    await type('confirmPassword', 'different');
    await submit();

    backend.expectNone('/api/v1/auth/password/reset');
    expect(fieldError('code')).toBe('Enter the 6 digits from the email.');
    expect(fieldError('newPassword')).toBe('Password must be at least 10 characters.');
    expect(fieldError('confirmPassword')).toBe('The two passwords do not match.');

    await type('newPassword', 'ana@example.com');
    expect(fieldError('newPassword')).toBe('Password must not be the email address.');
  });

  it('says when the code is wrong or expired, on the code field', async () => {
    await reachCodeStep();
    await fillCodeStep();
    await submit();

    backend
      .expectOne('/api/v1/auth/password/reset')
      .flush(
        { statusCode: 400, error: 'INVALID_RESET_CODE', message: 'Invalid code', requestId: 'r' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();

    expect(fieldError('code')).toBe('This code is wrong or has expired. Check the latest email.');
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('after too many wrong codes, asks for a new code and goes back to the first step', async () => {
    await reachCodeStep();
    await fillCodeStep();
    await submit();

    backend
      .expectOne('/api/v1/auth/password/reset')
      .flush(
        { statusCode: 429, error: 'RESET_CODE_BURNED', message: 'Burned', requestId: 'r' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Too many wrong codes');
    button('Ask for a new code')!.click();
    await fixture.whenStable();

    const email = element.querySelector<HTMLInputElement>('input[formcontrolname="email"]');
    expect(email?.value).toBe('ana@example.com');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  const spent = (message: string) =>
    [
      { statusCode: 429, error: 'TOO_MANY_REQUESTS', message, requestId: 'r-429' },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '840' } },
    ] as const;

  it('says when the budget for asking codes is spent, in the API’s words', async () => {
    await type('email', 'ana@example.com');
    await submit();
    backend
      .expectOne('/api/v1/auth/password/forgot')
      .flush(...spent('Too many attempts for this email address. Wait 14 minutes and try again.'));
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'Too many attempts for this email address. Wait 14 minutes and try again.',
    );
    expect(element.querySelector('input[formcontrolname="code"]')).toBeNull();
  });

  it('says when the budget for trying codes is spent, in the API’s words', async () => {
    await reachCodeStep();
    await fillCodeStep();
    await submit();
    backend
      .expectOne('/api/v1/auth/password/reset')
      .flush(...spent('Too many attempts from your network. Wait 14 minutes and try again.'));
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'Too many attempts from your network. Wait 14 minutes and try again.',
    );
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it("shows the API's verdict on a weak password under the field", async () => {
    await reachCodeStep();
    await fillCodeStep();
    await submit();

    backend.expectOne('/api/v1/auth/password/reset').flush(
      {
        statusCode: 400,
        error: 'VALIDATION_FAILED',
        message: 'Some fields are not valid.',
        details: [{ field: 'newPassword', message: 'Password is too common.' }],
        requestId: 'r',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(fieldError('newPassword')).toBe('Password is too common.');
  });
});
