import type { ModelKind } from './model-kinds.ts';
import type { ModelStatus } from './model-status.ts';
import type { Decision, Principle, PrincipleFinding } from './principles.ts';
import type { ModelSection } from './sections.ts';
import type { ModelTier } from './tiers.ts';
import type { Vote } from './votes.ts';

/** The registration form's content: the title, the area and the eight sections. */
export interface ModelContent {
  readonly title: string;
  readonly area: 1 | 2 | 3;
  /** One of the area's sub-fields (area 3 has several). */
  readonly subField?: string;
  readonly sections: Readonly<Record<ModelSection, string>>;
}

export interface SelfAssessment {
  readonly results: string;
  readonly evidence: readonly string[];
  readonly cellConfirmed: boolean;
  readonly cellVote?: Vote;
  readonly by: string;
  readonly at: string;
}

export interface Review {
  readonly principles: Readonly<Record<Principle, PrincipleFinding>>;
  readonly vote: Vote;
  readonly decision: Decision;
  readonly reasons: string;
  readonly by: string;
  readonly at: string;
}

export interface TierRecord {
  readonly tier: ModelTier;
  readonly by: string;
  readonly at: string;
  readonly note?: string;
  /** For `commended`: the level the commendation is proposed to. */
  readonly level?: 'party_committee' | 'higher';
}

/** A withdrawal: who asked, when, why. */
export interface Withdrawal {
  readonly actor: string;
  readonly at: string;
  readonly reason: string;
}

/** A registration sent back to its cell for completion: who returned it, when, and what to complete. */
export interface ReturnRequest {
  readonly actor: string;
  readonly at: string;
  readonly reason: string;
  /** The end of the cell's registration window (its extension included) when it was returned. */
  readonly completeBefore: string;
}

/** What a model waits for while its workflow holds a callback token; `completion` after a return. */
export type Awaiting = 'self_assessment' | 'completion' | 'review';

/** One model-year: a collective or individual "Dân vận khéo" model and where its cycle stands. */
export interface Model extends ModelContent {
  readonly id: string;
  readonly campaignId: string;
  /** The October it was registered in. */
  readonly year: number;
  readonly kind: ModelKind;
  readonly cellId: string;
  /** The person of an individual model. */
  readonly personId?: string;
  readonly registeredBy: string;
  readonly status: ModelStatus;
  readonly tier?: ModelTier;
  readonly tiers?: readonly TierRecord[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Optimistic-locking counter, incremented by every write. */
  readonly version: number;
  readonly selfAssessmentDueBefore: string;
  readonly reviewDueBefore: string;
  /** The workflow executions of this model-year, oldest first. */
  readonly executions: readonly string[];
  readonly awaiting?: Awaiting;
  readonly selfAssessment?: SelfAssessment;
  readonly review?: Review;
  /** A withdrawal asked before the workflow waited for the self-assessment: the workflow carries it out. */
  readonly withdrawal?: Withdrawal;
  /** Set while the registration is returned for completion, until the cell resubmits it. */
  readonly returnRequest?: ReturnRequest;
  /** Workflow steps already recorded (and mailed), so a retried step does neither twice. */
  readonly recordedSteps?: readonly string[];
  /** Hash of the registration request, to tell a retry from a different request under one Idempotency-Key. */
  readonly requestHash?: string;
}

/** One model as GET /api/models/{id} shows it to its reader: `mayReturn` when they may return it now. */
export type ModelView = Model & { readonly mayReturn?: true };

/** The registration form as submitted: the model's identity, its content, and each section as a field. */
export type ModelRegistration = {
  readonly campaignId: string;
  readonly year: number;
  readonly kind: ModelKind;
  readonly cellId: string;
  /** The person of an individual model. */
  readonly personId?: string | undefined;
} & ModelContentFields;

/** The content fields of the form (title, area, sub-field, the eight sections), as edits submit them. */
export type ModelContentFields = Omit<ModelContent, 'sections' | 'subField'> & {
  readonly subField?: string | undefined;
} & Readonly<Record<ModelSection, string>>;

/** One change to a model: who, when, what. */
export interface AuditEntry {
  readonly modelId: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly changes?: Readonly<Record<string, { readonly from?: unknown; readonly to?: unknown }>>;
  readonly note?: string;
}
