import { describe, expect, it } from '@jest/globals';
import { filenameOf } from './client.js';

describe('filenameOf (Content-Disposition of the exports)', () => {
  it('prefers the UTF-8 name, so Vietnamese file names keep their diacritics', () => {
    expect(filenameOf(`attachment; filename="bien-ban-Phien_hop.pdf"; filename*=UTF-8''bi%C3%AAn-b%E1%BA%A3n-Phi%C3%AAn%20h%E1%BB%8Dp.pdf`)).toBe('biên-bản-Phiên họp.pdf');
  });

  it('falls back to the plain name when there is no UTF-8 form or it is malformed', () => {
    expect(filenameOf('attachment; filename="nhiem-vu.xlsx"')).toBe('nhiem-vu.xlsx');
    expect(filenameOf(`attachment; filename="a.pdf"; filename*=UTF-8''%E1%ZZ.pdf`)).toBe('a.pdf');
  });

  it('no header or no name: null, and the caller uses its own name', () => {
    expect(filenameOf(null)).toBeNull();
    expect(filenameOf('attachment')).toBeNull();
  });
});
