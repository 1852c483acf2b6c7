import { DOCUMENT, DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ViewEncapsulation,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Batch } from '@stockmaster/contracts';
import { Observable, forkJoin, map, of } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { BatchesApi } from '../../../shared/api/batches-api';
import { LocalLinkWarning } from '../local-link-warning/local-link-warning';

/** One printed label: what a package needs to show, and its QR code. */
export interface BatchLabel {
  batch: Batch;
  /** A `data:` URL of the QR code's SVG. */
  qr: string;
}

/** A4 sheets of 3 × 7 labels, or a 62 mm label roll with one label per page. */
export type LabelLayout = 'a4' | 'roll';

export const MAX_LABELS = 100;

/** The ids of `?ids=a,b,c`, without blanks or repeats, at most {@link MAX_LABELS}. */
export function labelIds(ids: string | null | undefined): string[] {
  const list = (ids ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return [...new Set(list)].slice(0, MAX_LABELS);
}

/**
 * `/batches/labels?ids=…`: printable labels for the chosen batches (product, batch code,
 * expiry date, QR code). Not encapsulated, because its print rules (`@page`, hiding the
 * console's chrome) must reach outside the component; every selector is prefixed with
 * `sm-label-sheet` or a body class set only while the page is open.
 */
@Component({
  selector: 'sm-label-sheet',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    LocalLinkWarning,
  ],
  templateUrl: './label-sheet.html',
  styleUrl: './label-sheet.scss',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LabelSheet {
  private readonly api = inject(BatchesApi);
  private readonly document = inject(DOCUMENT);

  /** `?ids=`: comma-separated batch ids. */
  readonly ids = input<string>();

  protected readonly layout = signal<LabelLayout>('a4');
  protected readonly batchIds = computed(() => labelIds(this.ids()));

  protected readonly labels = rxResource({
    params: () => this.batchIds(),
    stream: ({ params }): Observable<BatchLabel[]> =>
      params.length === 0
        ? of([])
        : forkJoin(
            params.map((id) =>
              forkJoin({ batch: this.api.get(id), qr: this.api.qrDataUrl(id) }).pipe(
                map(({ batch, qr }) => ({ batch, qr })),
              ),
            ),
          ),
  });
  protected readonly list = computed(() => (this.labels.hasValue() ? this.labels.value() : []));
  /** Every batch's link starts with the same PUBLIC_URL: the first one tells about them all. */
  protected readonly publicUrl = computed(() => this.list()[0]?.batch.publicUrl ?? null);
  protected readonly error = computed(() => {
    const error = this.labels.error();
    return error ? toApiError(error) : null;
  });

  constructor() {
    const body = this.document.body;
    body.classList.add('sm-printing-labels');
    inject(DestroyRef).onDestroy(() => body.classList.remove('sm-printing-labels'));
  }

  protected setLayout(layout: LabelLayout): void {
    this.layout.set(layout);
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
