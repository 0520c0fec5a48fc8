// The Office creates and edits campaigns. The configuration is checked whole before
// anything is written; "no two active campaigns register in the same year" is held by one guard
// item per year, claimed with a conditional put, and released again if a later step refuses.

import { campaignRepository, type StoredCampaign } from '../data/campaigns.ts';
import { modelRepository } from '../data/models.ts';
import { reviewDueBefore } from '../domain/calendar.ts';
import {
  buildCampaign,
  type CampaignSubmission,
  calendarEditIssues,
  campaignIdFor,
  MODEL_GOVERNING_DAYS,
  sharedRegistrationYears,
} from '../domain/campaign-config.ts';
import { ConflictError, NotFoundError, RuleViolationError } from '../domain/errors.ts';
import { isFinalStatus } from '../domain/model-status.ts';
import type { Caller, Campaign } from '../domain/types.ts';
import { recordAdminChange } from './admin-audit.ts';
import { requireRole } from './model-access.ts';

function overlapError(other: Campaign, years: readonly number[]): ConflictError {
  return new ConflictError(
    `Năm ${years.join(', ')} đã thuộc phong trào đang thực hiện “${other.name}”; mỗi năm chỉ một phong trào được mở đăng ký.`,
    [
      {
        path: 'registrationYears',
        message: `Trùng năm đăng ký ${years.join(', ')} với “${other.name}” (mã ${other.id}). Hãy kết thúc phong trào đó hoặc chọn năm khác.`,
      },
    ],
  );
}

/** Refuses a campaign that would register in a year another active campaign registers in. */
async function assertNoOverlap(campaign: Campaign): Promise<void> {
  if (campaign.status !== 'active') return;
  for (const other of await campaignRepository.list()) {
    if (other.id === campaign.id || other.status !== 'active') continue;
    const years = sharedRegistrationYears(campaign, other);
    if (years.length > 0) throw overlapError(other, years);
  }
}

/** Claims every registration year of an active campaign; on a refusal, gives back what it claimed. */
async function claimYears(campaign: Campaign): Promise<void> {
  if (campaign.status !== 'active') return;
  const claimed: number[] = [];
  for (const year of campaign.registrationYears) {
    const holder = await campaignRepository.claimRegistrationYear(year, campaign.id);
    if (holder === undefined) {
      claimed.push(year);
      continue;
    }
    const other = holder ? await campaignRepository.get(holder) : undefined;
    const stale = other?.status !== 'active' || !other.registrationYears.includes(year);
    if (stale && (await campaignRepository.takeOverRegistrationYear(year, holder, campaign.id))) {
      claimed.push(year);
      continue;
    }
    for (const year of claimed) await campaignRepository.releaseRegistrationYear(year, campaign.id);
    throw other
      ? overlapError(other, [year])
      : new ConflictError('Phong trào khác vừa được lưu cùng lúc; hãy thử lại.');
  }
}

async function releaseYears(campaign: Campaign, keep: readonly number[]): Promise<void> {
  for (const year of campaign.registrationYears) {
    if (!keep.includes(year)) await campaignRepository.releaseRegistrationYear(year, campaign.id);
  }
}

function sameConfiguration(a: Campaign, b: Campaign): boolean {
  const strip = ({ createdAt, createdBy, updatedAt, updatedBy, ...rest }: StoredCampaign) => rest;
  const canonical = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)))
        : v,
    );
  return canonical(strip(a)) === canonical(strip(b));
}

/** GET /api/campaigns: every campaign, by the start of its period (anyone signed in). */
export function listCampaigns(): Promise<StoredCampaign[]> {
  return campaignRepository.list();
}

/** POST /api/campaigns: checks the whole configuration, then writes it once. */
export async function createCampaign(
  caller: Caller,
  body: CampaignSubmission,
  now: Date,
): Promise<{ campaign: StoredCampaign; created: boolean }> {
  requireRole(caller, ['office'], 'tạo phong trào thi đua');
  const campaign = buildCampaign({ ...body, id: body.id ?? campaignIdFor(body.period) });
  const existing = await campaignRepository.get(campaign.id);
  if (existing) {
    // A repeated submission answers the same; a different campaign under a taken id is refused.
    if (sameConfiguration(existing, campaign)) return { campaign: existing, created: false };
    throw new ConflictError(`Mã phong trào “${campaign.id}” đã được dùng.`, [
      { path: 'id', message: `Đã có phong trào “${existing.name}” với mã này; hãy đặt mã khác.` },
    ]);
  }
  await assertNoOverlap(campaign);
  await claimYears(campaign);
  const at = now.toISOString();
  const stored: StoredCampaign = {
    ...campaign,
    createdAt: at,
    createdBy: caller.personId,
    updatedAt: at,
    updatedBy: caller.personId,
  };
  if (!(await campaignRepository.create(stored))) {
    await releaseYears(campaign, []);
    const raced = await campaignRepository.get(campaign.id);
    if (raced && sameConfiguration(raced, campaign)) return { campaign: raced, created: false };
    throw new ConflictError(`Mã phong trào “${campaign.id}” vừa được dùng.`, [
      { path: 'id', message: 'Hãy đặt mã khác.' },
    ]);
  }
  await recordAdminChange({
    entity: 'campaign',
    id: stored.id,
    at,
    actor: caller.personId,
    action: 'created',
    before: undefined,
    after: stored,
  });
  return { campaign: stored, created: true };
}

/**
 * Refuses (422) an edit of a day that governs the open models of an active campaign: their
 * workflows wait on the deadlines they were registered under, and the two must never disagree.
 */
async function assertCalendarEditAllowed(existing: Campaign, campaign: Campaign, now: Date): Promise<void> {
  const changed = MODEL_GOVERNING_DAYS.some((field) => existing.calendar[field] !== campaign.calendar[field]);
  if (existing.status !== 'active' || !changed) return;
  const counts = await Promise.all(
    // A year whose reviews have closed has no model left waiting on a deadline.
    existing.registrationYears
      .filter((year) => now.getTime() < reviewDueBefore(existing, year).getTime())
      .map(
        async (year) =>
          [
            year,
            (await modelRepository.listByYear(existing.id, year)).filter(
              (model) => !isFinalStatus(model.status),
            ).length,
          ] as const,
      ),
  );
  const issues = calendarEditIssues(existing, campaign, Object.fromEntries(counts));
  if (issues.length > 0) {
    throw new RuleViolationError(
      'Không sửa được lịch của phong trào đang thực hiện khi còn mô hình chưa kết thúc.',
      issues,
    );
  }
}

/** PUT /api/campaigns/{id}: replaces the configuration (and the status) of a campaign. */
export async function updateCampaign(
  caller: Caller,
  campaignId: string,
  body: CampaignSubmission,
  now: Date,
): Promise<StoredCampaign> {
  requireRole(caller, ['office'], 'sửa phong trào thi đua');
  const existing: StoredCampaign | undefined = await campaignRepository.get(campaignId);
  if (!existing) throw new NotFoundError(`Không có phong trào thi đua mã “${campaignId}”.`);
  if (body.id !== undefined && body.id !== campaignId) {
    throw new ConflictError('Không đổi được mã phong trào.', [
      { path: 'id', message: `Mã phong trào là “${campaignId}” và không thay đổi.` },
    ]);
  }
  const campaign = buildCampaign({ ...body, id: campaignId });
  if (sameConfiguration(existing, campaign)) return existing;
  await assertCalendarEditAllowed(existing, campaign, now);
  await assertNoOverlap(campaign);
  await claimYears(campaign);
  const stored: StoredCampaign = {
    ...campaign,
    createdAt: existing.createdAt ?? now.toISOString(),
    createdBy: existing.createdBy ?? caller.personId,
    updatedAt: now.toISOString(),
    updatedBy: caller.personId,
  };
  await campaignRepository.replace(stored);
  await releaseYears(existing, campaign.status === 'active' ? campaign.registrationYears : []);
  await recordAdminChange({
    entity: 'campaign',
    id: campaignId,
    at: stored.updatedAt ?? now.toISOString(),
    actor: caller.personId,
    action: 'updated',
    before: existing,
    after: stored,
  });
  return stored;
}
