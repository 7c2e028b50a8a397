import type { Handlers } from '../../shared/contract';
import { companyHandlers } from './company/company-service';
import type { ServiceContext } from './context';
import { customerHandlers } from './customers/customer-service';

/**
 * The handler table: one function per contract channel, shared by Electron IPC, the CLI and the
 * harness. `satisfies` makes a channel without a handler a compile error.
 */
export const handlers = {
  ...companyHandlers,
  ...customerHandlers,
} satisfies Handlers<ServiceContext>;
