import { TestBed } from '@angular/core/testing';
import { Freshness } from '@stockmaster/contracts';

import { FreshnessChip } from './freshness-chip';
import { freshnessText } from './freshness-text';

describe('FreshnessChip', () => {
  function render(freshness: Freshness): HTMLElement {
    const fixture = TestBed.createComponent(FreshnessChip);
    fixture.componentRef.setInput('freshness', freshness);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it.each<[Freshness, string, string]>([
    [{ status: 'fresh', daysOnShelf: 0, daysToExpiry: 5 }, 'Fresh', 'check_circle'],
    [{ status: 'caution', daysOnShelf: 3, daysToExpiry: 2 }, 'Use soon · 2 days left', 'schedule'],
    [{ status: 'caution', daysOnShelf: 4, daysToExpiry: 1 }, 'Use soon · 1 day left', 'schedule'],
    [{ status: 'expired', daysOnShelf: 5, daysToExpiry: 0 }, 'Expired', 'block'],
  ])('says %j in words, with an icon and its colour class', (freshness, text, icon) => {
    const element = render(freshness);
    const chip = element.querySelector('.chip')!;
    expect(chip.textContent?.replace(icon, '').trim()).toBe(text);
    expect(chip.querySelector('mat-icon')?.textContent?.trim()).toBe(icon);
    expect(chip.querySelector('mat-icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(chip.classList).toContain(`freshness-${freshness.status}`);
  });

  it('calls a batch without an expiry date plainly fresh', () => {
    expect(freshnessText({ status: 'fresh', daysOnShelf: 10, daysToExpiry: null })).toBe('Fresh');
  });
});
