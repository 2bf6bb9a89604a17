/**
 * The CSP forbids eval, and zod 4 probes for it (`new Function`) when a schema is *built*, which the
 * browser reports as a CSP violation. Turning its JIT off must happen before any schema module runs,
 * so main.tsx imports this module first.
 */
import { z } from 'zod';

z.config({ jitless: true });
