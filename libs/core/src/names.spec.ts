import { describe, expect, it } from '@jest/globals';
import { byVietnameseName, compareVietnameseNames } from './names.js';

describe('compareVietnameseNames', () => {
  it('sorts by given name, D before Đ, Ngô before Nguyễn, Vietnamese letters in place', () => {
    const names = ['Nguyễn Văn Đức', 'Lê Thị Dung', 'Nguyễn Văn An', 'Ngô Văn An', 'Trần Thị Ánh', 'Phạm Văn Bình'];
    expect([...names].sort(compareVietnameseNames)).toEqual(['Ngô Văn An', 'Nguyễn Văn An', 'Trần Thị Ánh', 'Phạm Văn Bình', 'Lê Thị Dung', 'Nguyễn Văn Đức']);
  });

  it('byVietnameseName keeps the input and sorts a copy', () => {
    const rows = [{ n: 'Đỗ Văn Đạt' }, { n: 'Vũ Văn Dũng' }];
    expect(byVietnameseName(rows, (r) => r.n).map((r) => r.n)).toEqual(['Vũ Văn Dũng', 'Đỗ Văn Đạt']);
    expect(rows[0].n).toBe('Đỗ Văn Đạt');
  });
});
