import { describe } from 'vitest';
import { signInGuardContract } from '../testing/sign-in-guard-contract.ts';
import { createSignInGuard } from './sign-in-guard.ts';

describe('sign-in guard (in memory)', () => {
  signInGuardContract(createSignInGuard);
});
