import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createValidationPipe, DomainError } from '#core';
import { CastBallotDto, MAX_POLL_OPTIONS, wellFormedCast } from './polls.dto.js';

const POLL = '0b6e3c1a-5d2f-4c8e-9a71-2f3b4c5d6e7f';
const BALLOT = 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f';
const OPTION = 'e1f2a3b4-c5d6-4e7f-a8b9-c0d1e2f3a4b5';
const valid = { pollId: POLL, ballotId: BALLOT, choices: [OPTION] };

/** What class-validator alone says, with the global pipe's options. */
async function decoratorsAccept(value: unknown): Promise<boolean> {
  if (typeof value !== 'object' || value === null) return false;
  const errors = await validate(plainToInstance(CastBallotDto, value), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return errors.length === 0;
}

const cases: [string, unknown][] = [
  ['a ballot', valid],
  ['no choice', { ...valid, choices: [] }],
  ['an upper-case uuid', { ...valid, ballotId: BALLOT.toUpperCase() }],
  ['a proxy ballot', { ...valid, onBehalfOf: OPTION }],
  ['onBehalfOf null', { ...valid, onBehalfOf: null }],
  ['onBehalfOf not a uuid', { ...valid, onBehalfOf: 'x' }],
  ['an unknown field', { ...valid, extra: 1 }],
  ['a __proto__ field', JSON.parse(`{"pollId":"${POLL}","ballotId":"${BALLOT}","choices":[],"__proto__":{"x":1}}`) as unknown],
  ['pollId missing', { ballotId: BALLOT, choices: [OPTION] }],
  ['pollId a number', { ...valid, pollId: 5 }],
  ['ballotId not a uuid', { ...valid, ballotId: 'not-a-uuid' }],
  ['a uuid with a version the validator refuses', { ...valid, ballotId: 'c3d4e5f6-a7b8-9c9d-8e0f-1a2b3c4d5e6f' }],
  ['a uuid with spaces around', { ...valid, ballotId: ` ${BALLOT} ` }],
  ['choices a string', { ...valid, choices: OPTION }],
  ['a choice not a uuid', { ...valid, choices: [OPTION, 'abstain'] }],
  ['a choice null', { ...valid, choices: [null] }],
  ['too many choices', { ...valid, choices: Array.from({ length: MAX_POLL_OPTIONS + 1 }, () => OPTION) }],
  ['as many choices as allowed', { ...valid, choices: Array.from({ length: MAX_POLL_OPTIONS }, () => OPTION) }],
  ['an array', [valid]],
  ['null', null],
  ['a string', 'ballot'],
];

describe('wellFormedCast (the hand-written check of vote:cast payloads)', () => {
  it.each(cases)('never accepts what the decorators refuse: %s', async (_name, value) => {
    const fast = wellFormedCast(value);
    if (fast !== null) {
      expect(await decoratorsAccept(value)).toBe(true);
      expect(fast).toBeInstanceOf(CastBallotDto);
      expect({ ...fast }).toEqual(value);
    }
  });

  it('takes the common ballots itself', () => {
    expect(wellFormedCast(valid)).not.toBeNull();
    expect(wellFormedCast({ ...valid, onBehalfOf: OPTION })).not.toBeNull();
    expect(wellFormedCast({ ...valid, choices: [] })).not.toBeNull();
  });

  it('leaves refusals to the validation pipe, with its usual details', async () => {
    const pipe = createValidationPipe();
    const refusal = await pipe.transform({ ...valid, ballotId: 'nope', extra: 1 }, { type: 'body', metatype: CastBallotDto }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('VALIDATION_FAILED');
    expect((refusal as DomainError).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'ballotId' }), expect.objectContaining({ field: 'extra' })]),
    );
  });

  it('gives the same DTO through the pipe as class-transformer would', async () => {
    const pipe = createValidationPipe();
    const dto = (await pipe.transform({ ...valid }, { type: 'body', metatype: CastBallotDto })) as CastBallotDto;
    expect(dto).toBeInstanceOf(CastBallotDto);
    expect(dto).toEqual(plainToInstance(CastBallotDto, valid));
    // a second pipe on the same parameter (global + @WsBody) passes the validated DTO through
    expect(await pipe.transform(dto, { type: 'body', metatype: CastBallotDto })).toBe(dto);
  });
});
