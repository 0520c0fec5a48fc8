// Reading models and a cell's compliance. Every listing is a Query.
import { modelRepository, publicModel, type StoredModel } from '../data/models.ts';
import { readsEverything } from '../domain/access.ts';
import { cellCompliance } from '../domain/compliance.ts';
import { ForbiddenError } from '../domain/errors.ts';
import type { Model } from '../domain/model.ts';
import type { Caller } from '../domain/types.ts';
import { callerPerson, campaignOrFail, cellOrFail, mayReadCell, mayReadModel } from './model-access.ts';

export interface ListModelsQuery {
  readonly campaignId: string;
  readonly year: number;
  readonly cellId?: string | undefined;
  readonly personId?: string | undefined;
}

/** GET /api/models: a cell's models (one Query), or all the caller may see of a year. */
export async function listModels(caller: Caller, query: ListModelsQuery): Promise<Model[]> {
  const person = await callerPerson(caller);
  let models: StoredModel[];
  if (query.cellId) {
    if (!mayReadCell(caller, person, query.cellId)) {
      throw new ForbiddenError('Bạn không được xem mô hình của chi bộ khác.', [
        { path: 'query.cellId', message: 'Chỉ xem được mô hình của chi bộ mình.' },
      ]);
    }
    models = await modelRepository.listByCell(query.campaignId, query.year, query.cellId);
  } else if (query.personId) {
    models = (await modelRepository.listByPerson(query.personId)).filter(
      (model) => model.campaignId === query.campaignId && model.year === query.year,
    );
  } else if (readsEverything(caller)) {
    models = await modelRepository.listByYear(query.campaignId, query.year);
  } else if (caller.roles.includes('secretary')) {
    models = await modelRepository.listByCell(query.campaignId, query.year, person.cellId);
  } else {
    models = (await modelRepository.listByPerson(person.id)).filter(
      (model) => model.campaignId === query.campaignId && model.year === query.year,
    );
  }
  return models
    .filter((model) => mayReadModel(caller, person, model))
    .map(publicModel)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** GET /api/cells/{cellId}/compliance: the cell's counts against the campaign's minimums. */
export async function complianceOfCell(caller: Caller, cellId: string, campaignId: string, year: number) {
  const person = await callerPerson(caller);
  if (!mayReadCell(caller, person, cellId)) {
    throw new ForbiddenError('Bạn không được xem số liệu của chi bộ khác.', [
      { path: 'cellId', message: 'Chỉ xem được chi bộ của mình.' },
    ]);
  }
  const [campaign, cell, models] = await Promise.all([
    campaignOrFail(campaignId),
    cellOrFail(cellId),
    modelRepository.listByCell(campaignId, year, cellId),
  ]);
  return {
    cellId: cell.id,
    cellName: cell.name,
    campaignId,
    year,
    minimum: campaign.minimumPerCell,
    ...cellCompliance(models, campaign.minimumPerCell),
  };
}
