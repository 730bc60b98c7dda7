import { describe, expect, it } from 'vitest';
import { isFinal, pollJob, rest, startGpServer } from '../support/gp-server-fixture.js';

const USERS = [
  { username: 'analyst', password: 'correct horse' },
  { username: 'other', password: 'battery staple' },
];
const TASK = 'Analysis/ElevationStatistics/GPServer/ElevationStatistics';

async function token(origin: string, username: string, password: string, expiration?: number): Promise<string> {
  const body = await rest(
    `${origin}/arcgis/tokens/generateToken`,
    { username, password, client: 'requestip', ...(expiration ? { expiration } : {}) },
    { method: 'POST' },
  );
  expect(body).toMatchObject({ token: expect.any(String), expires: expect.any(Number), ssl: false });
  return String(body.token);
}

describe('token security', () => {
  it('should advertise token security in /arcgis/rest/info', async () => {
    const server = await startGpServer({ security: { users: USERS } });
    expect(await rest(`${server.origin}/arcgis/rest/info`)).toMatchObject({
      authInfo: { isTokenBasedSecurity: true, tokenServicesUrl: `${server.origin}/arcgis/tokens/` },
    });
  });

  it('should answer 499 without a token and 498 with an unknown one', async () => {
    const server = await startGpServer({ security: { users: USERS } });
    expect(await rest(server.servicesUrl)).toEqual({ error: { code: 499, message: 'Token Required', details: [] } });
    expect(await rest(server.servicesUrl, { token: 'forged' })).toEqual({ error: { code: 498, message: 'Invalid Token', details: [] } });
  });

  it('should accept a generated token as a parameter or an X-Esri-Authorization header', async () => {
    const server = await startGpServer({ security: { users: USERS } });
    const issued = await token(server.origin, 'analyst', 'correct horse');
    expect(await rest(server.servicesUrl, { token: issued })).toHaveProperty('folders');
    expect(await rest(server.servicesUrl, {}, { headers: { 'X-Esri-Authorization': `Bearer ${issued}` } })).toHaveProperty('folders');
  });

  it('should refuse wrong passwords and credentials sent with GET', async () => {
    const server = await startGpServer({ security: { users: USERS } });
    expect(
      await rest(`${server.origin}/arcgis/tokens/generateToken`, { username: 'analyst', password: 'nope' }, { method: 'POST' }),
    ).toMatchObject({
      error: { code: 400, message: 'Unable to generate token.', details: ['Invalid username or password.'] },
    });
    expect(await rest(`${server.origin}/arcgis/tokens/generateToken`, { username: 'analyst', password: 'correct horse' })).toMatchObject({
      error: { code: 405 },
    });
  });

  it('should answer 498 once a token has expired', async () => {
    let now = 1_000_000;
    const server = await startGpServer({ security: { users: USERS, tokenLifetimeMs: 60_000 }, now: () => now });
    const issued = await token(server.origin, 'analyst', 'correct horse');
    expect(await rest(server.servicesUrl, { token: issued })).toHaveProperty('folders');
    now += 60_001;
    expect(await rest(server.servicesUrl, { token: issued })).toEqual({ error: { code: 498, message: 'Invalid Token', details: [] } });
  });

  it('should honour a requested expiration in minutes, capped by the maximum lifetime', async () => {
    const now = 5_000_000;
    const server = await startGpServer({ security: { users: USERS, maxTokenLifetimeMs: 120_000 }, now: () => now });
    const body = await rest(
      `${server.origin}/arcgis/tokens/generateToken`,
      { username: 'analyst', password: 'correct horse', expiration: 60 },
      { method: 'POST' },
    );
    expect(body.expires).toBe(now + 120_000);
  });

  it('should let only the submitting user read a job', async () => {
    const server = await startGpServer({ security: { users: USERS } });
    const mine = await token(server.origin, 'analyst', 'correct horse');
    const theirs = await token(server.origin, 'other', 'battery staple');
    const submitted = await rest(`${server.servicesUrl}/${TASK}/submitJob`, { token: mine, Band_Count: 1, Step_Delay_Ms: 0 });
    const jobUrl = `${server.servicesUrl}/${TASK}/jobs/${String(submitted.jobId)}`;
    await pollJob(jobUrl, isFinal, { params: { token: mine } });
    expect(await rest(jobUrl, { token: theirs })).toMatchObject({ error: { code: 403 } });
    expect(await rest(`${jobUrl}/results/Mean_Elevation`, { token: theirs })).toMatchObject({ error: { code: 403 } });
    expect(await rest(`${jobUrl}/results/Mean_Elevation`, { token: mine })).toMatchObject({ paramName: 'Mean_Elevation' });
  });
});
