import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PublicBatchReport } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import FreshPage from './fresh-page';

const report = (changes: Partial<PublicBatchReport>): PublicBatchReport => ({
  productName: 'Fresh whole milk',
  unit: 'l',
  batchCode: 'L-MLK-001',
  producedAt: '2026-03-01',
  receivedAt: '2026-03-02',
  expiresAt: '2026-03-07',
  daysOnShelf: 3,
  daysToExpiry: 2,
  status: 'caution',
  batchStatus: 'available',
  recall: null,
  ...changes,
});

describe('FreshPage (public /fresh/:token)', () => {
  let fixture: ComponentFixture<FreshPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FreshPage);
    fixture.componentRef.setInput('token', 'tok-123');
    element = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => backend.verify());

  const settle = async () => {
    for (let round = 0; round < 3; round++) {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  async function answer(body: object, status = 200) {
    await settle();
    const request = backend.expectOne('/api/v1/public/batches/tok-123');
    // Public: no session, no token, whatever the console's state.
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush(body, { status, statusText: status === 200 ? 'OK' : 'Not Found' });
    await settle();
  }
  const banner = () => element.querySelector<HTMLElement>('.banner')!;

  it.each<[Partial<PublicBatchReport>, string, RegExp, string]>([
    [
      { status: 'fresh', daysToExpiry: 9, expiresAt: '2026-03-14' },
      'Fresh',
      /Good until March 14, 2026 \(9 days left\)/,
      'check_circle',
    ],
    [{ status: 'caution' }, 'Use soon', /expires on March 7, 2026 \(2 days left\)/, 'schedule'],
    [
      { status: 'expired', daysOnShelf: 8, daysToExpiry: -3 },
      'Expired',
      /expired on March 7, 2026, 3 days ago\. Do not eat or sell it\./,
      'block',
    ],
  ])(
    'shows a %j batch as a banner with words, icon and colour',
    async (changes, headline, sentence, icon) => {
      await answer(report(changes));

      expect(banner().querySelector('h1')?.textContent?.trim()).toBe(headline);
      expect(banner().textContent).toMatch(sentence);
      expect(banner().querySelector('mat-icon')?.textContent?.trim()).toBe(icon);
      expect(banner().classList).toContain(`status-${changes.status}`);
      expect(element.querySelector('h2')?.textContent).toContain('Fresh whole milk');
      expect(element.querySelector('dl')?.textContent).toContain('L-MLK-001');
    },
  );

  it('puts a recall first and unmistakably, instead of the freshness banner', async () => {
    await answer(
      report({
        status: 'fresh',
        daysToExpiry: 9,
        batchStatus: 'recalled',
        recall: {
          notice: 'Possible Listeria.\nReturn it to the shop for a refund.',
          recalledAt: '2026-03-05T10:00:00Z',
        },
      }),
    );

    const first = element.querySelector<HTMLElement>('main > section')!;
    expect(first.classList).toContain('recall');
    expect(first.getAttribute('role')).toBe('alert');
    expect(first.querySelector('h1')?.textContent?.trim()).toBe(
      'Do not eat — recalled on March 5, 2026',
    );
    expect(first.querySelector('.notice')?.textContent).toBe(
      'Possible Listeria.\nReturn it to the shop for a refund.',
    );
    // No reassuring freshness banner next to it.
    expect(element.querySelectorAll('.banner')).toHaveLength(1);
    expect(element.textContent).not.toContain('Good until');
    expect(element.querySelector('dl')?.textContent).toContain('L-MLK-001');
  });

  it('lists the dates and the day counts', async () => {
    await answer(report({}));
    const facts = Array.from(element.querySelectorAll('dl > div')).map(
      (row) =>
        `${row.querySelector('dt')?.textContent?.trim()} ${row.querySelector('dd')?.textContent?.trim()}`,
    );
    expect(facts).toEqual([
      'Batch L-MLK-001',
      'Produced March 1, 2026',
      'Received March 2, 2026',
      'Expires March 7, 2026',
      'Days on shelf 3 days',
      'Days to expiry 2 days',
    ]);
  });

  it('explains kindly that an unknown or replaced code is not valid any more', async () => {
    const refresh = jest.spyOn(TestBed.inject(Session), 'refresh');
    await answer(
      { statusCode: 404, error: 'NOT_FOUND', message: 'Batch not found', requestId: 'r-1' },
      404,
    );

    expect(element.querySelector('h1')?.textContent).toContain('This code is not valid any more');
    expect(element.textContent).toContain('ask the staff');
    expect(element.textContent).not.toContain('Batch not found');
    expect(refresh).not.toHaveBeenCalled();
  });
});
