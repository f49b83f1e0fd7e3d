import { Module } from '@nestjs/common';
import { DOMAIN_MODULES } from '../../hub/src/app.module.js';

/** The hub's domain without the HTTP server, for admin commands. */
@Module({ imports: [...DOMAIN_MODULES] })
export class CliModule {}
