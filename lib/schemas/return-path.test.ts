import { describe, expect, it } from 'vitest';
import { returnPathSchema, safeReturnPath, signInPathFor } from './return-path';

describe('the page sign-in returns to', () => {
  it('keeps a same-origin path with its query and fragment', () => {
    expect(safeReturnPath('/accounts?x=y')).toBe('/accounts?x=y');
    expect(safeReturnPath('/accounts/a%40b.io?workspace=demo#history')).toBe(
      '/accounts/a%40b.io?workspace=demo#history',
    );
    expect(safeReturnPath('/')).toBe('/');
  });

  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['absolute https', 'https://evil.example/'],
    ['absolute http', 'http://127.0.0.1:3000/accounts'],
    ['a backslash read as a slash', '/\\evil.example'],
    ['a backslash later on', '/x/..\\..\\evil'],
    ['a tab browsers drop', '/\t/evil.example'],
    ['a newline browsers drop', '/\n/evil.example'],
    ['a scheme', 'javascript:alert(1)'],
    ['dot segments that collapse to //', '/..//evil.example'],
    ['a dot segment then //', '/.//evil.example'],
    ['no leading slash', 'accounts'],
    ['empty', ''],
    ['too long', `/${'a'.repeat(2048)}`],
  ])('refuses %s', (_name, value) => {
    expect(safeReturnPath(value)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(safeReturnPath(undefined)).toBeNull();
    expect(safeReturnPath(['/accounts'])).toBeNull();
  });

  it('the query value falls back to the home page, and takes the first of several', () => {
    expect(returnPathSchema.parse(undefined)).toBe('/');
    expect(returnPathSchema.parse('//evil.example')).toBe('/');
    expect(returnPathSchema.parse(['/jobs', '//evil'])).toBe('/jobs');
  });

  it('builds the sign-in address, encoded, and drops what is unsafe', () => {
    expect(signInPathFor('/accounts?x=y&z=1')).toBe('/sign-in?next=%2Faccounts%3Fx%3Dy%26z%3D1');
    expect(signInPathFor('/')).toBe('/sign-in');
    expect(signInPathFor('//evil.example')).toBe('/sign-in');
    expect(signInPathFor(null)).toBe('/sign-in');
  });
});
