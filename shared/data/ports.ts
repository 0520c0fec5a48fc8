import type { Campaign, Cell, Person } from '../domain/types.ts';

// Small ports the domain and handlers depend on; the DynamoDB adapter in
// dynamo-repositories.ts is the one implementation.

export interface CampaignRepository {
  list(): Promise<Campaign[]>;
  get(campaignId: string): Promise<Campaign | undefined>;
  /** Creates or replaces a campaign. */
  put(campaign: Campaign): Promise<void>;
}

export interface CellRepository {
  list(): Promise<Cell[]>;
  get(cellId: string): Promise<Cell | undefined>;
  put(cell: Cell): Promise<void>;
}

export interface PersonRepository {
  get(personId: string): Promise<Person | undefined>;
  findByUsername(username: string): Promise<Person | undefined>;
  listByCell(cellId: string): Promise<Person[]>;
  put(person: Person): Promise<void>;
}
