/** The ASCII views, in the order their fragments are listed; each is emitted in Unicode and plain `+-|`. */
import type { Generator } from '../types.ts';
import { asciiNetworkIsolation } from './network-isolation.ts';
import { asciiRequestFlow } from './request-flow.ts';
import { asciiSecurityLayers } from './security-layers.ts';
import { asciiSystem } from './system.ts';

export { asciiNetworkIsolation, asciiRequestFlow, asciiSecurityLayers, asciiSystem };

export const asciiGenerators: Generator[] = [asciiSystem, asciiRequestFlow, asciiNetworkIsolation, asciiSecurityLayers];
