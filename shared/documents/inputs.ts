// What each document is built from: plain data the wiring reads from the records (models, the
// report's figures, the Office's narrative), plus the register's number, the date and the signer.

import type { ModelKind } from '../domain/model-kinds.ts';
import type { DocumentType, OrganizationProfile, Signer } from '../domain/organization-profile.ts';
import type { ModelSection } from '../domain/sections.ts';
import type { ModelTier } from '../domain/tiers.ts';
import type { LocalDate } from '../domain/types.ts';
import type { DocumentStatus } from './official-document.ts';

/** What every document needs besides its content. */
export interface DocumentMeta {
  readonly profile: OrganizationProfile;
  readonly status: DocumentStatus;
  /** The register's number; a draft prints a blank instead. */
  readonly number?: number;
  /** The date of issue, `YYYY-MM-DD`; a draft prints only its year. */
  readonly date: LocalDate;
  /** Why a cancelled document was cancelled. */
  readonly cancelReason?: string;
  /** A signer of the profile (by id) or any signer; the profile's default for the type otherwise. */
  readonly signer?: Signer | string;
  /** Replaces the profile's default "Nơi nhận" list. */
  readonly recipients?: readonly string[];
}

/** A model as documents show it. */
export interface ModelEntry {
  readonly title: string;
  readonly kind: ModelKind;
  readonly cellName: string;
  /** The person of an individual model. */
  readonly personName?: string;
  /** The content area's number (1–3). */
  readonly area: number;
  /** The area's full wording, for the registration form. */
  readonly areaName?: string;
  readonly subField?: string;
  /** An ISO instant or a `YYYY-MM-DD` day. */
  readonly registeredAt: string;
  readonly sections?: Readonly<Record<ModelSection, string>>;
  readonly tier?: ModelTier;
  /** What the model achieved, one or two sentences, for a commendation proposal. */
  readonly achievements?: string;
}

export interface RegistrationFormInput extends DocumentMeta {
  readonly campaignName: string;
  /** The October the model is registered in. */
  readonly year: number;
  readonly model: ModelEntry & { readonly sections: Readonly<Record<ModelSection, string>> };
  /** The cell's secretary, who confirms the registration. */
  readonly secretaryName: string;
}

export interface RegistrationListInput extends DocumentMeta {
  readonly campaignName: string;
  readonly year: number;
  /** A cell's own list; absent for the committee's consolidated list. */
  readonly cellName?: string;
  /** For the consolidated list: every cell in order, so that a cell with nothing registered shows. */
  readonly cellNames?: readonly string[];
  readonly models: readonly ModelEntry[];
}

export interface RecognitionDecisionInput extends DocumentMeta {
  readonly campaignName: string;
  readonly year: number;
  /** The recognized models, listed in the annex. */
  readonly models: readonly ModelEntry[];
  /** The "Căn cứ …" lines; a generic set naming the profile's bodies otherwise. */
  readonly bases?: readonly string[];
}

export interface CommendationProposalInput extends DocumentMeta {
  readonly campaignName: string;
  /** "năm 2017" or "sơ kết đợt 1 (10/2016 - 10/2018)": what the proposal is for. */
  readonly occasion: string;
  /** To the committee's executive committee, or to the higher level. */
  readonly level: 'party_committee' | 'higher';
  readonly models: readonly ModelEntry[];
  /** How many models were recognized in all, for the opening paragraph. */
  readonly recognizedCount?: number;
  /** The Office's paragraphs on why these models stand out. */
  readonly reasons?: readonly string[];
}

export interface CertificateInput extends DocumentMeta {
  readonly campaignName: string;
  readonly year: number;
  readonly model: ModelEntry;
  /** The recognition decision the certificate rests on. */
  readonly decision: { readonly number?: number; readonly date: LocalDate };
}

/** Counts as `shared/domain/reports.ts` computes them (its `Counts` fits). */
export interface FigureCounts {
  readonly total: number;
  readonly collective: number;
  readonly individual: number;
  readonly byArea: Readonly<Record<string, number>>;
  readonly recognized: number;
  readonly exemplary: number;
  readonly commended: number;
}

/** A listed model of a report (its `ModelLine` fits). */
export interface FigureModel {
  readonly title: string;
  readonly kind: ModelKind;
  readonly cellName: string;
  readonly personName: string;
}

/** The figures of a report: `buildReport`'s `ReportData` can be passed as it is. */
export interface ReportFigures {
  readonly years: readonly number[];
  readonly areas: readonly { readonly id: number; readonly name: string }[];
  readonly totals: FigureCounts;
  readonly byYear: readonly ({ readonly year: number } & FigureCounts)[];
  readonly cells: readonly { readonly cellName: string; readonly counts: FigureCounts }[];
  readonly flagged: readonly { readonly cellName: string; readonly message: string }[];
  readonly exemplary: readonly FigureModel[];
  readonly commended: readonly FigureModel[];
}

/** The narrative the Office writes in the draft before issuing; each entry is a paragraph. */
export interface ReportNarrative {
  /** Leadership, direction and roll-out. */
  readonly leadership?: readonly string[];
  /** Results in words, after the figures. */
  readonly results?: readonly string[];
  readonly strengths?: readonly string[];
  /** Shortcomings and their causes. */
  readonly weaknesses?: readonly string[];
  /** Lessons learned (phase and term reports). */
  readonly lessons?: readonly string[];
  /** Directions and tasks ahead. */
  readonly directions?: readonly string[];
  readonly proposals?: readonly string[];
}

export interface AnnualReportInput extends DocumentMeta {
  readonly campaignName: string;
  readonly year: number;
  readonly figures: ReportFigures;
  readonly narrative?: ReportNarrative;
}

export interface PhaseReportInput extends DocumentMeta {
  readonly campaignName: string;
  readonly phase: { readonly name: string; readonly review: 'preliminary' | 'final' };
  readonly figures: ReportFigures;
  readonly narrative?: ReportNarrative;
}

export interface TermReportInput extends DocumentMeta {
  readonly campaignName: string;
  /** "nhiệm kỳ 2015 - 2020". */
  readonly term: string;
  readonly figures: ReportFigures;
  readonly narrative?: ReportNarrative;
}

/** The input of each document type. */
export interface DocumentInputs {
  readonly 'registration-form': RegistrationFormInput;
  readonly 'registration-list': RegistrationListInput;
  readonly 'recognition-decision': RecognitionDecisionInput;
  readonly 'commendation-proposal': CommendationProposalInput;
  readonly certificate: CertificateInput;
  readonly 'annual-report': AnnualReportInput;
  readonly 'phase-report': PhaseReportInput;
  readonly 'term-report': TermReportInput;
}

// Every document type has an input, checked at compile time.
export type InputOf<T extends DocumentType> = DocumentInputs[T];
