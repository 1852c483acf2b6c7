import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/**
 * Form-level problems: what {@link applyServerErrors} could not put on a field, or a
 * network / server failure. Renders nothing when there are no messages.
 */
@Component({
  selector: 'sm-form-error-banner',
  imports: [MatIconModule],
  templateUrl: './form-error-banner.html',
  styleUrl: './form-error-banner.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormErrorBanner {
  readonly messages = input<readonly string[]>([]);
  readonly title = input('The form could not be saved.');
}
