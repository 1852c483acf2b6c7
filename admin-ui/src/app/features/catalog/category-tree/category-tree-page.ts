import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Category, CatalogErrorCode, CategoryNode, Permission } from '@stockmaster/contracts';
import { Observable, filter, switchMap } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  EditTree,
  MoveDialog,
  MoveDialogData,
  NameDialog,
  NameDialogData,
  ParentOption,
  parentOptions,
} from '../../../shared/ui/tree-editor';
import { CatalogApi } from '../../../shared/api/catalog-api';

/** Paths join names with `/`, so a name cannot hold one. */
const NO_SLASH = { pattern: /^[^/]*$/, message: 'A category name cannot contain /.' };
/** The top level in the parent picker (the API's `parentId: null`). */
const TOP_LEVEL = '';
const NAME_CONFLICTS = {
  [CatalogErrorCode.CategoryNameTaken]: 'A category with this name already exists at this level.',
};

/** The category tree editor: add, rename, move (parent picker) and delete categories. */
@Component({
  selector: 'sm-category-tree-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, EditTree],
  templateUrl: './category-tree-page.html',
  styleUrl: './category-tree-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CategoryTreePage {
  private readonly api = inject(CatalogApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(Session);

  protected readonly canWrite = computed(() => this.session.can(Permission.CatalogWrite));
  readonly tree = rxResource({ stream: () => this.api.categoryTree() });
  protected readonly nodes = computed(() => (this.tree.hasValue() ? this.tree.value() : []));
  protected readonly loadError = computed(() => {
    const error = this.tree.error();
    return error ? toApiError(error.cause ?? error).message : null;
  });

  protected addRoot(): void {
    this.openName({
      title: 'Add a category',
      label: 'Category name',
      submitLabel: 'Add',
      hint: 'At the top level.',
      save: (name) => this.api.createCategory({ name, parentId: null }),
    }).subscribe((category) => this.done(`${category.name} has been added.`));
  }

  protected addChild(parent: CategoryNode): void {
    this.openName({
      title: `Add a subcategory to ${parent.name}`,
      label: 'Category name',
      submitLabel: 'Add',
      hint: `Inside ${parent.path}.`,
      save: (name) => this.api.createCategory({ name, parentId: parent.id }),
    }).subscribe((category) => this.done(`${category.name} has been added.`));
  }

  protected rename(category: CategoryNode): void {
    this.openName({
      title: `Rename ${category.name}`,
      label: 'Category name',
      submitLabel: 'Rename',
      initialName: category.name,
      save: (name) => this.api.updateCategory(category.id, { name }),
    }).subscribe((saved) => this.done(`${category.name} is now ${saved.name}.`));
  }

  protected move(category: CategoryNode): void {
    const options: ParentOption[] = [
      { id: TOP_LEVEL, label: 'Top level', depth: 0 },
      ...parentOptions(this.nodes(), category, (node) => node.name).map((option) => ({
        ...option,
        depth: option.depth + 1,
      })),
    ];
    this.dialog
      .open<MoveDialog<Category>, MoveDialogData<Category>, Category>(MoveDialog, {
        data: {
          title: `Move ${category.name}`,
          intro:
            category.children.length > 0
              ? 'Its subcategories move with it. Products keep their category.'
              : 'Products keep their category.',
          options,
          currentParentId: category.parentId ?? TOP_LEVEL,
          save: (parentId) =>
            this.api.updateCategory(category.id, {
              parentId: parentId === TOP_LEVEL ? null : parentId,
            }),
          parentConflicts: {
            ...NAME_CONFLICTS,
            [CatalogErrorCode.CategoryCycle]:
              'A category cannot go inside one of its own subcategories.',
          },
        },
        width: '480px',
      })
      .afterClosed()
      .pipe(filter((saved): saved is Category => saved !== undefined))
      .subscribe((saved) => this.done(`${saved.name} has been moved to ${saved.path}.`));
  }

  protected remove(category: CategoryNode): void {
    confirmAction(this.dialog, {
      title: `Delete ${category.name}?`,
      message: `The category ${category.path} will be deleted. A category that still has products or subcategories cannot be deleted.`,
      confirmLabel: 'Delete',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.deleteCategory(category.id)),
      )
      .subscribe({
        next: () => this.done(`${category.name} has been deleted.`),
        error: (error: unknown) => {
          const apiError = toApiError(error);
          const message =
            apiError.code === CatalogErrorCode.CategoryInUse
              ? `${category.name} still has products or subcategories. Move them to another category first.`
              : apiError.message;
          this.snackBar.open(message, 'Dismiss', { duration: 8000 });
        },
      });
  }

  private openName(data: Omit<NameDialogData<Category>, 'maxLength'>): Observable<Category> {
    return this.dialog
      .open<NameDialog<Category>, NameDialogData<Category>, Category>(NameDialog, {
        data: { maxLength: 100, rule: NO_SLASH, nameConflicts: NAME_CONFLICTS, ...data },
        width: '440px',
      })
      .afterClosed()
      .pipe(filter((saved): saved is Category => saved !== undefined));
  }

  private done(message: string): void {
    this.snackBar.open(message, undefined, { duration: 5000 });
    this.tree.reload();
  }
}
