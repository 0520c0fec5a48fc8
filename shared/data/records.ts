// Campaigns, cells, people and models read together in one BatchGetItem: a
// request that needs several of the committee's records pays one round trip.
import type { StoredCampaign } from './campaigns.ts';
import type { StoredCell } from './cells.ts';
import { type Key, keys } from './keys.ts';
import type { StoredModel } from './models.ts';
import type { StoredPerson } from './people.ts';
import { getItems } from './table.ts';

/** What to read, by id. */
export interface RecordRequest {
  readonly campaigns?: readonly string[];
  readonly cells?: readonly string[];
  readonly people?: readonly string[];
  readonly models?: readonly string[];
}

/** What was found, by id (absent ids are missing from the maps). */
export interface Records {
  readonly campaigns: ReadonlyMap<string, StoredCampaign>;
  readonly cells: ReadonlyMap<string, StoredCell>;
  readonly people: ReadonlyMap<string, StoredPerson>;
  readonly models: ReadonlyMap<string, StoredModel>;
}

/** Reads campaigns, cells, people and models in one request. */
export async function readRecords(request: RecordRequest): Promise<Records> {
  const wanted: { kind: keyof Records; id: string; key: Key }[] = [
    ...(request.campaigns ?? []).map((id) => ({ kind: 'campaigns' as const, id, key: keys.campaign(id) })),
    ...(request.cells ?? []).map((id) => ({ kind: 'cells' as const, id, key: keys.cell(id) })),
    ...(request.people ?? []).map((id) => ({ kind: 'people' as const, id, key: keys.person(id) })),
    ...(request.models ?? []).map((id) => ({ kind: 'models' as const, id, key: keys.model(id) })),
  ];
  const found = await getItems<StoredCampaign & StoredCell & StoredPerson & StoredModel>(
    wanted.map((entry) => entry.key),
  );
  const maps = { campaigns: new Map(), cells: new Map(), people: new Map(), models: new Map() };
  wanted.forEach((entry, index) => {
    const item = found[index];
    if (item) maps[entry.kind].set(entry.id, item);
  });
  return maps;
}
