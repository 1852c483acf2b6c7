import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CategoryNode, Role } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { CategoryTreePage } from './category-tree-page';

function category(id: string, path: string, children: CategoryNode[] = []): CategoryNode {
  const names = path.split('/');
  return {
    id,
    name: names[names.length - 1],
    parentId: null,
    path,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    children: children.map((child) => ({ ...child, parentId: id })),
  };
}

const tree: CategoryNode[] = [
  category('c-meat', 'Meat', [
    category('c-poultry', 'Meat/Poultry', [category('c-chicken', 'Meat/Poultry/Chicken')]),
    category('c-beef', 'Meat/Beef'),
  ]),
  category('c-dairy', 'Dairy'),
];

describe('CategoryTreePage', () => {
  let fixture: ComponentFixture<CategoryTreePage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    for (let round = 0; round < 8; round++) {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const nodes = () =>
    Array.from(element.querySelectorAll<HTMLElement>('mat-tree-node')).map((node) => ({
      name: node.querySelector('.name')?.textContent?.trim(),
      level: node.getAttribute('aria-level'),
      expanded: node.getAttribute('aria-expanded'),
    }));

  async function render(role: Role, answer: CategoryNode[] = tree) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(Session).signIn(loginResponse(role));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CategoryTreePage);
    element = fixture.nativeElement as HTMLElement;
    await settle();
    backend.expectOne('/api/v1/categories?tree=true').flush({ data: answer });
    await settle();
  }

  afterEach(() => backend.verify());

  it('builds the tree from the API, nested and expanded, in the order given', async () => {
    await render('manager');

    expect(nodes()).toEqual([
      { name: 'Meat', level: '1', expanded: 'true' },
      { name: 'Poultry', level: '2', expanded: 'true' },
      { name: 'Chicken', level: '3', expanded: null },
      { name: 'Beef', level: '2', expanded: null },
      { name: 'Dairy', level: '1', expanded: null },
    ]);
    expect(element.querySelector('mat-tree')?.getAttribute('role')).toBe('tree');
    expect(element.querySelector('mat-tree')?.getAttribute('aria-label')).toBe('Categories');
  });

  it('collapses a branch from its toggle and opens it again', async () => {
    await render('manager');

    element.querySelector<HTMLButtonElement>('button[aria-label="Collapse Poultry"]')!.click();
    await settle();
    expect(nodes().map((n) => n.name)).toEqual(['Meat', 'Poultry', 'Beef', 'Dairy']);

    element.querySelector<HTMLButtonElement>('button[aria-label="Expand Poultry"]')!.click();
    await settle();
    expect(nodes().map((n) => n.name)).toEqual(['Meat', 'Poultry', 'Chicken', 'Beef', 'Dairy']);
  });

  it('offers add, rename, move and delete to a manager', async () => {
    await render('manager');

    const labels = Array.from(element.querySelectorAll('mat-tree-node button[aria-label]')).map(
      (b) => b.getAttribute('aria-label'),
    );
    expect(labels).toEqual(
      expect.arrayContaining([
        'Add a subcategory to Poultry',
        'Rename Poultry',
        'Move Poultry',
        'Delete Poultry',
      ]),
    );
    expect(element.textContent).toContain('Add category');
  });

  it('shows the tree read-only to a viewer', async () => {
    await render('viewer');

    expect(nodes()).toHaveLength(5);
    expect(element.querySelector('mat-tree-node button[aria-label^="Rename"]')).toBeNull();
    expect(element.textContent).not.toContain('Add category');
  });

  it('says so when there are no categories yet', async () => {
    await render('admin', []);

    expect(element.querySelector('[role="status"]')?.textContent).toContain('No categories yet');
    expect(element.querySelector('mat-tree')).toBeNull();
  });
});
