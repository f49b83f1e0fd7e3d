import { registerEnumType } from '@nestjs/graphql';
import { CaseVisibilityRule, PurposeOfUse } from './actor.js';
import { OrganisationKind, Role, Scope } from './domain.js';

registerEnumType(OrganisationKind, { name: 'OrganisationKind', description: 'What kind of organisation a partner is' });
registerEnumType(Role, { name: 'Role', description: 'What a user may do within its organisation' });
registerEnumType(Scope, { name: 'Scope', description: 'What an API client may do' });
registerEnumType(PurposeOfUse, { name: 'PurposeOfUse', description: 'Why the data is used: recorded with every access' });
registerEnumType(CaseVisibilityRule, {
  name: 'CaseVisibilityRule',
  description: 'Who among an organisation’s staff opens a person it works with',
});
