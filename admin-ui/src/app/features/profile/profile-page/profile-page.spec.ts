import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Me } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { ProfilePage } from './profile-page';

const me: Me = {
  ...loginResponse('manager').user,
  status: 'active',
  alertDigest: 'daily',
  lastLoginAt: null,
  createdAt: '2026-01-02T10:00:00Z',
};

describe('ProfilePage', () => {
  let fixture: ComponentFixture<ProfilePage>;
  let element: HTMLElement;
  let backend: HttpTestingController;
  let router: Router;
  let session: Session;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    session = TestBed.inject(Session);
    session.signIn(loginResponse('manager'));
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(ProfilePage);
    element = fixture.nativeElement as HTMLElement;
    for (let tries = 0; tries < 50; tries++) {
      fixture.detectChanges();
      const [request] = backend.match('/api/v1/auth/me');
      if (request) {
        request.flush(me);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const input = (name: string) =>
    element.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
  const type = async (name: string, value: string) => {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
    input(name).dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  };
  const submitForm = async (label: string) => {
    element
      .querySelector(`form[aria-label="${label}"]`)!
      .querySelector<HTMLButtonElement>('button[type="submit"]')!
      .click();
    await fixture.whenStable();
  };

  it('shows the account and saves a new name, in the toolbar too', async () => {
    expect(element.textContent).toContain('manager@example.com');
    expect(element.textContent).toContain('Manager');
    expect(input('fullName').value).toBe('Alex Manager');

    await type('fullName', 'Alexandra Manager');
    await submitForm('Your name');
    const patch = backend.expectOne('/api/v1/auth/me');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ fullName: 'Alexandra Manager' });
    patch.flush({ ...me, fullName: 'Alexandra Manager' });
    await fixture.whenStable();

    expect(session.user()?.fullName).toBe('Alexandra Manager');
  });

  it('changes the password, then ends the session here and goes to login with a notice', async () => {
    await type('currentPassword', 'old-password-1');
    await type('newPassword', 'new-password-12');
    await type('confirmPassword', 'new-password-12');
    await submitForm('Change password');

    const change = backend.expectOne('/api/v1/auth/me/password');
    expect(change.request.body).toEqual({
      currentPassword: 'old-password-1',
      newPassword: 'new-password-12',
    });
    change.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(session.isAuthenticated()).toBe(false);
    expect(router.navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { notice: 'password-changed' },
    });
  });

  it('says so on the field when the current password is wrong, and stays signed in', async () => {
    await type('currentPassword', 'not-it-at-all');
    await type('newPassword', 'new-password-12');
    await type('confirmPassword', 'new-password-12');
    await submitForm('Change password');

    backend
      .expectOne('/api/v1/auth/me/password')
      .flush(
        { statusCode: 400, error: 'WRONG_PASSWORD', message: 'x', requestId: 'r' },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();

    expect(input('currentPassword').closest('mat-form-field')?.textContent).toContain(
      'This is not your current password.',
    );
    expect(session.isAuthenticated()).toBe(true);
  });

  const radio = (label: string) =>
    Array.from(element.querySelectorAll('mat-radio-button')).find((r) =>
      r.textContent?.includes(label),
    )!;
  const checked = () =>
    element.querySelector('mat-radio-button input:checked')?.closest('mat-radio-button')
      ?.textContent;

  it('shows the alert mail choice and saves another one with PATCH /auth/me', async () => {
    expect(element.querySelector('#digest-title')?.textContent).toContain('Alert mail');
    expect(checked()).toContain('Daily');

    radio('Off').querySelector('input')!.click();
    await fixture.whenStable();
    const patch = backend.expectOne('/api/v1/auth/me');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ alertDigest: 'off' });
    patch.flush({ ...me, alertDigest: 'off' });
    await fixture.whenStable();
    fixture.detectChanges();

    expect(checked()).toContain('Off');
    expect(document.body.textContent).toContain('The alert mail is off.');
  });

  it('goes back to the stored choice and says why when saving it fails', async () => {
    radio('Off').querySelector('input')!.click();
    await fixture.whenStable();
    backend
      .expectOne('/api/v1/auth/me')
      .flush(
        { statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: 'Down', requestId: 'r' },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await fixture.whenStable();
    fixture.detectChanges();

    expect(checked()).toContain('Daily');
    expect(element.querySelector('sm-digest-preference [role="alert"]')?.textContent).toContain(
      'Your choice was not saved',
    );
  });
});
