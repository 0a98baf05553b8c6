/** The typed client over `window.signet` — every call to main goes through `api`. */
import type { SignetContract, SignetEvents } from '../../shared/contract';
import { createClient, createEvents } from '../../shared/rpc';

export const api = createClient<SignetContract>(window.signet);
export const events = createEvents<SignetEvents>(window.signet);
