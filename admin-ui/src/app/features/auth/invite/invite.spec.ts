import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import Invite from './invite';

describe('Invite', () => {
  let fixture: ComponentFixture<Invite>;
  let element: HTMLElement;
  let backend: HttpTestingController;
  let router: Router;

  /** Renders `/invite/tok-1` and answers `GET /auth/invitation/tok-1`. */
  async function render(answer: (request: TestRequest) => void) {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(Invite);
    fixture.componentRef.setInput('token', 'tok-1');
    element = fixture.nativeElement as HTMLElement;
    for (let tries = 0; tries < 50; tries++) {
      fixture.detectChanges();
      const [request] = backend.match('/api/v1/auth/invitation/tok-1');
      if (request) {
        answer(request);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
    await fixture.whenStable();
  }

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
  const invitation = { email: 'ben@example.com', fullName: 'Ben Agent', role: 'agent' };

  it('shows who is invited, then sets the password and signs them in', async () => {
    await render((request) => request.flush(invitation));

    const account = element.querySelector('dl')?.textContent ?? '';
    expect(account).toContain('Ben Agent');
    expect(account).toContain('ben@example.com');
    expect(account).toContain('Warehouse agent');

    await type('password', 'agent-password-1');
    await type('confirmPassword', 'agent-password-1');
    await submit();

    const accept = backend.expectOne('/api/v1/auth/invitation/accept');
    expect(accept.request.body).toEqual({ token: 'tok-1', password: 'agent-password-1' });
    accept.flush(loginResponse('agent'));
    await fixture.whenStable();

    expect(TestBed.inject(Session).role()).toBe('agent');
    expect(router.navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('refuses a password equal to the invited email address before calling the API', async () => {
    await render((request) => request.flush(invitation));

    await type('password', 'ben@example.com');
    await type('confirmPassword', 'ben@example.com');
    await submit();

    backend.expectNone('/api/v1/auth/invitation/accept');
    expect(element.querySelector('mat-error')?.textContent).toContain(
      'Password must not be the email address.',
    );
  });

  it('explains an unknown, used, expired or withdrawn link, without a form', async () => {
    await render((request) =>
      request.flush(
        { statusCode: 404, error: 'INVITATION_INVALID', message: 'x', requestId: 'r' },
        { status: 404, statusText: 'Not Found' },
      ),
    );

    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'This invitation link is not valid',
    );
    expect(element.querySelector('form')).toBeNull();
    expect(element.querySelector('a[href="/login"]')).not.toBeNull();
  });

  it('switches to the same explanation when the link dies before it is accepted', async () => {
    await render((request) => request.flush(invitation));
    await type('password', 'agent-password-1');
    await type('confirmPassword', 'agent-password-1');
    await submit();

    backend
      .expectOne('/api/v1/auth/invitation/accept')
      .flush(
        { statusCode: 400, error: 'INVITATION_INVALID', message: 'x', requestId: 'r' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'This invitation link is not valid',
    );
    expect(TestBed.inject(Session).isAuthenticated()).toBe(false);
  });
});
