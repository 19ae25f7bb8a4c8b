import { Hono } from 'hono';
import { createGroup, deleteGroup, renameGroup } from '../definitions/definition-group-changes';
import { HttpError } from '../errors/http-error';
import type { Services } from '../services';
import { formText, type ConsoleEnv, type FormBody } from './console-env';
import { flashAndRedirect } from './console-flash';

const nameOf = (form: FormBody) => {
  const name = formText(form, 'name');
  if (!name || name.length > 64) throw new HttpError(400, 'invalid_request', 'a group name has 1 to 64 characters');
  return name;
};

/** /console/groups: the forms beside the events list; each goes back to it with its outcome. */
export function groupsSection(services: Services) {
  const app = new Hono<ConsoleEnv>();
  app.post('/', (c) => flashAndRedirect(c, '/console/events', async () => `Created the group “${(await createGroup(services, nameOf(c.var.form))).name}”.`));
  app.post('/:id/rename', (c) =>
    flashAndRedirect(c, '/console/events', async () => `Renamed the group to “${(await renameGroup(services, c.req.param('id'), nameOf(c.var.form))).name}”.`),
  );
  app.post('/:id/delete', (c) =>
    flashAndRedirect(c, '/console/events', async () => {
      await deleteGroup(services, c.req.param('id'));
      return 'Deleted the group; its events are now in no group.';
    }),
  );
  return app;
}
