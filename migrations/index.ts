import { CreateAccounts1795803392772 } from "./1795803392772-CreateAccounts";

/** Every migration in order; the app, the CLI and the tests run this list. */
export const MIGRATIONS: Function[] = [CreateAccounts1795803392772];
