// Loads the demo organization and the seed campaign into an empty table.
import { readFileSync } from 'node:fs';
import { campaignRepository } from '../../shared/data/campaigns.ts';
import { cellRepository } from '../../shared/data/cells.ts';
import { personRepository } from '../../shared/data/people.ts';
import type { Campaign, Cell, Person } from '../../shared/domain/types.ts';

export interface DemoOrganization {
  readonly committee: { readonly id: string; readonly name: string };
  readonly cells: Cell[];
  readonly people: Person[];
}

const SEED_DIR = new URL('./seed/', import.meta.url);

/** The demo organization fixture (also read by the tests). */
export function demoOrganization(): DemoOrganization {
  return JSON.parse(readFileSync(new URL('demo-organization.json', SEED_DIR), 'utf8')) as DemoOrganization;
}

/** The seed's 2016–2020 campaign fixture. */
export function seedCampaign(): Campaign {
  return JSON.parse(readFileSync(new URL('campaign-2016-2020.json', SEED_DIR), 'utf8')) as Campaign;
}

/** Seeds the table when it holds no campaign yet; returns whether it did. */
export async function seedIfEmpty(): Promise<boolean> {
  if ((await campaignRepository.list()).length > 0) return false;
  const organization = demoOrganization();
  await Promise.all(organization.cells.map((cell) => cellRepository.put(cell)));
  await Promise.all(organization.people.map((person) => personRepository.put(person)));
  // The campaign goes last: its presence marks the seed as complete.
  await campaignRepository.put(seedCampaign());
  return true;
}
