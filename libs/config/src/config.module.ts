import { Global, Module } from '@nestjs/common';
import { HUB_CONFIG } from './config.tokens.js';
import { loadConfig } from './hub-config.js';

@Global()
@Module({
  providers: [{ provide: HUB_CONFIG, useFactory: () => loadConfig() }],
  exports: [HUB_CONFIG],
})
export class ConfigModule {}
