// Reports on demand: always computed from the current models, so a report downloaded
// after a late review already counts it. The periodic jobs call the same function on their day.

import { campaignRepository } from '../data/campaigns.ts';
import { cellRepository } from '../data/cells.ts';
import { modelRepository } from '../data/models.ts';
import { personRepository } from '../data/people.ts';
import { InvalidInputError, NotFoundError } from '../domain/errors.ts';
import { buildReport, phaseYears, type ReportData, type ReportKind } from '../domain/reports.ts';
import type { Caller, Campaign } from '../domain/types.ts';
import { requireRole } from './model-access.ts';

export interface ReportRequest {
  readonly campaignId: string;
  readonly year?: number | undefined;
  readonly phaseId?: string | undefined;
}

async function campaignOf(campaignId: string): Promise<Campaign> {
  const campaign = await campaignRepository.get(campaignId);
  if (!campaign) throw new NotFoundError(`Không có phong trào thi đua mã “${campaignId}”.`);
  return campaign;
}

/** Computes one report of a campaign as of `now` (no access check: for the jobs and the route below). */
export async function computeReport(
  kind: ReportKind,
  request: ReportRequest,
  now: Date,
): Promise<ReportData> {
  const campaign = await campaignOf(request.campaignId);
  let years: number[];
  const phase =
    kind === 'phase' ? campaign.phases.find((candidate) => candidate.id === request.phaseId) : undefined;
  if (kind === 'phase') {
    if (!phase) {
      throw new InvalidInputError('Cần chọn đợt sơ kết / tổng kết.', [
        {
          path: 'query.phaseId',
          message: `Đợt phải là một trong: ${campaign.phases.map((candidate) => candidate.id).join(', ')}.`,
        },
      ]);
    }
    years = phaseYears(campaign, phase);
  } else if (kind === 'term') {
    years = [...campaign.registrationYears];
  } else {
    if (request.year === undefined || !campaign.registrationYears.includes(request.year)) {
      throw new InvalidInputError('Cần chọn năm đăng ký của phong trào.', [
        { path: 'query.year', message: `Năm phải là một trong: ${campaign.registrationYears.join(', ')}.` },
      ]);
    }
    years = [request.year];
  }
  const cells = await cellRepository.list();
  const [models, people] = await Promise.all([
    Promise.all(years.map((year) => modelRepository.listByYear(campaign.id, year))).then((lists) =>
      lists.flat(),
    ),
    Promise.all(cells.map((cell) => personRepository.listByCell(cell.id))).then((lists) => lists.flat()),
  ]);
  return buildReport({
    kind,
    campaign,
    ...(request.year !== undefined && kind !== 'phase' && kind !== 'term' ? { year: request.year } : {}),
    ...(phase ? { phase } : {}),
    cells,
    personNames: Object.fromEntries(people.map((person) => [person.id, person.name])),
    models,
    now,
  });
}

/** GET /api/reports/{kind}: the Office, the committee and the inspectors read reports; nobody else. */
export async function readReport(
  caller: Caller,
  kind: ReportKind,
  request: ReportRequest,
  now: Date,
): Promise<ReportData> {
  requireRole(caller, ['office', 'committee', 'inspector'], 'xem báo cáo');
  return computeReport(kind, request, now);
}
