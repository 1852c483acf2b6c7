import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  TemplateRef,
  afterNextRender,
  contentChild,
  effect,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { MatTree, MatTreeModule } from '@angular/material/tree';

import { TreeNodeLike, flattenTree } from './tree-options';

/** A node the editor can show: an id, a name and its children. */
export interface EditTreeNode<N> extends TreeNodeLike<N> {
  name: string;
}

export interface EditTreeNodeContext<N> {
  $implicit: N;
}

/**
 * A tree (categories, locations) with an action row on every node: add a child, rename, move,
 * delete. It shows and reports; the page owning it calls the API and reloads. Branches start
 * open; arrow keys move between nodes and open or close them (WAI-ARIA tree pattern), Tab
 * reaches a node's buttons.
 *
 * Extra content per node (a link, a type) goes in a child `<ng-template let-node>`.
 */
@Component({
  selector: 'sm-edit-tree',
  imports: [NgTemplateOutlet, MatTreeModule, MatButtonModule, MatIconModule, MatTooltipModule],
  template: `
    <mat-tree
      #tree
      [dataSource]="nodes()"
      [childrenAccessor]="childrenOf"
      [expansionKey]="keyOf"
      [trackBy]="trackById"
      [attr.aria-label]="label()"
    >
      <mat-tree-node
        *matTreeNodeDef="let node"
        matTreeNodePadding
        [matTreeNodePaddingIndent]="28"
        [isExpandable]="node.children.length > 0"
        [cdkTreeNodeTypeaheadLabel]="node.name"
      >
        <div class="row">
          @if (node.children.length > 0) {
            <button
              mat-icon-button
              type="button"
              matTreeNodeToggle
              tabindex="-1"
              [attr.aria-label]="(tree.isExpanded(node) ? 'Collapse ' : 'Expand ') + node.name"
            >
              <mat-icon aria-hidden="true" class="mat-icon-rtl-mirror">
                {{ tree.isExpanded(node) ? 'expand_more' : 'chevron_right' }}
              </mat-icon>
            </button>
          } @else {
            <span class="toggle-spacer" aria-hidden="true"></span>
          }
          <span class="name">{{ node.name }}</span>
          @if (extra(); as template) {
            <span class="extra">
              <ng-container *ngTemplateOutlet="template; context: { $implicit: node }" />
            </span>
          }
          <span class="spacer"></span>
          @if (canWrite()) {
            <span class="actions">
              <button
                mat-icon-button
                type="button"
                [attr.aria-label]="'Add ' + childNoun() + ' to ' + node.name"
                [matTooltip]="'Add ' + childNoun()"
                (click)="add.emit(node)"
              >
                <mat-icon aria-hidden="true">add</mat-icon>
              </button>
              @if (!isReadOnly()(node)) {
                <button
                  mat-icon-button
                  type="button"
                  [attr.aria-label]="'Rename ' + node.name"
                  matTooltip="Rename"
                  (click)="rename.emit(node)"
                >
                  <mat-icon aria-hidden="true">edit</mat-icon>
                </button>
                <button
                  mat-icon-button
                  type="button"
                  [attr.aria-label]="'Move ' + node.name"
                  matTooltip="Move"
                  (click)="move.emit(node)"
                >
                  <mat-icon aria-hidden="true">drive_file_move</mat-icon>
                </button>
                <button
                  mat-icon-button
                  type="button"
                  [attr.aria-label]="'Delete ' + node.name"
                  matTooltip="Delete"
                  (click)="remove.emit(node)"
                >
                  <mat-icon aria-hidden="true">delete</mat-icon>
                </button>
              } @else {
                <span class="read-only">
                  <mat-icon aria-hidden="true">lock</mat-icon>
                  {{ readOnlyLabel() }}
                </span>
              }
            </span>
          }
        </div>
      </mat-tree-node>
    </mat-tree>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-tree {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 4px 0;
    }
    mat-tree-node {
      min-height: 48px;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 4px;
      flex: 1;
      padding-right: 8px;
      min-width: 0;
    }
    .toggle-spacer {
      display: inline-block;
      width: 48px;
      flex: none;
    }
    .name {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .extra {
      color: var(--mat-sys-on-surface-variant);
    }
    .spacer {
      flex: 1;
    }
    .actions {
      display: inline-flex;
      align-items: center;
      white-space: nowrap;
    }
    .read-only {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 0 8px;
      color: var(--mat-sys-on-surface-variant);
      mat-icon {
        font-size: 18px;
        width: 18px;
        height: 18px;
      }
    }
    // A phone has no room for a name, its path and four buttons on one line: the buttons move
    // under the name instead of squeezing it to a letter a line or widening the page.
    @media (max-width: 599.98px) {
      .row {
        flex-wrap: wrap;
        padding-block: 4px;
      }
      .name {
        flex: 1 1 8em;
      }
      .extra {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .spacer {
        display: none;
      }
      .actions {
        flex-wrap: wrap;
        justify-content: flex-end;
        margin-inline-start: auto;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditTree<N extends EditTreeNode<N>> {
  readonly nodes = input.required<N[]>();
  /** Accessible name of the tree, e.g. "Categories". */
  readonly label = input.required<string>();
  /** Shows the editing actions. */
  readonly canWrite = input(false);
  /** What a child is called in the "Add …" action, e.g. "a subcategory". */
  readonly childNoun = input('a child');
  /** Nodes that may get children but not be renamed, moved or deleted (a warehouse root). */
  readonly isReadOnly = input<(node: N) => boolean>(() => false);
  readonly readOnlyLabel = input('Fixed');

  readonly add = output<N>();
  readonly rename = output<N>();
  readonly move = output<N>();
  readonly remove = output<N>();

  protected readonly extra = contentChild<TemplateRef<EditTreeNodeContext<N>>>(TemplateRef);
  private readonly tree = viewChild.required<MatTree<N, string>>(MatTree);
  /** Nodes already shown with children: opened once, then left as the user sets them. */
  private readonly opened = new Set<string>();

  constructor() {
    const injector = inject(Injector);
    // Open every branch the first time it appears (the whole tree on load, a node when it gets
    // its first child), all at once after rendering, so that deep levels show in one pass.
    effect(() => {
      const nodes = this.nodes();
      afterNextRender({ write: () => this.openNewBranches(nodes) }, { injector });
    });
  }

  private openNewBranches(nodes: N[]): void {
    const tree = this.tree();
    for (const { node } of flattenTree(nodes)) {
      if (node.children.length > 0 && !this.opened.has(node.id)) {
        this.opened.add(node.id);
        tree.expand(node);
      }
    }
  }

  protected readonly childrenOf = (node: N): N[] => node.children;
  protected readonly keyOf = (node: N): string => node.id;
  protected readonly trackById = (_index: number, node: N): string => node.id;
}
