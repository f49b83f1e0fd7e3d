import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Organisation } from './organisation.entity.js';

/**
 * An organisation's own OpenID Connect provider, through which its staff sign in to the portal
 * (libs/auth oidc-sign-in.service.ts). One per organisation. The client secret is sealed at rest
 * (SecretBoxService, context `identity-provider:<organisationId>`) and never read back by the API.
 */
@Entity('organisation_identity_provider')
export class OrganisationIdentityProvider {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @OneToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  organisation?: Relation<Organisation>;

  /** The provider's issuer identifier (its discovery document is at <issuer>/.well-known/openid-configuration). */
  @Column({ type: 'text' })
  issuer: string;

  @Column({ type: 'text' })
  clientId: string;

  /** Sealed (SecretBoxService). */
  @Column({ type: 'text' })
  clientSecret: string;

  /** The ID token claim whose value is linked to a user (`sub`, `email`, `preferred_username`, ...). */
  @Column({ type: 'text', default: 'sub' })
  identityClaim: string;

  /** A sign-in must show a second factor: `amr` holding `mfa` (RFC 8176) or an `acr` among mfaAcrValues. */
  @Column({ type: 'boolean', default: false })
  mfaRequired: boolean;

  /** `acr` values this provider uses for a sign-in with a second factor. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  mfaAcrValues: string[];

  /** An identity no user is linked to creates a user of this organisation with no roles at its first sign-in. */
  @Column({ type: 'boolean', default: false })
  provisionUsers: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
