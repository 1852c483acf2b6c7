import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BatchDetail } from '@stockmaster/contracts';

import { LabelSheet, labelIds } from './label-sheet';

const batch = (id: string, code: string, expiresAt: string | null): BatchDetail => ({
  id,
  productId: 'p-1',
  product: { id: 'p-1', sku: 'MLK-1', name: 'Fresh whole milk', unit: 'l', expiryWarningDays: 3 },
  code,
  producedAt: null,
  receivedAt: '2026-03-02',
  expiresAt,
  notes: null,
  status: 'available',
  recall: null,
  freshness: { status: 'fresh', daysOnShelf: 0, daysToExpiry: 5 },
  onHand: '24',
  publicUrl: `http://localhost/fresh/${id}-token`,
  createdAt: '2026-03-02T08:00:00Z',
  updatedAt: '2026-03-02T08:00:00Z',
  stock: [],
  moves: [],
  statusHistory: [],
});

describe('LabelSheet', () => {
  afterEach(() => document.body.classList.remove('sm-printing-labels'));

  it('reads the ids of ?ids=, without blanks or repeats', () => {
    expect(labelIds(' b-1, ,b-2,b-1 ')).toEqual(['b-1', 'b-2']);
    expect(labelIds(undefined)).toEqual([]);
  });

  it('renders one label per chosen batch: product, code, expiry and QR code', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(LabelSheet);
    fixture.componentRef.setInput('ids', 'b-1,b-2');
    const settle = async () => {
      for (let round = 0; round < 3; round++) {
        fixture.detectChanges();
        await new Promise((resolve) => setTimeout(resolve));
      }
    };
    await settle();

    backend.expectOne('/api/v1/batches/b-1').flush(batch('b-1', 'L-001', '2026-03-07'));
    backend.expectOne('/api/v1/batches/b-2').flush(batch('b-2', 'L-002', null));
    for (const id of ['b-1', 'b-2']) {
      const qr = backend.expectOne((r) => r.url === `/api/v1/batches/${id}/qr`);
      expect(qr.request.params.get('format')).toBe('svg');
      qr.flush(`<svg xmlns="http://www.w3.org/2000/svg"><title>${id}</title></svg>`);
    }
    await settle();

    const element = fixture.nativeElement as HTMLElement;
    const labels = Array.from(element.querySelectorAll<HTMLElement>('.sm-label'));
    expect(labels).toHaveLength(2);
    expect(labels[0].getAttribute('aria-label')).toBe('Label for batch L-001');
    expect(labels[0].textContent).toMatch(/Fresh whole milk[\s\S]*L-001[\s\S]*Exp\. 7 Mar 2026/);
    expect(labels[1].textContent).toMatch(/L-002[\s\S]*No expiry/);
    expect(labels[0].querySelector('img')?.getAttribute('src')).toMatch(
      /^data:image\/svg\+xml;charset=utf-8,%3Csvg/,
    );
    expect(element.textContent).toContain('2 labels');
    expect(document.body.classList).toContain('sm-printing-labels');

    // Print layout: A4 sheet by default, the label roll on demand.
    const sheet = element.querySelector('.sm-labels-sheet')!;
    expect(sheet.classList).toContain('sm-labels-a4');
    const roll = Array.from(element.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('62 mm label roll'),
    )!;
    roll.click();
    fixture.detectChanges();
    expect(sheet.classList).toContain('sm-labels-roll');

    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    Array.from(element.querySelectorAll('button'))
      .find((b) => b.textContent?.trim().endsWith('Print'))!
      .click();
    expect(print).toHaveBeenCalled();

    fixture.destroy();
    expect(document.body.classList).not.toContain('sm-printing-labels');
    backend.verify();
  });

  it.each([
    ['http://localhost:3000', true],
    ['http://192.168.1.20:3000', false],
  ])(
    'with labels whose links start %s, warns that phones cannot scan them: %s',
    async (base, warned) => {
      TestBed.configureTestingModule({
        providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
      });
      const backend = TestBed.inject(HttpTestingController);
      const fixture = TestBed.createComponent(LabelSheet);
      fixture.componentRef.setInput('ids', 'b-1');
      const settle = async () => {
        for (let round = 0; round < 3; round++) {
          fixture.detectChanges();
          await new Promise((resolve) => setTimeout(resolve));
        }
      };
      await settle();
      backend
        .expectOne('/api/v1/batches/b-1')
        .flush({ ...batch('b-1', 'L-001', null), publicUrl: `${base}/fresh/b-1-token` });
      backend
        .expectOne((r) => r.url === '/api/v1/batches/b-1/qr')
        .flush('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
      await settle();

      const toolbar = (fixture.nativeElement as HTMLElement).querySelector('.sm-labels-toolbar')!;
      const note = toolbar.querySelector('[role="note"]');
      expect(note !== null).toBe(warned);
      if (warned) expect(note!.textContent).toContain('Phones cannot open these QR codes.');
      fixture.destroy();
      backend.verify();
    },
  );
});
