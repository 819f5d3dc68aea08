import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { CalendarOverride } from '../modules/calendar/calendar-override.entity';
import { PasswordToken, RefreshToken } from '../modules/auth/auth-token.entity';
import { BankApiKey } from '../modules/auth/bank-api-key.entity';
import { User } from '../modules/auth/user.entity';
import {
  FinancingProduct,
  FinancingProductVersion,
} from '../modules/catalog/financing-product.entity';
import { EnterpriseClaim } from '../modules/enterprises/enterprise-claim.entity';
import { Enterprise, EnterpriseVersion } from '../modules/enterprises/enterprise.entity';
import { MatchRun } from '../modules/matching/match-run.entity';
import { ProductMatchStatus } from '../modules/matching/product-match-status.entity';
import { RematchRun } from '../modules/rematch/rematch-run.entity';
import { Referral, ReferralConsent, ReferralEvent } from '../modules/referrals/referral.entity';
import {
  OutboxMessage,
  WebhookAttempt,
  WebhookDelivery,
} from '../modules/notifications/delivery.entity';
import { BankProductLink } from '../modules/catalog/bank-product.entity';
import { MailDelivery } from '../modules/notifications/mail-delivery.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { PartnerBank } from '../modules/partners/partner-bank.entity';

/** Every entity, listed once for the app and the migration CLI. */
export const ENTITIES = [
  User,
  PartnerBank,
  BankApiKey,
  PasswordToken,
  RefreshToken,
  BankProductLink,
  AuditEntry,
  FinancingProduct,
  FinancingProductVersion,
  Enterprise,
  EnterpriseVersion,
  EnterpriseClaim,
  MatchRun,
  ProductMatchStatus,
  RematchRun,
  Referral,
  ReferralConsent,
  ReferralEvent,
  WebhookDelivery,
  WebhookAttempt,
  OutboxMessage,
  CalendarOverride,
  Notification,
  MailDelivery,
];
