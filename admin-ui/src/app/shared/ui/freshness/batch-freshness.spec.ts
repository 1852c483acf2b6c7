import { TestBed } from '@angular/core/testing';

import { BatchFreshness, BatchState, BatchStatePipe } from './batch-freshness';

describe('BatchFreshness', () => {
  function chips(batch: BatchState): string[] {
    const fixture = TestBed.createComponent(BatchFreshness);
    fixture.componentRef.setInput('batch', batch);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    return Array.from(element.querySelectorAll('.chip')).map((chip) =>
      chip.textContent!.replace(chip.querySelector('mat-icon')!.textContent!, '').trim(),
    );
  }

  it('shows the freshness alone for an available batch', () => {
    expect(
      chips({
        status: 'available',
        freshness: { status: 'caution', daysOnShelf: 2, daysToExpiry: 1 },
      }),
    ).toEqual(['Use soon · 1 day left']);
  });

  it('adds the block of a quarantined or recalled batch', () => {
    const freshness = { status: 'fresh', daysOnShelf: 2, daysToExpiry: 9 } as const;
    expect(chips({ status: 'quarantined', freshness })).toEqual(['Fresh', 'Quarantined']);
    expect(chips({ status: 'recalled', freshness })).toEqual(['Fresh', 'Recalled']);
  });
});

describe('BatchStatePipe', () => {
  const pipe = new BatchStatePipe();

  it('finds the state of a level’s batch, and none on a bare reference', () => {
    const freshness = { status: 'expired', daysOnShelf: 9, daysToExpiry: -1 } as const;
    expect(
      pipe.transform({ id: 'b', code: 'B1', expiresAt: null, status: 'recalled', freshness }),
    ).toEqual({ status: 'recalled', freshness });
    expect(pipe.transform({ id: 'b', code: 'B1', expiresAt: null })).toBeNull();
    expect(pipe.transform(null)).toBeNull();
  });
});
