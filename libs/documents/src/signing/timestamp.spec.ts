import forge from 'node-forge';
import { fromDer, toDer } from './cms.js';
import { TimestampError, timestampRequest, timestampToken } from './timestamp.js';

const { asn1 } = forge;

describe('RFC 3161 client encoding', () => {
  it('always encodes the nonce as a minimal, positive DER INTEGER of 8 bytes', () => {
    // 2000 draws: the old code sent a zero-padded INTEGER once in about 256 requests
    for (let i = 0; i < 2000; i++) {
      const { der, nonce } = timestampRequest(Buffer.from(`signature ${i}`));
      expect(nonce).toHaveLength(8);
      expect(nonce[0]).toBeGreaterThanOrEqual(0x40);
      expect(nonce[0]).toBeLessThan(0x80);
      const parts = fromDer(der).value as forge.asn1.Asn1[];
      expect(Buffer.from(String(parts[2].value), 'binary').equals(nonce)).toBe(true);
    }
  });

  it('turns an answer that is not a TimeStampResp, or a refusal, into a TimestampError', () => {
    expect(() => timestampToken(Buffer.from('<html>busy</html>'))).toThrow(TimestampError);
    expect(() => timestampToken(Buffer.alloc(0))).toThrow(TimestampError);
    const rejection = toDer(
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(2).getBytes())])]),
    );
    expect(() => timestampToken(rejection)).toThrow(/refused \(status 2\)/);
  });
});
