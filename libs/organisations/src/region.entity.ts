import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The region vocabulary hub admins maintain: people, organisations, staff and reports name regions by code. */
@Entity('region')
export class Region {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** An inactive region is kept for the records that name it, and refused for new ones. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Another name for a region (a county, an old name, a partner system's spelling), matched case-insensitively. */
@Entity('region_synonym')
@Index('ix_region_synonym_region', ['regionCode'])
export class RegionSynonym {
  /** Lower case, single-spaced. */
  @PrimaryColumn({ type: 'text' })
  synonym: string;

  @Column({ type: 'text' })
  regionCode: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
