// GET /api/tasks: what awaits the caller. Each role reads only what its tasks need, by Query
// (a cell's models, a person's models, a year's models, a year's extensions) — never a Scan.
import { campaignRepository } from '../data/campaigns.ts';
import { cellRepository } from '../data/cells.ts';
import { extensionRepository } from '../data/extensions.ts';
import { modelRepository, type StoredModel } from '../data/models.ts';
import { registrationWindow, reviewDueBefore, selfAssessmentDueBefore } from '../domain/calendar.ts';
import {
  extensionKey,
  failedMailTasks,
  openedYears,
  openTasks,
  sortTasks,
  type Task,
  type TaskModel,
} from '../domain/tasks.ts';
import type { Caller, Campaign, Cell, Person } from '../domain/types.ts';
import { callerPerson } from './model-access.ts';
import { failedMail } from './outbox.ts';

const READERS = ['office', 'committee', 'inspector'] as const;

function taskModel(model: StoredModel): TaskModel {
  return {
    id: model.id,
    title: model.title,
    kind: model.kind,
    cellId: model.cellId,
    ...(model.personId ? { personId: model.personId } : {}),
    registeredBy: model.registeredBy,
    status: model.status,
    year: model.year,
    ...(model.awaiting ? { awaiting: model.awaiting } : {}),
    ...(model.returnRequest ? { returnRequest: model.returnRequest } : {}),
    selfAssessmentDueBefore: model.selfAssessmentDueBefore,
    reviewDueBefore: model.reviewDueBefore,
  };
}

/** The years whose review is still open (reviews, self-assessments, registrations); the inspector also sees the closed ones. */
function yearsToRead(campaign: Campaign, caller: Caller, now: Date): number[] {
  const opened = openedYears(campaign, now);
  if (caller.roles.includes('inspector')) return opened;
  return opened.filter((year) => now.getTime() < reviewDueBefore(campaign, year).getTime());
}

/** The years in which an extension may keep a cell's registration open at `now`. */
function extensionYears(campaign: Campaign, years: readonly number[], now: Date): number[] {
  return years.filter(
    (year) =>
      registrationWindow(campaign, year).closesBefore.getTime() <= now.getTime() &&
      now.getTime() < selfAssessmentDueBefore(campaign, year).getTime(),
  );
}

async function modelsFor(campaign: Campaign, caller: Caller, person: Person, years: readonly number[]) {
  if (caller.roles.some((role) => (READERS as readonly string[]).includes(role))) {
    return (await Promise.all(years.map((year) => modelRepository.listByYear(campaign.id, year)))).flat();
  }
  if (caller.roles.includes('secretary')) {
    const [cellModels, own] = await Promise.all([
      Promise.all(years.map((year) => modelRepository.listByCell(campaign.id, year, person.cellId))),
      modelRepository.listByPerson(person.id),
    ]);
    const byId = new Map([...cellModels.flat(), ...own].map((model) => [model.id, model]));
    return [...byId.values()].filter(
      (model) => model.campaignId === campaign.id && years.includes(model.year),
    );
  }
  return (await modelRepository.listByPerson(person.id)).filter(
    (model) => model.campaignId === campaign.id && years.includes(model.year),
  );
}

async function extensionsFor(campaign: Campaign, caller: Caller, person: Person, years: readonly number[]) {
  const office = caller.roles.includes('office');
  const secretary = caller.roles.includes('secretary');
  if (!office && !secretary) return {};
  const found = await Promise.all(
    years.map(async (year) =>
      office
        ? extensionRepository.listByYear(campaign.id, year)
        : [await extensionRepository.get(campaign.id, year, person.cellId)].filter((e) => e !== undefined),
    ),
  );
  return Object.fromEntries(found.flat().map((e) => [extensionKey(e.year, e.cellId), e.closesBefore]));
}

/** The caller's open tasks in the active campaigns, soonest first (supervised cells' reviews first). */
export async function listTasks(caller: Caller, now: Date): Promise<Task[]> {
  const [person, campaigns] = await Promise.all([callerPerson(caller), campaignRepository.list()]);
  const office = caller.roles.includes('office');
  const [cells, failed] = await Promise.all([
    office ? cellRepository.list() : Promise.resolve([] as Cell[]),
    office ? failedMail() : Promise.resolve(undefined),
  ]);
  const perCampaign = await Promise.all(
    campaigns
      .filter((campaign) => campaign.status === 'active')
      .map(async (campaign) => {
        const years = yearsToRead(campaign, caller, now);
        const [models, extensions] = await Promise.all([
          modelsFor(campaign, caller, person, years),
          extensionsFor(campaign, caller, person, extensionYears(campaign, years, now)),
        ]);
        return openTasks({
          campaign,
          now,
          person,
          roles: caller.roles,
          models: models.map(taskModel),
          cells,
          extensions,
        });
      }),
  );
  return sortTasks([...perCampaign.flat(), ...(failed ? failedMailTasks(failed.items) : [])]);
}
