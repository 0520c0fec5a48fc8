// The organization's profile: the Office keeps it, every document and report reads it. Until the
// Office saves one, the demo organization's profile stands in, so documents can be previewed at once.
import { organizationProfileRepository } from '../data/organization-profile.ts';
import {
  checkOrganizationProfile,
  DEMO_ORGANIZATION_PROFILE,
  type OrganizationProfile,
} from '../domain/organization-profile.ts';
import type { Caller } from '../domain/types.ts';
import { recordAdminChange } from './admin-audit.ts';
import { callerPerson, requireRole } from './model-access.ts';

/** The profile as the API answers it: whether the Office saved it, and when. */
export interface ProfileAnswer {
  readonly profile: OrganizationProfile;
  readonly stored: boolean;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

/** The profile in force: the stored one, or the default until the Office saves one. */
export async function currentProfile(): Promise<OrganizationProfile> {
  return (await organizationProfileRepository.get())?.profile ?? DEMO_ORGANIZATION_PROFILE;
}

/** GET /api/organization-profile: anyone signed in may read what documents say about the committee. */
export async function readOrganizationProfile(caller: Caller): Promise<ProfileAnswer> {
  await callerPerson(caller);
  const stored = await organizationProfileRepository.get();
  return stored
    ? { profile: stored.profile, stored: true, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy }
    : { profile: DEMO_ORGANIZATION_PROFILE, stored: false };
}

/** PUT /api/organization-profile: the Office replaces the profile; the change is audited field by field. */
export async function updateOrganizationProfile(
  caller: Caller,
  body: unknown,
  now: Date,
): Promise<ProfileAnswer> {
  requireRole(caller, ['office'], 'sửa hồ sơ tổ chức');
  const profile = checkOrganizationProfile(body);
  const before = await organizationProfileRepository.get();
  const stored = { profile, updatedAt: now.toISOString(), updatedBy: caller.personId };
  await organizationProfileRepository.put(stored);
  await recordAdminChange({
    entity: 'organization',
    id: 'profile',
    at: stored.updatedAt,
    actor: caller.personId,
    action: before ? 'updated' : 'created',
    before: before?.profile ?? DEMO_ORGANIZATION_PROFILE,
    after: profile,
  });
  return { ...stored, stored: true };
}
