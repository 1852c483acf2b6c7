import { AttentionBatch, DigestFacts } from '@stockmaster/contracts';
import { MailTemplates } from '../mail/mail-templates';

/** A mail lists this many rows per fact at most; its sentence still counts them all. */
export const DIGEST_ITEMS_LISTED = 20;

/** Whether a digest would say anything at all: an empty one is not sent. */
export function hasNews(facts: DigestFacts): boolean {
  return (
    facts.expiredBatches.length +
      facts.expiringBatches.length +
      facts.belowMinimum.length +
      facts.staleDrafts.length >
    0
  );
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

function batchItem(row: AttentionBatch): string {
  const what = `${row.product.name} (${row.product.sku}) batch ${row.batch.code} in ${row.warehouse.name}: ${row.onHand} ${row.product.unit}`;
  if (row.daysToExpiry === null) return what;
  if (row.daysToExpiry <= 0) return `${what}, expired on ${row.batch.expiresAt}`;
  const days = `${row.daysToExpiry} ${plural(row.daysToExpiry, 'day', 'days')}`;
  return `${what}, expires on ${row.batch.expiresAt} (in ${days})`;
}

function section(lead: string, all: string[]) {
  const items = all.slice(0, DIGEST_ITEMS_LISTED);
  const more = all.length - items.length;
  const listed = more > 0 ? [...items, `and ${more} more`] : items;
  return { lead: `${lead}:`, items: listed, sentence: `${lead}: ${listed.join('; ')}.` };
}

/** The digest mail's subject and template data; the text part reads as sentences. */
export function digestMail(
  facts: DigestFacts,
  recipient: { fullName: string },
  date: string,
  link: string,
): { subject: string; context: MailTemplates['alert-digest'] } {
  const sections: MailTemplates['alert-digest']['sections'] = [];
  const { expiredBatches, expiringBatches, belowMinimum, staleDrafts } = facts;
  // Batch facts are (batch, warehouse) pairs: the sentence counts batches.
  const batchCount = (rows: AttentionBatch[]) => new Set(rows.map((row) => row.batch.id)).size;
  if (expiredBatches.length) {
    const n = batchCount(expiredBatches);
    sections.push(
      section(
        `${n} ${plural(n, 'batch has', 'batches have')} expired and still ${plural(n, 'has', 'have')} stock`,
        expiredBatches.map(batchItem),
      ),
    );
  }
  if (expiringBatches.length) {
    const n = batchCount(expiringBatches);
    sections.push(
      section(
        `${n} ${plural(n, 'batch enters its', 'batches enter their')} expiry warning window`,
        expiringBatches.map(batchItem),
      ),
    );
  }
  if (belowMinimum.length) {
    const n = belowMinimum.length;
    sections.push(
      section(
        `${n} ${plural(n, 'product is', 'products are')} below ${plural(n, 'its', 'their')} reorder minimum`,
        belowMinimum.map(
          (row) =>
            `${row.product.name} (${row.product.sku}) in ${row.warehouse.name}: ${row.onHand} ${row.product.unit} on hand, minimum ${row.minQuantity}`,
        ),
      ),
    );
  }
  if (staleDrafts.length) {
    const n = staleDrafts.length;
    sections.push(
      section(
        `${n} draft ${plural(n, 'operation has', 'operations have')} waited more than a day`,
        staleDrafts.map(
          (row) =>
            `${row.reference}, a ${row.type} in ${row.warehouse.name} created on ${row.createdAt.slice(0, 10)}`,
        ),
      ),
    );
  }
  const total =
    batchCount(expiredBatches) +
    batchCount(expiringBatches) +
    belowMinimum.length +
    staleDrafts.length;
  return {
    subject: `StockMaster digest for ${date}: ${total} ${plural(total, 'thing needs', 'things need')} attention`,
    context: { fullName: recipient.fullName, date, sections, link },
  };
}
