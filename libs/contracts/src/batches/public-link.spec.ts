import { isLocalOnlyUrl } from './public-link';

describe('isLocalOnlyUrl', () => {
  it.each([
    'http://localhost:3000',
    'http://LOCALHOST/fresh/abc',
    'http://stock.localhost:3000',
    'http://127.0.0.1:3000',
    'http://127.1.2.3',
    'http://[::1]:3000/fresh/abc',
    'http://0.0.0.0:3000',
  ])('says %s opens only on this computer', (url) => {
    expect(isLocalOnlyUrl(url)).toBe(true);
  });

  it.each([
    'http://192.168.1.20:3000',
    'https://stock.example.com/fresh/abc',
    'http://localhost.example.com',
    'http://10.0.0.5',
    'http://[fe80::1]:3000',
  ])('says %s is reachable from other devices', (url) => {
    expect(isLocalOnlyUrl(url)).toBe(false);
  });

  it('does not flag what is not a URL', () => {
    expect(isLocalOnlyUrl('not a url')).toBe(false);
  });
});
