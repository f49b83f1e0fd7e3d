import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { IdentifierScheme } from './person-vocabulary.js';

@Entity('person_identifier')
@Unique('uq_person_identifier_scheme_value', ['scheme', 'value'])
export class PersonIdentifier {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  scheme: IdentifierScheme;

  /** Normalised: no spaces, upper case. */
  @Column({ type: 'text' })
  value: string;
}
