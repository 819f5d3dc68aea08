import { Route, Routes } from 'react-router';
import { MatchesPage, NewMatchRun } from './MatchesPage';
import { ProfilePage } from './ProfilePage';
import { ReferPage } from './ReferPage';
import { NotificationsPage, ReferralPage, ReferralsPage } from './ReferralsPage';

export default function SmeRoutes() {
  return (
    <Routes>
      <Route index element={<ProfilePage />} />
      <Route path="matches" element={<NewMatchRun />} />
      <Route path="matches/:runId" element={<MatchesPage />} />
      <Route path="refer/:code" element={<ReferPage />} />
      <Route path="referrals" element={<ReferralsPage />} />
      <Route path="referrals/:id" element={<ReferralPage />} />
      <Route path="notifications" element={<NotificationsPage />} />
    </Routes>
  );
}
