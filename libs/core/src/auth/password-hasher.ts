import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, t=3), an OWASP-recommended profile. */
export const passwordHasher = {
  hash: (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id }),
  verify: async (hash: string, password: string): Promise<boolean> => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash must read as "wrong password", never as a 500
    }
  },
};
