import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The messages StockMaster sends, with the data each one needs. */
export interface MailTemplates {
  'reset-code': { fullName: string; code: string; validMinutes: number };
  invitation: {
    fullName: string;
    invitedBy: string;
    role: string;
    link: string;
    validHours: number;
  };
  notice: { fullName: string; paragraphs: string[]; link?: string; linkText?: string };
  'alert-digest': {
    fullName: string;
    /** The local date, `YYYY-MM-DD`. */
    date: string;
    /** Each fact: its sentence in full (text part), and its lead-in and items (HTML list). */
    sections: { sentence: string; lead: string; items: string[] }[];
    link: string;
  };
}
export type MailTemplate = keyof MailTemplates;

export const MAIL_TEMPLATE_NAMES: readonly MailTemplate[] = [
  'reset-code',
  'invitation',
  'notice',
  'alert-digest',
];

/**
 * Context fields that give access to an account (a reset code, an invitation link). They wait in
 * the outbox only until the message is sent or given up, then they are erased: a dump of the
 * database holds no usable secret. They never go in a subject line.
 */
export const MAIL_SECRET_FIELDS: {
  readonly [T in MailTemplate]: readonly (keyof MailTemplates[T])[];
} = {
  'reset-code': ['code'],
  invitation: ['link'],
  notice: [],
  'alert-digest': [],
};

/** The secret fields of a stored message's template (none for an unknown template). */
export function secretFieldsOf(template: string): string[] {
  const fields = (MAIL_SECRET_FIELDS as Record<string, readonly string[]>)[template];
  return fields ? [...fields] : [];
}

export interface RenderedMail {
  html: string;
  text: string;
}

/**
 * Handlebars templates, HTML (inside a shared layout) and plain text, compiled once. Plain text
 * is not escaped (it is not HTML); the HTML is.
 */
export class MailRenderer {
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly compiled = new Map<
    string,
    { html: Handlebars.TemplateDelegate; text: Handlebars.TemplateDelegate }
  >();

  constructor(
    private readonly publicUrl: string,
    dir = join(__dirname, 'templates'),
  ) {
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    this.layout = Handlebars.compile(read('layout.html.hbs'), { strict: true });
    for (const name of MAIL_TEMPLATE_NAMES) {
      this.compiled.set(name, {
        html: Handlebars.compile(read(`${name}.html.hbs`)),
        text: Handlebars.compile(read(`${name}.text.hbs`), { noEscape: true }),
      });
    }
  }

  render(template: string, subject: string, context: Record<string, unknown>): RenderedMail {
    const compiled = this.compiled.get(template);
    if (!compiled) throw new Error(`unknown mail template "${template}"`);
    const data = { ...context, publicUrl: this.publicUrl };
    const body = compiled.html(data);
    return {
      html: this.layout({ subject, publicUrl: this.publicUrl, body }),
      text: compiled.text(data),
    };
  }
}
