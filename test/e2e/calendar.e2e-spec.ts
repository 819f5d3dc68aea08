import { ADMIN } from '../support/env';
import { expectProblem } from '../support/problems';
import { createTestApp, TestApp } from '../support/test-app';

describe('working-day calendar (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let sme: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.http.login(ADMIN.email, ADMIN.password);
    sme = await t.http.registerSme('calendar-sme@example.com');
  });
  afterAll(async () => t.close());

  const workingDays = (from: string, add: number | string) =>
    t.http.get(`/api/v1/calendar/working-days?from=${from}&add=${add}`);

  it('should count working days over National Day and its make-up Saturday, for anyone', async () => {
    const res = await workingDays('2026-09-30', 3);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-09-30',
      add: 3,
      date: '2026-10-10',
      estimated: false,
      knownUntil: '2026-12-31',
    });
    expect((await workingDays('2026-10-03', 0)).body.date).toBe('2026-10-03');
  });

  it('should flag a date beyond the known calendar as estimated', async () => {
    const res = await workingDays('2026-12-31', 1);
    expect(res.body).toMatchObject({ date: '2027-01-01', estimated: true });
  });

  it.each([
    ['2026-02-30', 1, 'from'],
    ['2026-13-01', 1, 'from'],
    ['yesterday', 1, 'from'],
    ['2026-01-01', -1, 'add'],
    ['2026-01-01', 1.5, 'add'],
    ['2026-01-01', 367, 'add'],
    ['2026-01-01', 'x', 'add'],
  ])('should refuse from=%s add=%s with 400 naming %s', async (from, add, field) => {
    const res = await workingDays(from, add);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('should let an admin enter the next year as overrides, which the calendar then knows', async () => {
    const put = await t.http.put(
      '/api/v1/admin/calendar/overrides/2027-01-01',
      { working: false, note: '2027 年元旦' },
      { token: admin },
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ date: '2027-01-01', working: false, note: '2027 年元旦' });
    const res = await workingDays('2026-12-31', 1);
    expect(res.body).toMatchObject({
      date: '2027-01-04',
      estimated: false,
      knownUntil: '2027-12-31',
    });

    const changed = await t.http.put(
      '/api/v1/admin/calendar/overrides/2027-01-01',
      { working: true, note: 'corrected' },
      { token: admin },
    );
    expect(changed.body.working).toBe(true);
    expect((await workingDays('2026-12-31', 1)).body.date).toBe('2027-01-01');

    const list = await t.http.get('/api/v1/admin/calendar/overrides?limit=10', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [expect.objectContaining({ date: '2027-01-01', working: true })],
      nextCursor: null,
    });

    const audit = await t.sql<{ action: string }>(
      `SELECT action FROM audit_entry WHERE entity_type = 'calendar' ORDER BY created_at`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'calendar.override_added',
      'calendar.override_changed',
    ]);

    const del = await t.http.delete('/api/v1/admin/calendar/overrides/2027-01-01', {
      token: admin,
    });
    expect(del.status).toBe(204);
    expect((await workingDays('2026-12-31', 1)).body).toMatchObject({
      estimated: true,
      knownUntil: '2026-12-31',
    });
    expectProblem(
      await t.http.delete('/api/v1/admin/calendar/overrides/2027-01-01', { token: admin }),
      404,
      'not_found',
    );
  });

  it('should refuse overrides from anyone but an admin, and impossible dates', async () => {
    const body = { working: true, note: 'x' };
    expectProblem(
      await t.http.put('/api/v1/admin/calendar/overrides/2027-01-02', body),
      401,
      'unauthenticated',
    );
    expectProblem(
      await t.http.put('/api/v1/admin/calendar/overrides/2027-01-02', body, { token: sme }),
      403,
      'forbidden',
    );
    const bad = await t.http.put('/api/v1/admin/calendar/overrides/2027-02-30', body, {
      token: admin,
    });
    expectProblem(bad, 400, 'validation_failed');
    expect(bad.body.errors[0].path).toBe('date');
    const noNote = await t.http.put(
      '/api/v1/admin/calendar/overrides/2027-01-02',
      { working: true },
      { token: admin },
    );
    expectProblem(noNote, 400, 'validation_failed');
    expect(await t.sql('SELECT 1 FROM calendar_override')).toEqual([]);
  });

  it('should report how far the calendar reaches on /health/ready, warning within 60 days', async () => {
    t.clock.set('2026-12-02T04:00:00Z');
    const soon = await t.http.get('/health/ready');
    expect(soon.status).toBe(200);
    expect(soon.body.info.calendar).toMatchObject({
      status: 'up',
      knownUntil: '2026-12-31',
      warning: expect.stringContaining('2026-12-31'),
    });
    t.clock.set('2026-09-01T04:00:00Z');
    // The cached calendar is reused; only the horizon check moves with the clock.
    const later = await t.http.get('/health/ready');
    expect(later.body.info.calendar).toEqual({ status: 'up', knownUntil: '2026-12-31' });
  });
});
