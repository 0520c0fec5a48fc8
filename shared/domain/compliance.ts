import type { ModelKind } from './model-kinds.ts';
import { countsAsRegistered, type ModelStatus } from './model-status.ts';
import type { ModelTier } from './tiers.ts';
// The seed's yearly rule: every cell registers, and gets recognized, at least one collective and one
// individual model (minimums come from the campaign's configuration).

export interface ComplianceModel {
  readonly kind: ModelKind;
  readonly status: ModelStatus;
  readonly tier?: ModelTier;
}

export interface CellCompliance {
  readonly collectiveRegistered: number;
  readonly individualRegistered: number;
  readonly collectiveRecognized: number;
  readonly individualRecognized: number;
  readonly registrationCompliant: boolean;
  readonly compliant: boolean;
}

/** Counts one cell's models of one year against the minimums; withdrawn and returned models do not count as registered. */
export function cellCompliance(
  models: readonly ComplianceModel[],
  minimum: { readonly collective: number; readonly individual: number },
): CellCompliance {
  const registered = (kind: ModelKind) =>
    models.filter((model) => model.kind === kind && countsAsRegistered(model.status)).length;
  // A tier is kept beside the `recognized` status, so tiered models are counted here too.
  const recognized = (kind: ModelKind) =>
    models.filter((model) => model.kind === kind && model.status === 'recognized').length;
  const collectiveRegistered = registered('collective');
  const individualRegistered = registered('individual');
  const collectiveRecognized = recognized('collective');
  const individualRecognized = recognized('individual');
  return {
    collectiveRegistered,
    individualRegistered,
    collectiveRecognized,
    individualRecognized,
    registrationCompliant:
      collectiveRegistered >= minimum.collective && individualRegistered >= minimum.individual,
    compliant: collectiveRecognized >= minimum.collective && individualRecognized >= minimum.individual,
  };
}
