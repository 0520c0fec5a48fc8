// The organization's profile: one item the Office edits, read by every document and report.
import type { OrganizationProfile } from '../domain/organization-profile.ts';
import { keys } from './keys.ts';
import { getItem, putItem } from './table.ts';

/** The profile as stored, with who changed it last. */
export interface StoredOrganizationProfile {
  readonly profile: OrganizationProfile;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** The organization's profile (one item). */
export const organizationProfileRepository = {
  get: () => getItem<StoredOrganizationProfile>(keys.organizationProfile()),
  async put(stored: StoredOrganizationProfile): Promise<void> {
    await putItem({ ...stored, ...keys.organizationProfile(), entity: 'organization-profile' });
  },
};
