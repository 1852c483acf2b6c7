import { newPublicToken, newPublicTokens } from './public-token';

describe('public batch tokens', () => {
  it('are 24 URL-safe characters (144 random bits), one at a time or many at once', () => {
    const many = newPublicTokens(5_000);
    expect(many).toHaveLength(5_000);
    for (const token of [...many, newPublicToken()]) expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('never repeat within a draw', () => {
    const many = newPublicTokens(5_000);
    expect(new Set(many).size).toBe(many.length);
    expect(newPublicTokens(0)).toEqual([]);
  });
});
