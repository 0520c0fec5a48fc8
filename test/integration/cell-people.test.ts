import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganization } from '../../infra/local/seed.ts';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime.ts';

type People = { items: { id: string; name: string; username: string; roles: string[]; email?: string }[] };
type ErrorBody = { error: { code: string; fields: { path: string }[] } };

describe('GET /api/cells/{cellId}/people', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt.close();
  });

  it("gives a secretary their cell's people, without emails", async () => {
    // Prepare
    const token = await rt.token('an.nv');
    const expected = demoOrganization().people.filter((person) => person.cellId === 'van-phong');

    // Act
    const answer = await rt.api<People>(token, 'GET', '/api/cells/van-phong/people');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((person) => person.id).sort()).toEqual(
      expected.map((person) => person.id).sort(),
    );
    expect(answer.body.items.find((person) => person.id === 'p001')).toEqual({
      id: 'p001',
      name: 'Nguyễn Văn An',
      username: 'an.nv',
      roles: ['member', 'secretary', 'committee'],
    });
    expect(answer.body.items.every((person) => person.email === undefined)).toBe(true);
  });

  it("refuses another cell's people to a member (403) and lets the Office read any cell", async () => {
    // Prepare
    const member = await rt.token('tien.cv');
    const office = await rt.token('binh.tt');

    // Act
    const refused = await rt.api<ErrorBody>(member, 'GET', '/api/cells/van-phong/people');
    const allowed = await rt.api<People>(office, 'GET', '/api/cells/hanh-chinh-tp/people');

    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.error.fields.map((field) => field.path)).toEqual(['cellId']);
    expect(allowed.status).toBe(200);
    expect(allowed.body.items.some((person) => person.username === 'tien.cv')).toBe(true);
  });

  it('answers 404 for an unknown cell, 400 for a malformed id and 401 without a token', async () => {
    // Prepare
    const office = await rt.token('binh.tt');

    // Act
    const unknown = await rt.api<ErrorBody>(office, 'GET', '/api/cells/khong-co/people');
    const malformed = await rt.api<ErrorBody>(office, 'GET', '/api/cells/%C3%A1%20b/people');
    const anonymous = await rt.api<ErrorBody>(undefined, 'GET', '/api/cells/van-phong/people');

    // Assess
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields[0]?.path).toBe('path.cellId');
    expect(anonymous.status).toBe(401);
  });
});
