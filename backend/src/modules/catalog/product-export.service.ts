import { Injectable } from '@nestjs/common';
import { PRODUCT_CSV_COLUMNS } from '@stockmaster/contracts';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { csvStringifier } from '../../common/http/csv-cells';
import { ProductFilterDto } from './dto/product.dto';
import { ProductsRepository } from './products.repository';

const BATCH = 2_000;

/**
 * Streams products as CSV in the import's columns, batch by batch, so the export round-trips
 * (cells a spreadsheet would run as formulas are escaped, and the import undoes exactly that).
 */
@Injectable()
export class ProductExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductsRepository,
  ) {}

  export(filter: ProductFilterDto): Readable {
    const repository = this.products;
    const manager = this.dataSource.manager;
    const search = filter.search?.trim() || undefined;
    async function* records() {
      let after: string | null = null;
      for (;;) {
        const rows = await repository.batchAfter(manager, { ...filter, search }, after, BATCH);
        for (const row of rows) {
          yield {
            sku: row.sku,
            name: row.name,
            description: row.description ?? '',
            category: row.category_path ?? '',
            unit: row.unit,
            barcode: row.barcode ?? '',
            tracking: row.tracking,
            shelfLifeDays: row.shelf_life_days ?? '',
            expiryWarningDays: row.expiry_warning_days,
          };
        }
        if (rows.length < BATCH) return;
        after = rows[rows.length - 1].sku.toLowerCase();
      }
    }
    return Readable.from(records()).pipe(
      csvStringifier({ header: true, columns: [...PRODUCT_CSV_COLUMNS] }),
    );
  }
}
