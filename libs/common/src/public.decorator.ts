import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'hub:isPublic';
/** Marks a route that needs no token (login, token endpoint, health, metrics). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
