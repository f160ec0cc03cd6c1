/** The Mermaid views, in the order their fragments are listed. */
import type { Generator } from '../types.ts';
import { architectureDiagram } from './architecture.ts';
import { flowDiagrams } from './flows.ts';
import { routeSequenceDiagrams } from './route-sequences.ts';
import { tlsFlowDiagrams } from './tls-flow.ts';

export { architectureDiagram, flowDiagrams, routeSequenceDiagrams, tlsFlowDiagrams };

export const mermaidGenerators: Generator[] = [architectureDiagram, routeSequenceDiagrams, tlsFlowDiagrams, flowDiagrams];
