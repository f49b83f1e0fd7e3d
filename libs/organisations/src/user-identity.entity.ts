import { Column, Index, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from 'typeorm';
import { User } from './user.entity.js';

/** Links a user to an account at an external identity provider (issuer + subject). */
@Entity('user_identity')
@Unique('uq_user_identity_issuer_subject', ['issuer', 'subject'])
export class UserIdentity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  issuer: string;

  @Column({ type: 'text' })
  subject: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
