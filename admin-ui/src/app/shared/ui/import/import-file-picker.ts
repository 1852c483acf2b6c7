import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * The file row of an import dialog: a hidden CSV input behind a "Choose a CSV file" button and
 * the chosen file's name. Projected content (a template download, say) comes first.
 */
@Component({
  selector: 'sm-import-file-picker',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="file">
      <ng-content />
      <input
        #fileInput
        hidden
        type="file"
        accept=".csv,text/csv"
        [attr.aria-label]="label()"
        (change)="picked($event)"
      />
      <button mat-stroked-button type="button" [disabled]="busy()" (click)="fileInput.click()">
        <mat-icon aria-hidden="true">upload_file</mat-icon>
        {{ file() ? 'Choose another file' : 'Choose a CSV file' }}
      </button>
      @if (file(); as file) {
        <span class="file-name">{{ file.name }}</span>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }

    .file {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 12px;
      margin-bottom: 16px;
    }

    .file-name {
      font-weight: 500;
      word-break: break-all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportFilePicker {
  /** The input's accessible name. */
  readonly label = input.required<string>();
  readonly file = input<File | null>(null);
  readonly busy = input(false);
  readonly chosen = output<File>();

  protected picked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    // Let the same file be picked again after it is fixed on disk.
    input.value = '';
    if (file) this.chosen.emit(file);
  }
}
