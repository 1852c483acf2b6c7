import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageQuery } from '@stockmaster/contracts';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** `?page=&limit=` of every offset-paged list; feature DTOs extend it with filters and sort. */
export class PageQueryDto implements PageQuery {
  /** 1-based page number. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  /** Rows per page, at most 200. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;
}
