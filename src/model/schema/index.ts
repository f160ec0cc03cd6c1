export { Topology } from './topology.ts';
export type { TopologyInput, TopologyModel } from './topology.ts';
export { PORT_ROLES, SERVICE_KINDS } from './services.ts';
export { MIDDLEWARE_TYPE_NAMES } from './middlewares.ts';
export type { FlowStep } from './flows.ts';
