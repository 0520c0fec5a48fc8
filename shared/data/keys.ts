// Every key the single table uses is built here and nowhere else
// (docs/data-model.md describes the access patterns they serve).

export interface Key {
  readonly pk: string;
  readonly sk: string;
}

const META = 'META';

export const keys = {
  campaign: (campaignId: string): Key => ({ pk: `CAMPAIGN#${campaignId}`, sk: META }),
  /** gsi1: every campaign, ordered by the start of its period. */
  campaignList: (periodFrom: string, campaignId: string) => ({
    gsi1pk: 'CAMPAIGNS',
    gsi1sk: `${periodFrom}#${campaignId}`,
  }),
  campaignListPartition: 'CAMPAIGNS',

  cell: (cellId: string): Key => ({ pk: `CELL#${cellId}`, sk: META }),
  /** gsi1: every cell of the committee, ordered by name. */
  cellList: (name: string, cellId: string) => ({ gsi1pk: 'CELLS', gsi1sk: `${name}#${cellId}` }),
  cellListPartition: 'CELLS',

  person: (personId: string): Key => ({ pk: `PERSON#${personId}`, sk: META }),
  /** gsi1: the people of a cell; gsi2: a username's person. */
  personIndexes: (cellId: string, name: string, personId: string, username: string) => ({
    gsi1pk: `CELL#${cellId}#PEOPLE`,
    gsi1sk: `${name}#${personId}`,
    gsi2pk: `USERNAME#${username}`,
    gsi2sk: META,
  }),
  cellPeoplePartition: (cellId: string) => `CELL#${cellId}#PEOPLE`,
  usernamePartition: (username: string) => `USERNAME#${username}`,

  model: (modelId: string): Key => ({ pk: `MODEL#${modelId}`, sk: META }),
  /**
   * gsi1: models by campaign, year and cell; gsi2: by campaign and year; gsi3:
   * by person. Each in the order registered. No index key holds the status, so
   * a step of the cycle changes a model with one update and no key moves.
   */
  modelIndexes: (m: {
    campaignId: string;
    year: number;
    cellId: string;
    personId?: string | undefined;
    createdAt: string;
    id: string;
  }) => ({
    gsi1pk: `CAMPAIGN#${m.campaignId}#YEAR#${m.year}#CELL#${m.cellId}`,
    gsi1sk: `${m.createdAt}#${m.id}`,
    gsi2pk: `CAMPAIGN#${m.campaignId}#YEAR#${m.year}`,
    gsi2sk: `${m.createdAt}#${m.id}`,
    ...(m.personId ? { gsi3pk: `PERSON#${m.personId}`, gsi3sk: `${m.campaignId}#${m.year}#${m.id}` } : {}),
  }),
  modelsByCellPartition: (campaignId: string, year: number, cellId: string) =>
    `CAMPAIGN#${campaignId}#YEAR#${year}#CELL#${cellId}`,
  modelsByYearPartition: (campaignId: string, year: number) => `CAMPAIGN#${campaignId}#YEAR#${year}`,
  modelsByPersonPartition: (personId: string) => `PERSON#${personId}`,

  /** An audit entry of a model: who changed what, when. Sorted by time. */
  modelAudit: (modelId: string, at: string, seq: string): Key => ({
    pk: `MODEL#${modelId}`,
    sk: `AUDIT#${at}#${seq}`,
  }),
  modelAuditPrefix: 'AUDIT#',

  /** One of a model's 20 attachment slots: a slot is taken by one conditional put, which caps the count. */
  attachment: (modelId: string, slot: number): Key => ({
    pk: `MODEL#${modelId}`,
    sk: `ATTACHMENT#${String(slot).padStart(2, '0')}`,
  }),
  attachmentPrefix: 'ATTACHMENT#',

  /** Guards "one individual model per person per year" with one conditional put. */
  individualGuard: (campaignId: string, year: number, personId: string): Key => ({
    pk: `GUARD#INDIVIDUAL#${campaignId}#${year}#${personId}`,
    sk: META,
  }),

  /** The Office's late-registration grant for one cell and year. */
  extension: (campaignId: string, year: number, cellId: string): Key => ({
    pk: `CAMPAIGN#${campaignId}#YEAR#${year}`,
    sk: `EXTENSION#${cellId}`,
  }),
  /** The partition and key prefix holding every extension of a campaign's year. */
  extensionsOfYear: (campaignId: string, year: number) => ({
    pk: `CAMPAIGN#${campaignId}#YEAR#${year}`,
    prefix: 'EXTENSION#',
  }),

  /** One scheduled job's run for a campaign and date: its idempotency record and the job log. */
  jobRun: (campaignId: string, date: string, job: string): Key => ({
    pk: `JOBS#${campaignId}`,
    sk: `${date}#${job}`,
  }),

  /** One message of the outbox; gsi2 lists the messages of a status, oldest first. */
  mail: (mailId: string): Key => ({ pk: `MAIL#${mailId}`, sk: META }),
  mailStatusIndex: (status: string, createdAt: string, mailId: string) => ({
    gsi2pk: `MAILS#${status}`,
    gsi2sk: `${createdAt}#${mailId}`,
  }),
  mailStatusPartition: (status: string) => `MAILS#${status}`,

  /** One pending change of a person's sign-in, by person and record version; gsi2 lists them by status. */
  identitySync: (personId: string, recordVersion: string): Key => ({
    pk: `IDENTITY-SYNC#${personId}`,
    sk: recordVersion,
  }),
  identitySyncStatusIndex: (status: string, createdAt: string, syncId: string) => ({
    gsi2pk: `IDENTITY-SYNCS#${status}`,
    gsi2sk: `${createdAt}#${syncId}`,
  }),
  identitySyncStatusPartition: (status: string) => `IDENTITY-SYNCS#${status}`,

  /** Guards "no two active campaigns of the committee register in the same year" (one per year). */
  registrationYearGuard: (year: number): Key => ({ pk: `GUARD#REGISTRATION-YEAR#${year}`, sk: META }),

  /** Guards "one person per username" with one conditional put. */
  usernameGuard: (username: string): Key => ({ pk: `GUARD#USERNAME#${username}`, sk: META }),

  /** An import of the Office's lists: its state and progress. */
  importJob: (importId: string): Key => ({ pk: `IMPORT#${importId}`, sk: META }),
  /** One chunk of an import's validated rows, written in order. */
  importChunk: (importId: string, chunk: number): Key => ({
    pk: `IMPORT#${importId}`,
    sk: `CHUNK#${String(chunk).padStart(5, '0')}`,
  }),

  /** One change to an administrative record (campaign, cell, person): who, when, what. Sorted by time. */
  adminAudit: (entity: string, id: string, at: string, seq: string): Key => ({
    pk: `AUDIT#${entity}#${id}`,
    sk: `${at}#${seq}`,
  }),
  adminAuditPartition: (entity: string, id: string) => `AUDIT#${entity}#${id}`,

  /** The organization's profile (one item): what documents say about the committee. */
  organizationProfile: (): Key => ({ pk: 'ORGANIZATION', sk: 'PROFILE' }),

  /** One document of the register. */
  document: (documentId: string): Key => ({ pk: `DOCUMENT#${documentId}`, sk: META }),
  /** gsi1: the documents of a campaign's year, in the order created; gsi2: a model's documents. */
  documentIndexes: (d: {
    campaignId: string;
    year: number;
    modelId?: string | undefined;
    createdAt: string;
    id: string;
  }) => ({
    gsi1pk: `DOCUMENTS#${d.campaignId}#${d.year}`,
    gsi1sk: `${d.createdAt}#${d.id}`,
    ...(d.modelId ? { gsi2pk: `DOCUMENTS#MODEL#${d.modelId}`, gsi2sk: `${d.createdAt}#${d.id}` } : {}),
  }),
  documentsByYearPartition: (campaignId: string, year: number) => `DOCUMENTS#${campaignId}#${year}`,
  documentsByModelPartition: (modelId: string) => `DOCUMENTS#MODEL#${modelId}`,
  /** The register's counter of one symbol and year: the last number issued. */
  documentCounter: (symbol: string, year: number): Key => ({
    pk: `COUNTER#DOCUMENT#${year}#${symbol}`,
    sk: META,
  }),

  /** A cell's proposal to commend one of its exemplary models, in the campaign-year's partition. */
  commendationProposal: (campaignId: string, year: number, modelId: string): Key => ({
    pk: `CAMPAIGN#${campaignId}#YEAR#${year}`,
    sk: `PROPOSAL#${modelId}`,
  }),
  commendationProposalPrefix: 'PROPOSAL#',
} as const;
