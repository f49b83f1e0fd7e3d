import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep } from '@hub/common';

/**
 * The notifications lib's part of a subject access export and of an erasure: the emails the hub sent
 * (or held back) to staff about the person's referrals and tasks. The export says what kind, when and
 * what became of it, not to whom (staff data) nor any address.
 */
@Injectable()
@PersonData()
export class NotificationsPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'notifications',
        title: 'Emails to staff about the record',
        order: 74,
        sql: `SELECT n.kind, n.subject_type, n.status, n.created_at, n.sent_at
                FROM notification n WHERE n.person_id = ANY($1::uuid[]) ORDER BY n.created_at`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [{ key: 'notifications', order: 45, sql: 'DELETE FROM notification WHERE person_id = ANY($1::uuid[])' }];
  }
}
