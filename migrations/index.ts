// The hub's migrations, in order. `npm run cli -- migration:generate <Name>` adds to this list.
import { Meetings1796720655376 } from './1796720655376-Meetings.js';
import { ReoffendingSummary1796731000000 } from './1796731000000-ReoffendingSummary.js';
import { AuditSearchIndexes1796733000000 } from './1796733000000-AuditSearchIndexes.js';
import { ExternalIdsPerOrganisation1796733100000 } from './1796733100000-ExternalIdsPerOrganisation.js';
import { MeetingSeries1796733200000 } from './1796733200000-MeetingSeries.js';
import { ReferralCounts1796733300000 } from './1796733300000-ReferralCounts.js';
import { ReoffendingCountStatistics1796733400000 } from './1796733400000-ReoffendingCountStatistics.js';
import { NotificationsAndAssignedTasks1796700100000 } from './1796700100000-NotificationsAndAssignedTasks.js';
import { AppointmentsAndCaseNotes1796710000000 } from './1796710000000-AppointmentsAndCaseNotes.js';
import { ReferralBasis1796619825502 } from './1796619825502-ReferralBasis.js';
import { OidcSignIn1796619940435 } from './1796619940435-OidcSignIn.js';
import { CaseworkerAccess1796620127201 } from './1796620127201-CaseworkerAccess.js';
import { EteFunnelPerPersonLock1796630000000 } from './1796630000000-EteFunnelPerPersonLock.js';
import { AuditSealing1796700000000 } from './1796700000000-AuditSealing.js';
import { SustainedOnlyAfterThirteenWeeks1796712600000 } from './1796712600000-SustainedOnlyAfterThirteenWeeks.js';
import { ReferralOutcome1796713000000 } from './1796713000000-ReferralOutcome.js';
import { InterventionRevisions1796714000000 } from './1796714000000-InterventionRevisions.js';
import { RegionVocabulary1796714656708 } from './1796714656708-RegionVocabulary.js';
import { ReferralFacts1796714658064 } from './1796714658064-ReferralFacts.js';
import { PublishedRelations1796715000000 } from './1796715000000-PublishedRelations.js';
import { AccessFactFunctions1796715100000 } from './1796715100000-AccessFactFunctions.js';
import { TolerantPersonSearch1796713500000 } from './1796713500000-TolerantPersonSearch.js';
import { TokenInvalidationAndSignInThrottle1796597533965 } from './1796597533965-TokenInvalidationAndSignInThrottle.js';
import { ReferralSentAtIndex1795826101516 } from './1795826101516-ReferralSentAtIndex.js';
import { ConsentExpiringIndex1795814460246 } from './1795814460246-ConsentExpiringIndex.js';
import { SharingAgreementEnd1795799104923 } from './1795799104923-SharingAgreementEnd.js';
import { ReferralStartDue1795800388426 } from './1795800388426-ReferralStartDue.js';
import { SyncRecordsExpiry1795789744150 } from './1795789744150-SyncRecordsExpiry.js';
import { DataEncryptionKey1795708404129 } from './1795708404129-DataEncryptionKey.js';
import { AddCommissionerRole1795708286280 } from './1795708286280-AddCommissionerRole.js';
import { ExternalRefKey1795696046173 } from './1795696046173-ExternalRefKey.js';
import { AuditChainHead1795694261302 } from './1795694261302-AuditChainHead.js';
import { EteFunnelMaintenance1795693900000 } from './1795693900000-EteFunnelMaintenance.js';
import { FunnelJobStartsThatBegan1795799000000 } from './1795799000000-FunnelJobStartsThatBegan.js';
import { EteFunnelSummary1795693813839 } from './1795693813839-EteFunnelSummary.js';
import { EteContactLapse1795693653871 } from './1795693653871-EteContactLapse.js';
import { Webhooks1795691004147 } from './1795691004147-Webhooks.js';
import { SyncJobs1795687348426 } from './1795687348426-SyncJobs.js';
import { Sync1795686925874 } from './1795686925874-Sync.js';
import { Reporting1795686590848 } from './1795686590848-Reporting.js';
import { AuditLog1795686735696 } from './1795686735696-AuditLog.js';
import { AuditChain1795686800000 } from './1795686800000-AuditChain.js';
import { Referrals1795686402640 } from './1795686402640-Referrals.js';
import { PersonRecord1795685645657 } from './1795685645657-PersonRecord.js';
import { Foundation1795684512687 } from './1795684512687-Foundation.js';
import { CatalogueAndNameSearch1795685700000 } from './1795685700000-CatalogueAndNameSearch.js';
import { AuditChainHeadPlan1795720000000 } from './1795720000000-AuditChainHeadPlan.js';
export const MIGRATIONS: Function[] = [
  Foundation1795684512687,
  PersonRecord1795685645657,
  CatalogueAndNameSearch1795685700000,
  Referrals1795686402640,
  Reporting1795686590848,
  AuditLog1795686735696,
  AuditChain1795686800000,
  Sync1795686925874,
  SyncJobs1795687348426,
  Webhooks1795691004147,
  EteContactLapse1795693653871,
  EteFunnelSummary1795693813839,
  EteFunnelMaintenance1795693900000,
  AuditChainHead1795694261302,
  ExternalRefKey1795696046173,
  AddCommissionerRole1795708286280,
  DataEncryptionKey1795708404129,
  AuditChainHeadPlan1795720000000,
  SyncRecordsExpiry1795789744150,
  FunnelJobStartsThatBegan1795799000000,
  SharingAgreementEnd1795799104923,
  ReferralStartDue1795800388426,
  ConsentExpiringIndex1795814460246,
  ReferralSentAtIndex1795826101516,
  TokenInvalidationAndSignInThrottle1796597533965,
  ReferralBasis1796619825502,
  OidcSignIn1796619940435,
  CaseworkerAccess1796620127201,
  EteFunnelPerPersonLock1796630000000,
  AuditSealing1796700000000,
  NotificationsAndAssignedTasks1796700100000,
  AppointmentsAndCaseNotes1796710000000,
  SustainedOnlyAfterThirteenWeeks1796712600000,
  ReferralOutcome1796713000000,
  TolerantPersonSearch1796713500000,
  InterventionRevisions1796714000000,
  RegionVocabulary1796714656708,
  ReferralFacts1796714658064,
  PublishedRelations1796715000000,
  AccessFactFunctions1796715100000,
  Meetings1796720655376,
  ReoffendingSummary1796731000000,
  AuditSearchIndexes1796733000000,
  ExternalIdsPerOrganisation1796733100000,
  MeetingSeries1796733200000,
  ReferralCounts1796733300000,
  ReoffendingCountStatistics1796733400000,
];
