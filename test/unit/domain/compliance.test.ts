import { describe, expect, it } from 'vitest';
import { type ComplianceModel, cellCompliance } from '../../../shared/domain/compliance.ts';
import { MODEL_STATUSES } from '../../../shared/domain/model-status.ts';
import { seedCampaign } from './fixtures.ts';

const minimum = seedCampaign.minimumPerCell;

describe('cellCompliance', () => {
  it('a cell without models complies with nothing', () => {
    // Act
    const result = cellCompliance([], minimum);

    // Assess
    expect(result).toEqual({
      collectiveRegistered: 0,
      individualRegistered: 0,
      collectiveRecognized: 0,
      individualRecognized: 0,
      registrationCompliant: false,
      compliant: false,
    });
  });

  it('one recognized model of each kind complies', () => {
    // Prepare
    const models: ComplianceModel[] = [
      { kind: 'collective', status: 'recognized' },
      { kind: 'individual', status: 'recognized' },
    ];

    // Act
    const result = cellCompliance(models, minimum);

    // Assess
    expect(result.registrationCompliant).toBe(true);
    expect(result.compliant).toBe(true);
  });

  it('registered but not yet recognized complies with registration only', () => {
    // Prepare
    const models: ComplianceModel[] = [
      { kind: 'collective', status: 'implementing' },
      { kind: 'individual', status: 'self_assessed' },
    ];

    // Act
    const result = cellCompliance(models, minimum);

    // Assess
    expect(result).toMatchObject({
      collectiveRegistered: 1,
      individualRegistered: 1,
      registrationCompliant: true,
      compliant: false,
    });
  });

  it('a cell missing one kind does not comply', () => {
    // Prepare
    const models: ComplianceModel[] = [
      { kind: 'individual', status: 'recognized' },
      { kind: 'individual', status: 'recognized' },
    ];

    // Act
    const result = cellCompliance(models, minimum);

    // Assess
    expect(result).toMatchObject({
      individualRecognized: 2,
      collectiveRecognized: 0,
      registrationCompliant: false,
      compliant: false,
    });
  });

  it('counts every status but withdrawn, returned and not completed as registered, and only recognized as recognized', () => {
    // Prepare
    const models: ComplianceModel[] = MODEL_STATUSES.flatMap((status) => [
      { kind: 'collective' as const, status },
      { kind: 'individual' as const, status },
    ]);

    // Act
    const result = cellCompliance(models, minimum);

    // Assess
    expect(result).toMatchObject({
      collectiveRegistered: MODEL_STATUSES.length - 3,
      individualRegistered: MODEL_STATUSES.length - 3,
      collectiveRecognized: 1,
      individualRecognized: 1,
    });
  });

  it('withdrawn models do not count, so withdrawing the only one breaks compliance', () => {
    // Prepare
    const models: ComplianceModel[] = [
      { kind: 'collective', status: 'withdrawn' },
      { kind: 'individual', status: 'registered' },
    ];

    // Act
    const result = cellCompliance(models, minimum);

    // Assess
    expect(result).toMatchObject({ collectiveRegistered: 0, registrationCompliant: false });
  });

  it('tiered models still count as recognized', () => {
    // Prepare
    const models: ComplianceModel[] = [
      { kind: 'collective', status: 'recognized', tier: 'commended' },
      { kind: 'individual', status: 'recognized', tier: 'exemplary' },
    ];

    // Act
    const result = cellCompliance(models, minimum);

    // Assess
    expect(result).toMatchObject({ collectiveRecognized: 1, individualRecognized: 1, compliant: true });
  });

  it('follows a configured minimum at its exact edge', () => {
    // Prepare
    const two = { collective: 2, individual: 1 };
    const oneCollective: ComplianceModel[] = [
      { kind: 'collective', status: 'recognized' },
      { kind: 'individual', status: 'recognized' },
    ];
    const twoCollectives: ComplianceModel[] = [
      ...oneCollective,
      { kind: 'collective', status: 'recognized' },
    ];

    // Act / Assess
    expect(cellCompliance(oneCollective, two).compliant).toBe(false);
    expect(cellCompliance(twoCollectives, two).compliant).toBe(true);
  });

  it('a zero minimum needs no models at all', () => {
    // Act / Assess
    expect(cellCompliance([], { collective: 0, individual: 0 })).toMatchObject({
      registrationCompliant: true,
      compliant: true,
    });
  });
});
