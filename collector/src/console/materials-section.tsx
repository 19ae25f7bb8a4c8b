/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { HttpError } from '../errors/http-error';
import { createBody, patchBody } from '../materials/material-schemas';
import type { Services } from '../services';
import { materialTypes, type MaterialRecord, type MaterialType } from '../store/store';
import { formText, type ConsoleContext, type ConsoleEnv, type FormBody } from './console-env';
import { flashAndRedirect, takeFlash } from './console-flash';
import { formRefusal, pageFieldName, type FormRefusal } from './field-errors';
import { DeleteMaterialPage, MaterialPage, MaterialsPage, type MaterialValues } from './materials-page';
import { messagePage } from './message-page';

const readForm = (form: FormBody): MaterialValues => ({ id: formText(form, 'id'), name: formText(form, 'name'), type: formText(form, 'type'), tags: formText(form, 'tags') });
const tagList = (text: string) => text.split(/[,，\n]/).map((t) => t.trim()).filter(Boolean);
const valuesOf = (m: MaterialRecord): MaterialValues => ({ id: m.id, name: m.name, type: m.type, tags: m.tags.join(', ') });

// The tags are one text box, so each tag's message goes beside it, numbered as typed.
const refusalOf = (issues: readonly z.core.$ZodIssue[]) => formRefusal(issues, pageFieldName({ tags: 'Tag' }), (path) => String(path[0] ?? 'form'));

/** /console/materials: content materials and the tags their events carry, through the checks and store calls of /v1/materials. */
export function materialsSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  const { materials } = services.store;
  const isType = (t: string | undefined): t is MaterialType => (materialTypes as readonly string[]).includes(t ?? '');

  const listPage = async (c: ConsoleContext, values: MaterialValues = { id: '', name: '', type: 'qrcode', tags: '' }, refusal?: FormRefusal) => {
    const type = c.req.query('type');
    const items = await materials.list(isType(type) ? { type } : {});
    return c.html(
      <MaterialsPage
        session={c.var.session}
        flash={refusal ? { kind: 'error', text: refusal.message } : takeFlash(c.var.session)}
        items={items}
        type={isType(type) ? type : ''}
        values={values}
        {...(refusal && { errors: refusal.fields })}
      />,
      refusal ? 400 : 200,
    );
  };
  const notFound = (c: ConsoleContext) => messagePage(c, 404, 'Not found', `There is no material “${c.req.param('id')}”.`, 'materials');

  app.get('/', (c) => listPage(c));

  app.post('/', async (c) => {
    const values = readForm(c.var.form);
    const parsed = createBody.safeParse({ ...(values.id && { id: values.id }), name: values.name, type: values.type, tags: tagList(values.tags) });
    if (!parsed.success) return listPage(c, values, refusalOf(parsed.error.issues));
    const id = parsed.data.id ?? uuidv7();
    if (!(await materials.create({ id, name: parsed.data.name, type: parsed.data.type, tags: parsed.data.tags }))) {
      const message = `A material with the id “${id}” exists.`;
      return listPage(c, values, { message, fields: { id: message } });
    }
    await services.caches.changed('materials');
    c.var.session.flash = { kind: 'ok', text: `Created “${parsed.data.name}”: events whose target_id is ${id} now carry its tags.` };
    return c.redirect('/console/materials', 303);
  });

  app.get('/:id', async (c) => {
    const material = await materials.get(c.req.param('id'));
    if (!material) return notFound(c);
    return c.html(<MaterialPage session={c.var.session} flash={takeFlash(c.var.session)} material={material} values={valuesOf(material)} />);
  });

  app.post('/:id', async (c) => {
    const material = await materials.get(c.req.param('id'));
    if (!material) return notFound(c);
    const values = { ...readForm(c.var.form), id: material.id };
    const parsed = patchBody.safeParse({ name: values.name, type: values.type, tags: tagList(values.tags) });
    if (!parsed.success) {
      const { message, fields } = refusalOf(parsed.error.issues);
      return c.html(<MaterialPage session={c.var.session} flash={{ kind: 'error', text: message }} material={material} values={values} errors={fields} />, 400);
    }
    const { name, type, tags } = parsed.data;
    await materials.update(material.id, { ...(name !== undefined && { name }), ...(type !== undefined && { type }), ...(tags !== undefined && { tags }) });
    await services.caches.changed('materials');
    c.var.session.flash = { kind: 'ok', text: 'Saved. Events recorded from now on carry the new tags.' };
    return c.redirect(`/console/materials/${encodeURIComponent(material.id)}`, 303);
  });

  app.get('/:id/delete', async (c) => {
    const material = await materials.get(c.req.param('id'));
    if (!material) return notFound(c);
    if (c.var.session.scope !== 'admin') return c.redirect('/console/materials', 303);
    return c.html(<DeleteMaterialPage session={c.var.session} material={material} />);
  });

  app.post('/:id/delete', (c) =>
    flashAndRedirect(c, '/console/materials', async () => {
      const id = c.req.param('id');
      if (!(await materials.delete(id))) throw new HttpError(404, 'not_found', `there is no material "${id}"`);
      await services.caches.changed('materials');
      return `Deleted the material ${id}; events already recorded keep their tags.`;
    }),
  );
  return app;
}
