import { Reflector } from '@nestjs/core';
import { Permission, RequirePermission } from '@hub/access';
import { type Actor, ErrorCode, HubError, OrganisationKind, Role } from '@hub/common';
import { requireDeclaredPermission } from './hub-auth.guard.js';

class Operations {
  @RequirePermission(Permission.ORGANISATION_MANAGE)
  createOrganisation(): void {
    // an operation with no body: only its declaration is read
  }

  @RequirePermission(Permission.PERSON_READ)
  person(): void {
    // an operation with no body: only its declaration is read
  }

  @RequirePermission(Permission.ACCESS_LOG_READ, { onObject: true })
  personAccessLog(): void {
    // an operation with no body: only its declaration is read
  }

  forgotten(): void {
    // an operation with no body: only its declaration is read
  }
}

@RequirePermission(Permission.WEBHOOK_MANAGE)
class DeclaredOnTheClass {
  list(): void {
    // an operation with no body: only its declaration is read
  }
}

@RequirePermission(Permission.PERSON_ERASE, { onObject: true })
class OnObjectClass {
  @RequirePermission(Permission.ORGANISATION_MANAGE)
  createOrganisation(): void {
    // an operation with no body: only its declaration is read
  }
}

const actor = (roles: Role[]): Actor => ({
  kind: 'user',
  id: 'u1',
  displayName: 'x',
  organisationId: 'org-a',
  organisationKind: OrganisationKind.CHARITY,
  organisationRegions: [],
  roles,
  scopes: [],
  purpose: 'casework',
  requestId: 'r',
});

function refusal(run: () => void): { code: string; message: string } | null {
  try {
    run();
    return null;
  } catch (e) {
    if (!(e instanceof HubError)) throw e;
    return { code: e.code, message: e.message };
  }
}

describe('the guard’s permission check', () => {
  const reflector = new Reflector();
  const check = (cls: new () => object, method: string, roles: Role[]) => () =>
    requireDeclaredPermission(reflector, [(cls.prototype as Record<string, () => void>)[method], cls], actor(roles));

  it('lets an actor holding the declared permission through', () => {
    expect(refusal(check(Operations, 'createOrganisation', [Role.HUB_ADMIN]))).toBeNull();
    expect(refusal(check(Operations, 'person', []))).toBeNull();
    expect(refusal(check(DeclaredOnTheClass, 'list', [Role.ORG_ADMIN]))).toBeNull();
  });

  it('checks a method declared plainly even on a class declared onObject (the method’s declaration is read whole)', () => {
    expect(refusal(check(OnObjectClass, 'createOrganisation', [Role.ORG_ADMIN]))?.code).toBe(ErrorCode.Forbidden);
    expect(refusal(check(OnObjectClass, 'createOrganisation', [Role.HUB_ADMIN]))).toBeNull();
  });

  it('refuses one without it, with the permission’s message', () => {
    expect(refusal(check(Operations, 'createOrganisation', [Role.ORG_ADMIN]))).toEqual({
      code: ErrorCode.Forbidden,
      message: 'Only hub admins manage organisations',
    });
    expect(refusal(check(DeclaredOnTheClass, 'list', [Role.CASEWORKER]))).toEqual({
      code: ErrorCode.Forbidden,
      message: 'Org admins manage webhooks',
    });
  });

  it('leaves a permission declared onObject to the service (which requires it with the object, after its NOT_FOUND)', () => {
    expect(refusal(check(Operations, 'personAccessLog', [Role.COMMISSIONER]))).toBeNull();
  });

  it('refuses an operation that declares nothing, whoever asks (deny by default)', () => {
    for (const roles of [
      [Role.HUB_ADMIN],
      [Role.CASEWORKER, Role.MANAGER, Role.DATA_PROTECTION_OFFICER, Role.ORG_ADMIN, Role.COMMISSIONER],
    ]) {
      expect(refusal(check(Operations, 'forgotten', roles))).toEqual({
        code: ErrorCode.Forbidden,
        message: 'This operation declares no permission, so nobody may call it',
      });
    }
  });
});
