/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import { ConditionError } from '../analysis/customer-condition';
import { segmentConditionAt, segmentMembers } from '../segments/segment-members';
import type { Services } from '../services';
import type { SegmentRecord } from '../store/store';
import type { ConsoleContext, ConsoleEnv } from './console-env';
import { flashAndRedirect, takeFlash } from './console-flash';
import { messagePage } from './message-page';
import { pageAtCursor } from './page-at-cursor';
import type { BuilderChoices } from './segment-builder';
import { conditionText } from './segment-condition-text';
import { SegmentEditPage } from './segment-edit-page';
import { blankSegmentForm, readSegmentForm, type SegmentFormValues } from './segment-form';
import { checkSegmentForm } from './segment-form-check';
import { formFromCondition } from './segment-form-from-condition';
import { segmentMembersDownload } from './segment-member-downloads';
import { SegmentPage } from './segment-page';
import { DeleteSegmentPage, SegmentsPage, segmentUrl } from './segments-page';
import { withFound } from './with-found';

const membersPage = 50;

/** /console/segments: saved customer conditions built row by row, their live count, members and downloads; the services behind /v1/segments. */
export function segmentsSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { store, config } = services;
  const reader = { analysis: store.analysis, segments: store.segments, levels: config.activenessLevels };

  const choices = async (): Promise<BuilderChoices> => ({
    events: (await store.definitions.list()).map((d) => ({ id: d.id, name: d.name })),
    levels: config.activenessLevels.map((l) => l.name),
    stages: config.stages,
  });
  const eventName = (id: string) => services.definitions.get(id)?.definition.name ?? id;
  const text = (s: SegmentRecord) => conditionText(s.condition, eventName);
  /** Who matches now; null when the saved condition no longer resolves (a level renamed since). */
  const conditionNow = (s: SegmentRecord) => {
    try {
      return segmentConditionAt(s, Date.now(), config.activenessLevels);
    } catch (error) {
      if (error instanceof ConditionError) return null;
      throw error;
    }
  };
  const countOf = async (s: SegmentRecord) => {
    const condition = conditionNow(s);
    return condition && (await store.analysis.filterCustomers(condition, { limit: 1 })).count;
  };
  const formOf = (c: ConsoleContext): SegmentFormValues => {
    const values = readSegmentForm((name) => [c.var.form[name] ?? []].flat().filter((v): v is string => typeof v === 'string'));
    return { ...values, rows: values.rows.filter((r) => r.kind !== '') };
  };
  const editPage = async (c: ConsoleContext, values: SegmentFormValues | undefined, extra: { saved?: SegmentRecord; formErrors?: string[]; rowErrors?: Map<number, string[]> } = {}, status: 200 | 400 = 200) =>
    c.html(<SegmentEditPage session={c.var.session} values={values} choices={await choices()} {...extra} />, status);

  app.get('/', async (c) => {
    const rows = await Promise.all((await store.segments.list()).map(async (segment) => ({ segment, text: text(segment), count: await countOf(segment) })));
    return c.html(<SegmentsPage session={c.var.session} flash={takeFlash(c.var.session)} rows={rows} />);
  });

  app.get('/new', (c) => editPage(c, blankSegmentForm));

  // The builder's live count: the condition being built, checked as a save would check it, counted now.
  app.get('/count', async (c) => {
    const values = readSegmentForm((name) => c.req.queries(name) ?? []);
    const checked = await checkSegmentForm({ ...values, rows: values.rows.filter((r) => r.kind !== '') }, services);
    if (!checked.ok) {
      const message = [...checked.formErrors, ...[...checked.rowErrors].map(([row, errors]) => `Condition ${row + 1}: ${errors.join('; ')}`)].join(' ');
      return c.json({ error: { code: 'invalid_request', message } }, 400);
    }
    return c.json({ count: (await store.analysis.filterCustomers(checked.resolved, { limit: 1 })).count });
  });

  const save = async (c: ConsoleContext, saved?: SegmentRecord) => {
    const values = formOf(c);
    const checked = await checkSegmentForm(values, services);
    const nameError = values.name === '' ? ['Give the segment a name.'] : values.name.length > 200 ? ['A name has at most 200 characters.'] : [];
    if (!checked.ok || nameError.length > 0) {
      const errors = checked.ok ? { formErrors: nameError, rowErrors: new Map() } : { formErrors: [...nameError, ...checked.formErrors], rowErrors: checked.rowErrors };
      return editPage(c, values, { ...(saved && { saved }), ...errors }, 400);
    }
    const now = Date.now();
    // Saved as built, as POST /v1/segments saves what it is sent: "in the last 30d" keeps moving with the clock.
    if (saved) {
      await store.segments.update(saved.id, { name: values.name, condition: checked.condition, updatedAt: now });
      c.var.session.flash = { kind: 'ok', text: `Saved “${values.name}”.` };
      return c.redirect(segmentUrl(saved.id), 303);
    }
    const segment: SegmentRecord = { id: uuidv7(), name: values.name, condition: checked.condition, createdAt: now, updatedAt: now };
    await store.segments.create(segment);
    c.var.session.flash = { kind: 'ok', text: `Created “${values.name}”.` };
    return c.redirect(segmentUrl(segment.id), 303);
  };
  app.post('/', (c) => save(c));

  const withSegment = withFound((id) => store.segments.get(id), 'There is no segment with this id.', 'segments');

  app.get(
    '/:id',
    withSegment(async (c, segment) => {
      const condition = conditionNow(segment);
      const cursor = c.req.query('cursor');
      const props = { session: c.var.session, flash: takeFlash(c.var.session), segment, text: text(segment), paged: cursor !== undefined };
      if (!condition) return c.html(<SegmentPage {...props} count={null} members={[]} nextCursor={null} error="This condition names an activeness level that no longer exists: edit it." />);
      const page = await pageAtCursor(cursor, (at) => segmentMembers(reader, condition, { limit: membersPage, ...at }));
      return c.html(<SegmentPage {...props} count={page.count} members={page.items} nextCursor={page.nextCursor} />);
    }),
  );

  app.get(
    '/:id/edit',
    withSegment((c, segment) => editPage(c, formFromCondition(segment.name, segment.condition), { saved: segment })),
  );
  app.post('/:id', withSegment((c, segment) => save(c, segment)));

  app.get(
    '/:id/delete',
    withSegment(async (c, segment) => {
      if (c.var.session.scope !== 'admin') return c.redirect(segmentUrl(segment.id), 303);
      const triggers = (await store.triggers.list()).filter((t) => t.segment === segment.id).length;
      return c.html(<DeleteSegmentPage session={c.var.session} segment={segment} triggers={triggers} />);
    }),
  );
  app.post('/:id/delete', (c) =>
    flashAndRedirect(c, '/console/segments', async () => {
      const segment = await store.segments.get(c.req.param('id'));
      if (!segment || !(await store.segments.delete(segment.id))) return 'That segment was already deleted.';
      return `Deleted “${segment.name}”.`;
    }),
  );

  for (const format of ['csv', 'ndjson'] as const) {
    app.get(
      `/:id/members.${format}`,
      withSegment((c, segment) => {
        const condition = conditionNow(segment);
        if (!condition) return messagePage(c, 400, 'Not available', 'This condition names an activeness level that no longer exists: edit it.', 'segments');
        const filename = `segment-${segment.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || segment.id}`;
        return segmentMembersDownload(c, reader, condition, format, filename, config.identityTypes);
      }),
    );
  }
  return app;
}
