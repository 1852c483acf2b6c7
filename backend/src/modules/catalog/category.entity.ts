import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Relation } from 'typeorm';

@Entity('categories')
@Check(
  'categories_name_check',
  `length(name) BETWEEN 1 AND 100 AND name = btrim(name) AND position('/' IN name) = 0`,
)
@Check('categories_check', `parent_id IS NULL OR parent_id <> id`)
@Index('categories_sibling_name', { synchronize: false }) // UNIQUE (parent_id, lower(name)) NULLS NOT DISTINCT
export class CategoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => CategoryEntity)
  @JoinColumn()
  parent?: Relation<CategoryEntity> | null;
}
