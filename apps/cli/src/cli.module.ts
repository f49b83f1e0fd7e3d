import { Module } from '@nestjs/common';
import { AuthModule } from '@hub/auth';
import { DOMAIN_MODULES } from '@hub/composition';

/** The hub's domain without the HTTP server, for admin commands (which issue tokens: AuthModule). */
@Module({ imports: [...DOMAIN_MODULES, AuthModule] })
export class CliModule {}
