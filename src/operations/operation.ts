import type { z } from 'zod';
import type { ErrorCode } from '../domain/errors.ts';
import type { Vault } from '../vault/vault.ts';

/**
 * Who is calling. The owner is the person who unlocked the vault; apps and organisations
 * act through grants (see src/consent/).
 */
export type Principal =
  | { kind: 'owner' }
  | { kind: 'app'; clientId: string; grantId?: string }
  | { kind: 'organisation'; clientId: string; grantId?: string };

/** What an operation's handler gets besides its input. */
export interface OperationContext {
  vault: Vault;
  principal: Principal;
  /** Reports progress of long operations (imports, demo generation) to the face in use. */
  progress?: (done: number, total: number | null, label?: string) => void;
  /** Extra services wired by the composition root (consent engine, insights…), by name. */
  services: OperationServices;
}

/**
 * Services that operations of later modules need. Each module adds its own optional
 * member here, and the composition root (src/main.ts and src/cli/) sets it.
 */
export interface OperationServices {
  [name: string]: unknown;
}

/** How the CLI shows an operation (the HTTP routes need nothing more than the table). */
export interface CliSpec<I, O> {
  /** Command words: ['records'] → `mesinfos records`; ['grants', 'create']. */
  command: string[];
  /** Input fields taken as positional arguments, in order (a trailing array field takes the rest). */
  positional?: string[];
  /** Short description of each option, by input field name. */
  help?: Partial<Record<keyof I & string, string>>;
  /** Renders the output for people: a table (rows of cells) or lines of text. Absent → JSON. */
  render?: (output: O, input: I) => { table: (string | number)[][]; head?: string[] } | string;
  /** Create the vault when it does not exist yet (e.g. `demo` on a first run). */
  createsVault?: boolean;
  /** An error code that makes the command fail even though it answered (e.g. a broken audit chain). */
  exitCode?: (output: O) => ErrorCode | 0 | undefined;
  /** What `--json` prints, when not the whole output (e.g. the array inside a page). */
  json?: (output: O) => unknown;
}

/**
 * One operation: a name, input and output schemas, the permission it needs and the one
 * handler that calls the vault. HTTP routes, CLI commands and the web client's types are
 * derived from the table of these, so a capability is written once.
 *
 * Example:
 *   defineOperation({ name: 'records.get', summary: 'One record', input: z.object({ id }),
 *     output: storedRecordSchema, permission: 'owner', handler: (ctx, i) => ctx.vault.get(i.id) })
 */
export interface Operation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  summary: string;
  input: I;
  output: O;
  /**
   * `owner`: only the person. `grant`: the owner, or an app/organisation whose grant the
   * handler checks through the consent engine (the handler MUST check). `public`: anyone.
   */
  permission: 'owner' | 'grant' | 'public';
  /** Whether the operation changes the vault (HTTP POST, CSRF-protected). */
  mutates: boolean;
  /** Which faces offer it (default both). File-system operations are CLI-only. */
  faces?: ('cli' | 'http')[];
  cli?: CliSpec<z.output<I>, z.output<O>>;
  handler(ctx: OperationContext, input: z.output<I>): Promise<z.input<O>>;
}

export function defineOperation<I extends z.ZodType, O extends z.ZodType>(op: Operation<I, O>): Operation<I, O> {
  return op;
}

export type AnyOperation = Operation<z.ZodType, z.ZodType>;
