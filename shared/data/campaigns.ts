// Campaigns, and the guard "no two active campaigns register in the same year".
import type { Campaign, Stamp } from '../domain/types.ts';
import { keys } from './keys.ts';
import { deleteItem, getItem, putItem, queryIndex } from './table.ts';

/** A campaign as stored: its configuration and who made and changed it. */
export type StoredCampaign = Campaign & Partial<Stamp>;

function campaignItem(campaign: StoredCampaign) {
  return {
    ...campaign,
    ...keys.campaign(campaign.id),
    ...keys.campaignList(campaign.period.from, campaign.id),
    entity: 'campaign',
  };
}

/** The campaigns of the committee. */
export const campaignRepository = {
  /** Every campaign, by the start of its period (one Query). */
  list: () => queryIndex<StoredCampaign>('gsi1', keys.campaignListPartition),
  get: (campaignId: string) => getItem<StoredCampaign>(keys.campaign(campaignId)),
  /** Creates a campaign unless its id is taken; returns whether it did. */
  create: (campaign: StoredCampaign) =>
    putItem(campaignItem(campaign), { expression: 'attribute_not_exists(pk)' }),
  /** Replaces a campaign that exists. */
  replace: (campaign: StoredCampaign) =>
    putItem(campaignItem(campaign), { expression: 'attribute_exists(pk)' }),
  /** Writes a campaign whatever is there (the local seed). */
  put: async (campaign: StoredCampaign): Promise<void> => {
    await putItem(campaignItem(campaign));
  },

  /** Claims a registration year for a campaign; answers the holder's id when another campaign holds it. */
  async claimRegistrationYear(year: number, campaignId: string): Promise<string | undefined> {
    const key = keys.registrationYearGuard(year);
    const claimed = await putItem(
      { ...key, campaignId, year, entity: 'guard' },
      { expression: 'attribute_not_exists(pk) OR campaignId = :id', values: { ':id': campaignId } },
    );
    if (claimed) return undefined;
    return (await getItem<{ campaignId: string }>(key))?.campaignId ?? '';
  },
  /** Moves a year's claim from a campaign that no longer holds the year. */
  takeOverRegistrationYear: (year: number, fromCampaignId: string, toCampaignId: string) =>
    putItem(
      { ...keys.registrationYearGuard(year), campaignId: toCampaignId, year, entity: 'guard' },
      { expression: 'campaignId = :from', values: { ':from': fromCampaignId } },
    ),
  releaseRegistrationYear: async (year: number, campaignId: string): Promise<void> => {
    await deleteItem(keys.registrationYearGuard(year), {
      expression: 'campaignId = :id',
      values: { ':id': campaignId },
    });
  },
};
