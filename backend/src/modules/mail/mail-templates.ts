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
}
export type MailTemplate = keyof MailTemplates;

export const MAIL_TEMPLATE_NAMES: readonly MailTemplate[] = ['reset-code', 'invitation', 'notice'];

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
