// The document register: one item per document, and one counter item per symbol and year from which
// an issue takes its number with a single-item conditional update (retried when another issue got
// there first), so that concurrent issues get distinct, consecutive numbers.
import type { RegisteredDocument } from '../domain/document-register.ts';
import { nextNumber } from '../domain/document-register.ts';
import { keys } from './keys.ts';
import { type Condition, getItem, putItem, queryIndex, queryPartition, updateItem } from './table.ts';

/** A document as stored: its metadata, what the Office wrote in the draft, and the frozen content once issued. */
export interface StoredDocument extends RegisteredDocument {
  /** The draft's own text: a report's narrative, a proposal's reasons, the recipients. */
  readonly draft?: Readonly<Record<string, unknown>>;
  /** The document's input as it was issued: an issued document is rendered from this, never again from live data. */
  readonly snapshot?: Readonly<Record<string, unknown>>;
}

/** A cell's proposal to commend one of its exemplary models. */
export interface CommendationProposal {
  readonly campaignId: string;
  readonly year: number;
  readonly modelId: string;
  readonly cellId: string;
  readonly reason: string;
  readonly level: 'party_committee' | 'higher';
  readonly by: string;
  readonly at: string;
}

function documentItem(document: StoredDocument) {
  return {
    ...document,
    ...keys.document(document.id),
    ...keys.documentIndexes({ ...document, createdAt: document.created.at }),
    entity: 'document',
  };
}

const COUNTER_ATTEMPTS = 100;

/** Documents, their counters and the commendation proposals. */
export const documentRepository = {
  get: (documentId: string) => getItem<StoredDocument>(keys.document(documentId)),

  /** Creates a document unless one with its id exists. */
  create: (document: StoredDocument) =>
    putItem(documentItem(document), { expression: 'attribute_not_exists(pk)' }),

  /** Replaces a document if nobody wrote it since `expectedVersion`; false when someone did. */
  async replace(document: StoredDocument, expectedVersion: number): Promise<boolean> {
    const condition: Condition = {
      expression: 'version = :expected',
      values: { ':expected': expectedVersion },
    };
    return putItem(documentItem({ ...document, version: expectedVersion + 1 }), condition);
  },

  /** A campaign-year's documents, in the order created (one Query). */
  listByYear: (campaignId: string, year: number) =>
    queryIndex<StoredDocument>('gsi1', keys.documentsByYearPartition(campaignId, year)),

  /** A model's documents, in the order created (one Query). */
  listByModel: (modelId: string) =>
    queryIndex<StoredDocument>('gsi2', keys.documentsByModelPartition(modelId)),

  /**
   * Takes the next number of a symbol and year: reads the counter, then sets it one higher on the
   * condition that it still holds what was read, reading again when another issue moved it.
   */
  async takeNumber(symbol: string, year: number): Promise<number> {
    const key = keys.documentCounter(symbol, year);
    for (let attempt = 0; attempt < COUNTER_ATTEMPTS; attempt++) {
      const counter = await getItem<{ last: number }>(key);
      const next = nextNumber(counter?.last);
      const written = await updateItem(
        key,
        { set: { last: next, symbol, year, entity: 'document-counter' } },
        counter
          ? {
              expression: '#last = :current',
              names: { '#last': 'last' },
              values: { ':current': counter.last },
            }
          : { expression: 'attribute_not_exists(pk)' },
      );
      if (written) return next;
      // Someone else took the number: wait a little (more each time) so that the losers spread out.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt + 1, 10)));
    }
    throw new Error(`The counter ${symbol}/${year} stayed contended`);
  },

  /** Records a cell's commendation proposal (a later one replaces it). */
  async putProposal(proposal: CommendationProposal): Promise<void> {
    await putItem({
      ...proposal,
      ...keys.commendationProposal(proposal.campaignId, proposal.year, proposal.modelId),
      entity: 'commendation-proposal',
    });
  },

  /** A campaign-year's commendation proposals (one Query). */
  listProposals: (campaignId: string, year: number) =>
    queryPartition<CommendationProposal>(
      keys.commendationProposal(campaignId, year, '').pk,
      keys.commendationProposalPrefix,
    ),
};
