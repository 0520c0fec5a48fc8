// GET /api/dashboard: the Office, the committee and the inspectors see where every cell stands.

import { campaignRepository } from '../data/campaigns.ts';
import { cellRepository } from '../data/cells.ts';
import { modelRepository } from '../data/models.ts';
import { localDateOf } from '../domain/calendar.ts';
import { buildDashboard, type Dashboard, liveYears } from '../domain/dashboard.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { FailedMail } from '../domain/outbox.ts';
import type { Caller, Campaign } from '../domain/types.ts';
import { callerPerson, requireRole } from './model-access.ts';
import { failedMail } from './outbox.ts';

/** The dashboard, and for the Office the mail that could not be delivered. */
export interface DashboardView extends Dashboard {
  /** The cells the caller supervises (a committee member's "my cells"), and whether only those are shown. */
  readonly supervises: readonly string[];
  readonly onlyMine: boolean;
  readonly failedMail?: { readonly count: number; readonly items: readonly FailedMail[] };
}

/** The campaign to show when none is named: the active one running today, else the latest active, else the latest. */
function currentCampaign(campaigns: readonly Campaign[], now: Date): Campaign | undefined {
  const today = localDateOf(now);
  const active = campaigns.filter((campaign) => campaign.status === 'active');
  return (
    active.find((campaign) => campaign.period.from <= today && today <= campaign.period.to) ??
    active.at(-1) ??
    campaigns.at(-1)
  );
}

/** The dashboard of a campaign (or of today's) as of `now`. */
export async function readDashboard(
  caller: Caller,
  campaignId: string | undefined,
  now: Date,
  cellsShown: 'all' | 'mine' = 'all',
): Promise<DashboardView> {
  requireRole(caller, ['office', 'committee', 'inspector'], 'xem bảng theo dõi');
  const [campaigns, person] = await Promise.all([campaignRepository.list(), callerPerson(caller)]);
  const supervises = caller.roles.includes('committee') ? (person.supervises ?? []) : [];
  const campaign = campaignId
    ? campaigns.find((candidate) => candidate.id === campaignId)
    : currentCampaign(campaigns, now);
  if (!campaign)
    throw new NotFoundError(
      campaignId ? `Không có phong trào thi đua mã “${campaignId}”.` : 'Chưa có phong trào thi đua nào.',
    );
  const years = liveYears(campaign, now);
  const onlyMine = cellsShown === 'mine';
  const [cells, models, failed] = await Promise.all([
    onlyMine
      ? cellRepository
          .getMany(supervises)
          .then((found) =>
            found.filter((cell) => cell !== undefined).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
          )
      : cellRepository.list(),
    Promise.all(years.map((year) => modelRepository.listByYear(campaign.id, year))).then((lists) =>
      lists.flat(),
    ),
    caller.roles.includes('office') ? failedMail() : Promise.resolve(undefined),
  ]);
  return {
    ...buildDashboard(campaign, cells, models, now),
    supervises,
    onlyMine,
    ...(failed ? { failedMail: failed } : {}),
  };
}
