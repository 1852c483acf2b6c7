import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Page, PageMeta } from '@stockmaster/contracts';

export class PageMetaDto implements PageMeta {
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 120, description: 'Rows matching the filters, over all pages' })
  total!: number;
}

const cache = new Map<Type, Type>();

/** The Swagger schema of `{ data: T[], meta: { page, limit, total } }`, named `<T>Page`. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  const known = cache.get(item);
  if (known) return known as Type<Page<T>>;
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] }) data!: T[];
    @ApiProperty() meta!: PageMetaDto;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  cache.set(item, PageDto);
  return PageDto;
}
