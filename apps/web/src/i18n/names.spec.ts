import { describe, expect, it } from '@jest/globals';
import { compareNames } from './names.js';

describe('Vietnamese name order', () => {
  it('sorts by given name with Vietnamese letters (D before Đ), then by family name (Ngô before Nguyễn)', () => {
    const names = ['Lê Quang Đức', 'Nguyễn Văn Dũng', 'Nguyễn Thanh Hải', 'Ngô Thanh Hải', 'Trần Thị Ánh', 'Bùi Văn An'];
    expect([...names].sort(compareNames)).toEqual(['Bùi Văn An', 'Trần Thị Ánh', 'Nguyễn Văn Dũng', 'Lê Quang Đức', 'Ngô Thanh Hải', 'Nguyễn Thanh Hải']);
  });
});
