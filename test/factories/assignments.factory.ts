import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { UnitEntity, UnitMemberEntity } from '#assignments';

/** A unit (cơ quan) with the given delegates working for it. */
export async function createUnit(ds: DataSource, overrides: Partial<UnitEntity> = {}, memberDelegateIds: string[] = []): Promise<UnitEntity> {
  const t = randomBytes(3).toString('hex').toUpperCase();
  const repo = ds.getRepository(UnitEntity);
  const unit = await repo.save(repo.create({ code: `S${t}`, name: `Sở Thử nghiệm ${t}`, parentId: null, ...overrides }));
  if (memberDelegateIds.length) await ds.getRepository(UnitMemberEntity).save(memberDelegateIds.map((delegateId) => ({ delegateId, unitId: unit.id })));
  return unit;
}
