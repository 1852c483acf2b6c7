import * as bcrypt from 'bcrypt';

jest.mock('bcrypt', () => {
  const actual = jest.requireActual<typeof import('bcrypt')>('bcrypt');
  return { ...actual, compare: jest.fn(actual.compare) };
});
import { loadAppConfig } from '../../config/app-config';
import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const config = loadAppConfig({ JWT_SECRET: 'x'.repeat(40), BCRYPT_COST: '4', DATA_DIR: '/tmp' });
  const hasher = new PasswordHasher(config);

  it('hashes with the configured cost and verifies', async () => {
    const hash = await hasher.hash('a-long-password');
    expect(bcrypt.getRounds(hash)).toBe(4);
    await expect(hasher.verify('a-long-password', hash)).resolves.toBe(true);
    await expect(hasher.verify('another-password', hash)).resolves.toBe(false);
  });

  it('still runs a bcrypt comparison when there is no hash, so unknown accounts cost the same time', async () => {
    const compare = bcrypt.compare as unknown as jest.Mock;
    compare.mockClear();
    await expect(hasher.verify('whatever-password', null)).resolves.toBe(false);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(compare.mock.calls[0][1]).toMatch(/^\$2[aby]\$04\$/); // a real hash of the same cost
  });

  it('defaults to cost 12', () => {
    expect(loadAppConfig({ DATA_DIR: '/tmp', JWT_SECRET: 'x'.repeat(40) }).bcryptCost).toBe(12);
  });
});
