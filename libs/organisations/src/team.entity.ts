import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A team of an organisation's staff: people are allocated to teams, users belong to teams. */
@Entity('team')
@Index('ux_team_organisation_name', ['organisationId', 'name'], { unique: true })
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A user's membership of a team (of the user's own organisation). */
@Entity('team_member')
@Index('ix_team_member_user', ['userId'])
export class TeamMember {
  @PrimaryColumn({ type: 'uuid' })
  teamId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt: Date;
}
