import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { OutcomeKind } from './intervention-vocabulary.js';

/** The catalogue: what partners do, each in a group and a data category. Hub admins extend it. */
@Entity('intervention_type')
export class InterventionType {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** Grouping for people: employability, skills, training, employment, support. */
  @Column({ type: 'text' })
  groupName: string;

  @Column({ type: 'text' })
  dataCategory: string;

  @Column({ type: 'text', default: 'none' })
  outcomeKind: OutcomeKind;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
