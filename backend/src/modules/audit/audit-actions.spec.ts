import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ENTITY_TYPES, AuditAction } from '@stockmaster/contracts';

/** Every TypeScript source of the API, but specs. */
function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The console has a label for each action of the contract's list, and links each entity type to
 * its page: an action or entity type written in the API but missing from the list would show as
 * a raw code.
 */
describe('the audit actions the API records', () => {
  const code = sources(join(__dirname, '..', '..')).map((file) => readFileSync(file, 'utf8'));

  it('are all in the contract list', () => {
    const known = new Set<string>(Object.values(AuditAction));
    const written = code.flatMap((text) =>
      [...text.matchAll(/\baction:\s*'([a-z_.]+)'/g)].map((match) => match[1]),
    );
    expect(written.length).toBeGreaterThan(20);
    expect(written.filter((action) => !known.has(action))).toEqual([]);
  });

  it('are about entity types the contract knows', () => {
    const types = code.flatMap((text) =>
      [...text.matchAll(/\bentityType:\s*'([a-z_]+)'/g)].map((match) => match[1]),
    );
    expect(types.length).toBeGreaterThan(20);
    expect(
      types.filter((type) => !(AUDIT_ENTITY_TYPES as readonly string[]).includes(type)),
    ).toEqual([]);
  });
});
