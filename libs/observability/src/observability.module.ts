import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HubMetrics, METRICS } from './metrics.js';
import { ServingHealth } from './serving-health.js';

@Global()
@Module({
  controllers: [HealthController],
  providers: [{ provide: METRICS, useFactory: () => new HubMetrics() }, ServingHealth],
  exports: [METRICS, ServingHealth],
})
export class ObservabilityModule {}
