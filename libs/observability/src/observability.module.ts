import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HubMetrics, METRICS } from './metrics.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [{ provide: METRICS, useFactory: () => new HubMetrics() }],
  exports: [METRICS],
})
export class ObservabilityModule {}
