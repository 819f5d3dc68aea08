import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('should open what it sealed when the aad matches', () => {
    const sealed = box.seal('whsec_abc', 'bank:1');
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed, 'bank:1')).toBe('whsec_abc');
  });

  it('should refuse to open when the aad, the ciphertext or the key differ', () => {
    const sealed = box.seal('whsec_abc', 'bank:1');
    expect(() => box.open(sealed, 'bank:2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'bank:1')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'bank:1')).toThrow();
  });

  it('should give a different ciphertext each time for the same secret', () => {
    expect(box.seal('same', 'a')).not.toBe(box.seal('same', 'a'));
  });
});
