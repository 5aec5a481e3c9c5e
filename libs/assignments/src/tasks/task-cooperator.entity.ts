import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UnitEntity } from '../units/unit.entity.js';
import { AssignmentTaskEntity } from './assignment-task.entity.js';

/** A unit cooperating on a task (cơ quan phối hợp); it sees the task but may not update it. */
@Entity('assignment_task_cooperators')
export class TaskCooperatorEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Index('ix_assignment_task_cooperators_unit_id')
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => AssignmentTaskEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id', foreignKeyConstraintName: 'fk_assignment_task_cooperators_task' })
  task?: AssignmentTaskEntity;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_assignment_task_cooperators_unit' })
  unit?: UnitEntity;
}
