import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { DomainError, ValidationError } from '../errors/domain-error';

/** Comma or semicolon: whichever the header line uses more (spreadsheets in many locales pick `;`). */
export function detectDelimiter(firstLine: string): ',' | ';' {
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** One record of an uploaded CSV file and the 1-based line it ends on (the header is line 1). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * Streams an uploaded CSV file (UTF-8 with or without BOM, comma or semicolon, empty lines
 * skipped) record by record, header first. A file that is not UTF-8 or not CSV is a 400 naming
 * the `file` field; a DomainError thrown by the consumer passes through unchanged.
 */
export async function* readCsvFile(file: Buffer): AsyncGenerator<CsvRecord> {
  const text = file.toString('utf8');
  if (text.includes('\uFFFD')) {
    throw new ValidationError([{ field: 'file', message: 'The file is not UTF-8 text' }]);
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const parser = Readable.from([file]).pipe(
    parse({
      bom: true,
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      yield { cells: record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ValidationError([
      { field: 'file', message: `The file is not valid CSV: ${message}` },
    ]);
  } finally {
    parser.destroy();
  }
}
