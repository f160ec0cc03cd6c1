import * as z from 'zod';
import { Description, Id, Status } from './common.ts';

export const ComposeSource = z
  .strictObject({
    files: z
      .array(z.string().min(1))
      .min(1)
      .meta({ description: 'Compose files this topology documents, relative to the topology file, merged in order like `docker compose -f a -f b`.' }),
    envFile: z
      .string()
      .optional()
      .meta({ description: 'Env file used for `${VAR}` interpolation (relative to the topology file). Defaults to `.env` beside the first compose file. Its values never reach any output.' }),
    projectName: z.string().optional().meta({ description: 'Compose project name; defaults to the top-level `name` or the first file\'s folder.' }),
    profiles: z.array(z.string()).optional().meta({ description: 'Compose profiles to activate, as `--profile`.' }),
  })
  .meta({ description: 'Where the running truth lives: the compose files `topodoc check` compares this topology with.' });

export const DocSection = z
  .strictObject({
    title: z.string().min(1).meta({ description: 'Section heading.' }),
    body: z.string().meta({ description: 'Markdown body, rendered as written.' }),
  })
  .meta({ description: 'Hand-written prose kept with the model (design philosophy, conventions, runbooks) and placed in the generated doc.' });

export const Group = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'Display name of the group, e.g. "Monitoring".' }),
    description: Description.optional(),
    status: Status.optional(),
  })
  .meta({ description: 'A named group of services (a stack, a layer) drawn as one box or subgraph.' });

export const External = z
  .strictObject({
    name: z.string().min(1).meta({ description: 'Display name, e.g. "Clerk Auth".' }),
    kind: z
      .enum(['user', 'client', 'saas', 'system', 'repository', 'registry', 'provider', 'storage'])
      .meta({ description: 'What sort of outside party this is.' }),
    description: Description.optional(),
    url: z.string().optional().meta({ description: 'Where it lives, e.g. https://clerk.com.' }),
  })
  .meta({ description: 'Something outside the compose stack that the system talks to or that uses it: a user, a SaaS, a Git host.' });

export const SystemInfo = {
  id: Id.meta({ description: 'The system id; names its folder under `diagrams/` and its pages on the site.' }),
  name: z.string().min(1).meta({ description: 'Human name of the system.' }),
  description: Description.optional().meta({ description: 'One paragraph on what the system is and does.' }),
  status: Status.optional(),
  compose: ComposeSource.optional(),
  groups: z.record(Id, Group).optional().meta({ description: 'Named groups of services, keyed by id.' }),
  externals: z.record(Id, External).optional().meta({ description: 'Outside parties (users, SaaS, Git hosts), keyed by id.' }),
  sections: z.array(DocSection).optional().meta({ description: 'Hand-written prose sections carried into the generated doc.' }),
};
