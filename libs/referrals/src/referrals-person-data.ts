import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource } from '@hub/common';

/** The referrals lib's part of a subject access export: every referral made about the person. */
@Injectable()
@PersonData()
export class ReferralsPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [{ key: 'referrals', title: 'Referrals', order: 70, sql: `SELECT * FROM referral WHERE person_id = ANY($1::uuid[]) ORDER BY created_at, id` }];
  }
}
