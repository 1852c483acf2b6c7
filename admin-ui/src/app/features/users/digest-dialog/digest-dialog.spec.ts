import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { AttentionDraft, DigestRunResult } from '@stockmaster/contracts';

import { DigestDialog } from './digest-dialog';

@Component({
  selector: 'sm-test-host',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly dialog = inject(MatDialog);
  result: DigestRunResult | undefined | null = null;

  open() {
    this.dialog
      .open<DigestDialog, void, DigestRunResult>(DigestDialog)
      .afterClosed()
      .subscribe((result) => (this.result = result));
  }
}

const draft = { id: 'op-1' } as AttentionDraft;
const batch = {
  batch: { id: 'b-1' },
} as DigestRunResult['recipients'][0]['facts']['expiredBatches'][0];
const preview: DigestRunResult = {
  dryRun: true,
  date: '2026-11-30',
  recipients: [
    {
      userId: 'u-1',
      email: 'ana@example.com',
      fullName: 'Ana Admin',
      facts: {
        expiredBatches: [batch, batch],
        expiringBatches: [batch],
        belowMinimum: [],
        staleDrafts: [draft],
      },
    },
    {
      userId: 'u-2',
      email: 'ben@example.com',
      fullName: 'Ben Agent',
      facts: { expiredBatches: [], expiringBatches: [batch], belowMinimum: [], staleDrafts: [] },
    },
  ],
  skipped: 1,
};

describe('DigestDialog', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;

  const dialog = () => document.querySelector('mat-dialog-container') as HTMLElement;
  const text = (element: Element | null | undefined) =>
    element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (label: string) =>
    Array.from(dialog().querySelectorAll('button')).find((b) => text(b).includes(label))!;
  // Not whenStable: it waits for the dialog's request, which the test answers afterwards.
  const settle = async () => {
    for (let round = 0; round < 4; round++) {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const digestRequest = (dryRun: boolean) =>
    backend.expectOne(
      (r) =>
        r.method === 'POST' &&
        r.url === '/api/v1/alerts/digest' &&
        r.params.get('dryRun') === String(dryRun),
    );

  async function open(answer: DigestRunResult | 'error' = preview) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.open();
    await settle();
    const request = digestRequest(true);
    if (answer === 'error') {
      request.flush(
        { error: 'FORBIDDEN', message: 'Forbidden' },
        { status: 403, statusText: 'Forbidden' },
      );
    } else {
      request.flush(answer);
    }
    await settle();
  }

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('previews who would receive what, without sending anything', async () => {
    await open();
    const rows = Array.from(dialog().querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.children).map(text),
    );
    expect(rows).toEqual([
      ['Ana Admin ana@example.com', '2', '1', '0', '1'],
      ['Ben Agent ben@example.com', '0', '1', '0', '0'],
    ]);
    expect(text(dialog().querySelector('.hint'))).toContain('Nothing has been sent yet');
    expect(text(dialog().querySelector('.skipped'))).toBe(
      '1 user has the digest on but nothing to be told today: no mail.',
    );
    expect(fixture.componentInstance.result).toBeNull();
  });

  it('sends the digest now when asked, and closes with what was queued', async () => {
    await open();
    button('Send now').click();
    await settle();
    expect(button('Sending').disabled).toBe(true);
    const sent = { ...preview, dryRun: false };
    digestRequest(false).flush(sent);
    // The dialog reports its result once its closing animation has ended.
    for (let tries = 0; tries < 50 && fixture.componentInstance.result === null; tries++) {
      await settle();
    }
    expect(fixture.componentInstance.result).toEqual(sent);
  });

  it('says when nobody would receive a digest, and has nothing to send', async () => {
    await open({ ...preview, recipients: [], skipped: 0 });
    expect(text(dialog())).toContain('Nobody would receive a digest today.');
    expect(dialog().querySelector('table')).toBeNull();
    expect(button('Send now').disabled).toBe(true);
  });

  it('says why the preview failed, and can try again', async () => {
    await open('error');
    expect(text(dialog().querySelector('[role="alert"]'))).toContain(
      'The preview could not be loaded: You do not have permission to do that.',
    );
    expect(button('Send now').disabled).toBe(true);
    button('Try again').click();
    await settle();
    digestRequest(true).flush(preview);
    await settle();
    expect(dialog().querySelectorAll('tbody tr').length).toBe(2);
  });

  it('keeps the dialog open with the reason when sending fails', async () => {
    await open();
    button('Send now').click();
    await settle();
    digestRequest(false).flush(
      { error: 'SERVICE_UNAVAILABLE', message: 'The server is unavailable' },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(dialog().querySelector('sm-form-error-banner'))).toContain(
      'The digest was not sent.',
    );
    expect(fixture.componentInstance.result).toBeNull();
    expect(button('Send now').disabled).toBe(false);
  });
});
