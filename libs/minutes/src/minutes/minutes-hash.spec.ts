import { createHash } from 'node:crypto';
import { minutesCanonical, minutesHash } from './minutes-hash.js';

const content = { issuer: 'UBND quận Hoàn Kiếm', title: 'BIÊN BẢN HỌP', subtitle: 'Phiên họp', sections: [{ heading: 'VI. KẾT LUẬN', body: 'Đặng Văn Ước' }] };
const id = '6F9619FF-8B86-4D11-B42D-00C04FC964FF';

describe('minutes hash', () => {
  it('is the SHA-256 of canonical JSON (sorted keys, lower-case meeting id)', () => {
    const canonical = minutesCanonical(id, content);
    expect(canonical).toBe(
      '{"content":{"issuer":"UBND quận Hoàn Kiếm","sections":[{"body":"Đặng Văn Ước","heading":"VI. KẾT LUẬN"}],"subtitle":"Phiên họp","title":"BIÊN BẢN HỌP"},"meetingId":"6f9619ff-8b86-4d11-b42d-00c04fc964ff"}',
    );
    expect(minutesHash(id, content)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
  });

  it('does not depend on how diacritics were composed, and changes with any edit', () => {
    const decomposed = { ...content, sections: [{ heading: 'VI. KẾT LUẬN'.normalize('NFD'), body: 'Đặng Văn Ước'.normalize('NFD') }] };
    expect(minutesHash(id, decomposed)).toBe(minutesHash(id, content));
    expect(minutesHash(id, { ...content, sections: [{ heading: 'VI. KẾT LUẬN', body: 'Đặng Văn Uớc' }] })).not.toBe(minutesHash(id, content));
  });
});
