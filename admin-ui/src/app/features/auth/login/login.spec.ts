import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import Login from './login';

describe('Login', () => {
  let fixture: ComponentFixture<Login>;
  let element: HTMLElement;
  let backend: HttpTestingController;
  let router: Router;

  async function render(inputs: { returnUrl?: string; notice?: string } = {}) {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(Login);
    for (const [key, value] of Object.entries(inputs)) fixture.componentRef.setInput(key, value);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  const type = (name: string, value: string) => {
    const input = element.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await fixture.whenStable();
  };
  const signIn = async () => {
    type('email', 'ana@example.com');
    type('password', 'a-long-password');
    await submit();
    return backend.expectOne('/api/v1/auth/login');
  };
  const alert = () => element.querySelector('[role="alert"]')?.textContent ?? '';

  it('signs in and goes back where the user was going', async () => {
    await render({ returnUrl: '/users?role=agent' });

    const request = await signIn();
    expect(request.request.body).toEqual({ email: 'ana@example.com', password: 'a-long-password' });
    request.flush(loginResponse('admin'));
    await fixture.whenStable();

    expect(TestBed.inject(Session).user()?.role).toBe('admin');
    expect(router.navigateByUrl).toHaveBeenCalledWith('/users?role=agent');
  });

  it('never follows a return URL to another site', async () => {
    await render({ returnUrl: 'https://evil.example.net/' });

    (await signIn()).flush(loginResponse('admin'));
    await fixture.whenStable();

    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('says how many minutes a locked account must wait, from Retry-After', async () => {
    await render();

    (await signIn()).flush(
      {
        statusCode: 429,
        error: 'ACCOUNT_LOCKED',
        message: 'Account locked',
        requestId: 'r-1',
      },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '840' } },
    );
    await fixture.whenStable();

    expect(alert()).toContain('this account is locked. Try again in 14 minutes');
    expect(TestBed.inject(Session).isAuthenticated()).toBe(false);
    expect(element.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBe(false);
  });

  it('says one minute in the singular', async () => {
    await render();

    (await signIn()).flush(
      { statusCode: 429, error: 'ACCOUNT_LOCKED', message: 'Locked', requestId: 'r-1' },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '30' } },
    );
    await fixture.whenStable();

    expect(alert()).toContain('Try again in 1 minute,');
  });

  it('shows which sign-in budget is spent and for how long, in the API’s words', async () => {
    await render();

    (await signIn()).flush(
      {
        statusCode: 429,
        error: 'TOO_MANY_REQUESTS',
        message: 'Too many attempts from your network. Wait 15 minutes and try again.',
        requestId: 'r-1',
      },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '900' } },
    );
    await fixture.whenStable();

    expect(alert()).toContain(
      'Too many attempts from your network. Wait 15 minutes and try again.',
    );
  });

  it('explains wrong credentials and a disabled account', async () => {
    await render();

    (await signIn()).flush(
      { statusCode: 401, error: 'INVALID_CREDENTIALS', message: 'x', requestId: 'r' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();
    expect(alert()).toContain('The email address or password is not correct.');

    (await signIn()).flush(
      { statusCode: 403, error: 'ACCOUNT_DISABLED', message: 'x', requestId: 'r' },
      { status: 403, statusText: 'Forbidden' },
    );
    await fixture.whenStable();
    expect(alert()).toContain('This account is disabled');
  });

  it('checks the fields before calling the API, and links to the password reset', async () => {
    await render();

    await submit();

    backend.expectNone('/api/v1/auth/login');
    expect(element.textContent).toContain('This field is required.');
    expect(element.querySelector('a[href="/forgot-password"]')).not.toBeNull();
  });

  it('shows the notice another page left, e.g. after a password reset', async () => {
    await render({ notice: 'password-reset' });

    expect(element.querySelector('[role="status"]')?.textContent).toContain(
      'Your password has been reset',
    );
  });
});
