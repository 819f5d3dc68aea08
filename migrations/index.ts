import { CreateAccounts1795803392772 } from './1795803392772-CreateAccounts';
import { CreateCatalogue1795803762039 } from './1795803762039-CreateCatalogue';
import { CreateEnterprisesAndMatchRuns1795803861942 } from './1795803861942-CreateEnterprisesAndMatchRuns';
import { CreateReferralsAndOutbox1795804116325 } from './1795804116325-CreateReferralsAndOutbox';
import { CreateCalendarOverrides1796192163369 } from './1796192163369-CreateCalendarOverrides';
import { BankOfficersLinksAndRouting1796193000000 } from './1796193000000-BankOfficersLinksAndRouting';
import { CreateNotificationsAndMail1796194000000 } from './1796194000000-CreateNotificationsAndMail';
import { CreateEnterpriseClaims1796194160997 } from './1796194160997-CreateEnterpriseClaims';
import { AddReferralDeadlines1796194258589 } from './1796194258589-AddReferralDeadlines';
import { StoreDerivedFactsVersion1796203002019 } from './1796203002019-StoreDerivedFactsVersion';
import { AddMatchRunQuestions1796203867246 } from './1796203867246-AddMatchRunQuestions';
import { CreateRematchRunsAndMatchStatuses1796205950061 } from './1796205950061-CreateRematchRunsAndMatchStatuses';
import { IndexReferralsWithoutDeadline1796209093993 } from './1796209093993-IndexReferralsWithoutDeadline';
import { ReroutingConsentPerBank1796210000000 } from './1796210000000-ReroutingConsentPerBank';

/** Every migration in order; the app, the CLI and the tests run this list. */
export const MIGRATIONS: Function[] = [
  CreateAccounts1795803392772,
  CreateCatalogue1795803762039,
  CreateEnterprisesAndMatchRuns1795803861942,
  CreateReferralsAndOutbox1795804116325,
  CreateCalendarOverrides1796192163369,
  BankOfficersLinksAndRouting1796193000000,
  CreateNotificationsAndMail1796194000000,
  CreateEnterpriseClaims1796194160997,
  AddReferralDeadlines1796194258589,
  StoreDerivedFactsVersion1796203002019,
  AddMatchRunQuestions1796203867246,
  CreateRematchRunsAndMatchStatuses1796205950061,
  IndexReferralsWithoutDeadline1796209093993,
  ReroutingConsentPerBank1796210000000,
];
