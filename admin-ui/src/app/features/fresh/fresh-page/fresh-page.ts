import { DatePipe, formatDate } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  LOCALE_ID,
  computed,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { PublicBatchReport } from '@stockmaster/contracts';

import { toApiError } from '../../../core/http/api-error';
import { APP_NAME } from '../../../core/page-title';
import { FRESHNESS_ICONS } from '../../../shared/ui/freshness';
import { PublicBatchesApi } from '../public-batches-api';
import { daysOnShelfText, daysToExpiryText, statusHeadline, statusSentence } from './fresh-report';

/**
 * `/fresh/:token`: what a customer sees after scanning the QR code on a package. No login and
 * no console chrome; made for a phone first. Shows only what the public report carries.
 */
@Component({
  selector: 'sm-fresh-page',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './fresh-page.html',
  styleUrl: './fresh-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class FreshPage {
  private readonly api = inject(PublicBatchesApi);
  private readonly locale = inject(LOCALE_ID);

  /** The token of the scanned code, from the route. */
  readonly token = input.required<string>();

  protected readonly appName = APP_NAME;
  protected readonly icons = FRESHNESS_ICONS;

  protected readonly report = rxResource({
    params: () => this.token(),
    stream: ({ params }) => this.api.report(params),
  });

  protected readonly value = computed<PublicBatchReport | null>(() =>
    this.report.hasValue() ? this.report.value() : null,
  );
  protected readonly error = computed(() => {
    const error = this.report.error();
    return error ? toApiError(error) : null;
  });
  /** Unknown, mistyped or replaced (rotated) codes all answer 404. */
  protected readonly notFound = computed(() => this.error()?.status === 404);

  protected readonly headline = computed(() => {
    const report = this.value();
    return report ? statusHeadline(report) : '';
  });
  protected readonly sentence = computed(() => {
    const report = this.value();
    return report ? statusSentence(report, this.date(report.expiresAt)) : '';
  });
  /** The day of a recall, in the reader's own calendar. */
  protected readonly recallDate = computed(() => {
    const recall = this.value()?.recall;
    return recall ? formatDate(recall.recalledAt, 'longDate', this.locale) : '';
  });
  protected readonly daysOnShelf = computed(() =>
    daysOnShelfText(this.value()?.daysOnShelf ?? null),
  );
  protected readonly daysToExpiry = computed(() =>
    daysToExpiryText(this.value()?.daysToExpiry ?? null),
  );

  protected retry(): void {
    this.report.reload();
  }

  private date(day: string | null): string | null {
    return day ? formatDate(day, 'longDate', this.locale) : null;
  }
}
